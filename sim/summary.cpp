#include "sim/summary.h"

#include <array>
#include <utility>

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

// The names of the run summary (`linearizability.verdict`), one place for both ways.
constexpr std::array<std::pair<LinVerdict, std::string_view>, 4> kLinVerdictNames{{
    {LinVerdict::kNotApplicable, "n/a"},
    {LinVerdict::kOk, "ok"},
    {LinVerdict::kViolation, "violation"},
    {LinVerdict::kUnknown, "unknown"},
}};

std::string_view lin_verdict_name(LinVerdict v) {
  for (const auto& [verdict, name] : kLinVerdictNames)
    if (verdict == v) return name;
  return "?";
}

std::optional<LinVerdict> lin_verdict_from_name(std::string_view name) {
  for (const auto& [verdict, verdict_name] : kLinVerdictNames)
    if (verdict_name == name) return verdict;
  return std::nullopt;
}

RunResult run_result(const Summary& s) {
  if (!s.pass) return RunResult::kFail;
  return s.linearizability.verdict == LinVerdict::kUnknown ? RunResult::kUnknown : RunResult::kPass;
}

std::string_view run_result_name(RunResult r) {
  switch (r) {
    case RunResult::kPass: return "pass";
    case RunResult::kFail: return "fail";
    case RunResult::kUnknown: return "unknown";
  }
  return "?";
}

}  // namespace consim
