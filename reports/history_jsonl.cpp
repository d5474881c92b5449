#include "reports/history_jsonl.h"

#include <string>

#include <nlohmann/json.hpp>

#include "reports/history_events.h"

namespace consim {
namespace {

nlohmann::ordered_json value_of(const HistoryOp& op, HistoryEventType type) {
  if (type == HistoryEventType::kOk) return op.result;
  if (op.op == OpType::kGet) return nullptr;
  return op.value;
}

void write_line(const HistoryOp& op, const HistoryEvent& e, size_t index, std::FILE* out) {
  nlohmann::ordered_json j;
  j["index"] = index;
  j["time"] = e.t.us() * 1000;
  j["time_ms"] = e.t.to_ms();
  j["process"] = op.client;
  j["type"] = history_event_type_name(e.type);
  j["f"] = op_name(op.op);
  j["key"] = op.key;
  j["value"] = value_of(op, e.type);
  const std::string line = j.dump();
  std::fwrite(line.data(), 1, line.size(), out);
  std::fputc('\n', out);
}

}  // namespace

void write_history_jsonl(const History& h, std::FILE* out) {
  const auto events = history_events(h);
  for (size_t index = 0; index < events.size(); ++index) write_line(h[events[index].op], events[index], index, out);
}

}  // namespace consim
