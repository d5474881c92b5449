#include "reports/history_edn.h"

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "reports/history_events.h"

namespace consim {
namespace {

// An EDN string: the escapes EDN has (\" \\ \n \t \r), \uXXXX for other control characters.
std::string edn_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        else out += c;
    }
  }
  return out + "\"";
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
