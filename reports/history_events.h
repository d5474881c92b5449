// The client history as a Jepsen history: each operation's invocation and
// completion as events in time order, shared by the JSON Lines and EDN
// exports. An operation with no answer by the end of the run ends with an
// "info" event (outcome unknown); those come last, at the time of the latest
// event. Equal times are ordered by client, then by the client's own order,
// so each process's events alternate invoke / completion.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/history.h"

namespace consim {

enum class HistoryEventType : uint8_t { kInvoke, kOk, kInfo };

struct HistoryEvent {
  Time t;
  ClientId client;
  size_t ordinal;  // the event's place among its client's events
  size_t op;       // index into the history
  HistoryEventType type;
};

std::vector<HistoryEvent> history_events(const History& h);
const char* history_event_type_name(HistoryEventType t);  // "invoke", "ok", "info"

}  // namespace consim
