#include "sim/summary.h"

#include <fmt/format.h>

namespace consim {

std::string_view stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::kEventBound: return "event_bound";
    case StopReason::kInFlightBound: return "in_flight_bound";
    case StopReason::kHistoryBound: return "history_bound";
    case StopReason::kLogBound: return "log_bound";
    case StopReason::kInterrupted: return "interrupted";
  }
  return "unknown";
}

std::string EarlyStop::describe() const { return fmt::format("stopped at {} ms: {}", at_ms, why); }

}  // namespace consim
