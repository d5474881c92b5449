#include "sim/checkers/evidence.h"

#include <fmt/format.h>

namespace consim {

std::string hex64(uint64_t value) { return fmt::format("0x{:016x}", value); }

std::vector<NodeId> involved(NodeId a, NodeId b) {
  if (a == b) return {a};
  if (a < b) return {a, b};
  return {b, a};
}

std::string describe(const Command& command) {
  std::string what;
  switch (command.op) {
    case OpType::kNoop: return "noop";
    case OpType::kPut: what = fmt::format("put {}={}", command.key, command.value); break;
    case OpType::kAppend: what = fmt::format("append {}+={}", command.key, command.value); break;
    case OpType::kGet: what = fmt::format("get {}", command.key); break;
  }
  return fmt::format("{} (client {}, seq {})", what, command.client, command.seq);
}

}  // namespace consim
