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
  if (command.op == OpType::kNoop) return "noop";
  return fmt::format("{} (client {}, seq {})", describe_operation(command.op, command.key, command.value),
                     command.client, command.seq);
}

std::string describe_operation(OpType op, std::string_view key, std::string_view value) {
  switch (op) {
    case OpType::kNoop: return "noop";
    case OpType::kPut: return fmt::format("put {}={}", key, value);
    case OpType::kAppend: return fmt::format("append {}+={}", key, value);
    case OpType::kGet: return fmt::format("get {}", key);
  }
  return "?";
}

std::string quote_value(std::string_view value) {
  constexpr size_t kShown = 40;
  if (value.size() <= kShown + 8) return fmt::format("\"{}\"", value);
  return fmt::format("\"...{}\" ({} chars)", value.substr(value.size() - kShown), value.size());
}

}  // namespace consim
