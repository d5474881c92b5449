#include "reports/history_jsonl.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace consim {
namespace {

enum class EventType : uint8_t { kInvoke, kOk, kInfo };

struct Event {
  Time t;
  ClientId client;
  size_t ordinal;  // the event's place among its client's events
  size_t op;       // index into the history
  EventType type;
};

const char* type_name(EventType t) {
  switch (t) {
    case EventType::kInvoke: return "invoke";
    case EventType::kOk: return "ok";
    case EventType::kInfo: return "info";
  }
  return "info";
}

nlohmann::ordered_json value_of(const HistoryOp& op, EventType type) {
  if (type == EventType::kOk) return op.result;
  if (op.op == OpType::kGet) return nullptr;
  return op.value;
}

void write_line(const HistoryOp& op, const Event& e, size_t index, std::FILE* out) {
  nlohmann::ordered_json j;
  j["index"] = index;
  j["time"] = e.t.us() * 1000;
  j["time_ms"] = e.t.to_ms();
  j["process"] = op.client;
  j["type"] = type_name(e.type);
  j["f"] = op_name(op.op);
  j["key"] = op.key;
  j["value"] = value_of(op, e.type);
  const std::string line = j.dump();
  std::fwrite(line.data(), 1, line.size(), out);
  std::fputc('\n', out);
}

}  // namespace

void write_history_jsonl(const History& h, std::FILE* out) {
  std::map<ClientId, size_t> next_ordinal;
  std::vector<Event> events;
  std::vector<Event> unanswered;
  Time last = Time::zero();
  for (size_t i = 0; i < h.size(); ++i) {
    const HistoryOp& op = h[i];
    size_t& ordinal = next_ordinal[op.client];
    events.push_back(Event{op.invoke, op.client, ordinal++, i, EventType::kInvoke});
    last = std::max(last, op.invoke);
    if (op.outcome == Outcome::kOk) {
      events.push_back(Event{op.complete, op.client, ordinal++, i, EventType::kOk});
      last = std::max(last, op.complete);
    } else {
      unanswered.push_back(Event{Time::zero(), op.client, ordinal++, i, EventType::kInfo});
    }
  }
  const auto by_time = [](const Event& a, const Event& b) {
    return std::tie(a.t, a.client, a.ordinal) < std::tie(b.t, b.client, b.ordinal);
  };
  std::sort(events.begin(), events.end(), by_time);
  for (Event& e : unanswered) e.t = last;
  std::sort(unanswered.begin(), unanswered.end(), by_time);
  events.insert(events.end(), unanswered.begin(), unanswered.end());
  for (size_t index = 0; index < events.size(); ++index) write_line(h[events[index].op], events[index], index, out);
}

}  // namespace consim
