#include "reports/history_edn.h"

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "reports/history_events.h"
#include "sim/trace.h"

namespace consim {
namespace {

// An EDN string: its escapes (\" \\ \n \t \r, \uXXXX for other control
// characters) are JSON's, so the trace's writer serves.
std::string edn_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string value_of(const HistoryOp& op, HistoryEventType type) {
  if (type == HistoryEventType::kOk) return edn_string(op.result);
  if (op.op == OpType::kGet) return "nil";
  return edn_string(op.value);
}

}  // namespace

void write_history_edn(const History& h, std::FILE* out) {
  const auto events = history_events(h);
  for (size_t index = 0; index < events.size(); ++index) {
    const HistoryEvent& e = events[index];
    const HistoryOp& op = h[e.op];
    const std::string key = edn_string(op.key);
    fmt::print(out, "{{:index {}, :time {}, :process {}, :type :{}, :f :{}, :key {}, :value [{} {}]}}\n", index,
               e.t.us() * 1000, op.client, history_event_type_name(e.type), op_name(op.op), key, key,
               value_of(op, e.type));
  }
}

}  // namespace consim
