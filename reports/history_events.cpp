#include "reports/history_events.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace consim {

const char* history_event_type_name(HistoryEventType t) {
  switch (t) {
    case HistoryEventType::kInvoke: return "invoke";
    case HistoryEventType::kOk: return "ok";
    case HistoryEventType::kInfo: return "info";
  }
  return "info";
}

std::vector<HistoryEvent> history_events(const History& h) {
  std::map<ClientId, size_t> next_ordinal;
  std::vector<HistoryEvent> events;
  std::vector<HistoryEvent> unanswered;
  Time last = Time::zero();
  for (size_t i = 0; i < h.size(); ++i) {
    const HistoryOp& op = h[i];
    size_t& ordinal = next_ordinal[op.client];
    events.push_back(HistoryEvent{op.invoke, op.client, ordinal++, i, HistoryEventType::kInvoke});
    last = std::max(last, op.invoke);
    if (op.outcome == Outcome::kOk) {
      events.push_back(HistoryEvent{op.complete, op.client, ordinal++, i, HistoryEventType::kOk});
      last = std::max(last, op.complete);
    } else {
      unanswered.push_back(HistoryEvent{Time::zero(), op.client, ordinal++, i, HistoryEventType::kInfo});
    }
  }
  const auto by_time = [](const HistoryEvent& a, const HistoryEvent& b) {
    return std::tie(a.t, a.client, a.ordinal) < std::tie(b.t, b.client, b.ordinal);
  };
  std::sort(events.begin(), events.end(), by_time);
  for (HistoryEvent& e : unanswered) e.t = last;
  std::sort(unanswered.begin(), unanswered.end(), by_time);
  events.insert(events.end(), unanswered.begin(), unanswered.end());
  return events;
}

}  // namespace consim
