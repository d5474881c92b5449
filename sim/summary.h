// What one run yields: the run summary of the README. Reports render it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/bugs.h"
#include "protocols/core/config.h"
#include "scenarios/scenario.h"
#include "sim/checkers/checker.h"
#include "sim/coverage.h"

namespace consim {

struct ExpectationResult {
  ExpectationKind kind = ExpectationKind::kLeaderAt;
  bool ok = false;
  std::string detail;
};

// A fault that did not apply when it fired (restarting an up node, a
// selector that found nothing, ...).
struct SkippedFault {
  double at_ms = 0;
  std::string type;
  std::string reason;
};

struct LatencyStats {
  double p50 = 0;
  double p99 = 0;
  double max = 0;
};

struct RunStats {
  uint64_t messages_sent = 0;
  uint64_t messages_delivered = 0;
  uint64_t messages_dropped = 0;
  uint64_t leaders_elected = 0;
  uint64_t entries_committed = 0;
  uint64_t client_ok = 0;
  uint64_t client_failed = 0;
  uint64_t client_retries = 0;
  uint64_t crashes = 0;
  uint64_t restarts = 0;
  LatencyStats commit_latency_ms;
  // sim/recovery.h: leader lost -> next commit, heal -> next commit, and the
  // fraction of the workload's time in which a client write was answered ok (-1: no workload).
  uint64_t failovers = 0;
  LatencyStats failover_ms;
  uint64_t recoveries = 0;
  LatencyStats recovery_ms;
  double availability = -1;
};

// What the linearizability check of the client history found.
enum class LinVerdict : uint8_t {
  kNotApplicable,  // not checked: no workload, or the check is off
  kOk,             // the history has a linearization
  kViolation,      // it has none (the violation is among the run's violations)
  kUnknown,        // the search ran out of budget
};

std::string_view lin_verdict_name(LinVerdict v);  // "n/a", "ok", "violation", "unknown"
std::optional<LinVerdict> lin_verdict_from_name(std::string_view name);

// The linearizability check of the client history, run once at the end of
// every run that has a workload.
struct LinearizabilityVerdict {
  LinVerdict verdict = LinVerdict::kNotApplicable;
  std::string reason;   // for kUnknown: why; for kViolation: a summary
  uint64_t states = 0;  // configurations the search explored
};

// An internal assertion that fired (CONSIM_ASSERT in protocol, engine or
// checker code, protocols/core/assert.h): the run stopped there and fails
// with this finding, class `crash`.
struct CrashReport {
  std::string what;   // the condition and its message
  std::string where;  // "protocols/raft/log.cpp:88"
  double time_ms = 0; // simulated time when it fired
  uint64_t events = 0;  // events dispatched by then, the one that fired included
  NodeId node = 0;      // the node whose input it was handling (0: none)
};

// Why a run stopped before its end: one of its bounds (RunOptions) was
// reached, or it was interrupted (Ctrl-C in a sweep).
enum class StopReason : uint8_t {
  kEventBound,     // max_events dispatched
  kInFlightBound,  // too many messages, timers and paused inputs waiting
  kHistoryBound,   // the client history grew past its bound
  kLogBound,       // a node held too many log entries in memory
  kInterrupted,
};
std::string_view stop_reason_name(StopReason r);  // "event_bound", ... (the summary JSON's stop_reason)

struct EarlyStop {
  StopReason reason = StopReason::kEventBound;
  double at_ms = 0;  // simulated time
  std::string why;   // the bound and what to change
  std::string describe() const;  // "stopped at 812.5 ms: the run reached its bound of 100 events"
};

struct Summary {
  std::string consim_version;
  std::string scenario;
  Protocol protocol = Protocol::kRaft;
  int nodes = 0;
  uint64_t seed = 0;
  std::vector<Bug> bugs;
  bool pass = false;
  std::vector<Violation> violations;
  std::vector<ExpectationResult> expectations;
  std::vector<SkippedFault> faults_skipped;
  std::string trace_hash;
  uint64_t events = 0;
  double sim_time_ms = 0;
  double wall_ms = 0;
  // Set when the run stopped before its end.
  std::optional<EarlyStop> stopped_early;
  std::optional<CrashReport> crash;
  RunStats stats;
  LinearizabilityVerdict linearizability;
  RunCoverage coverage;  // probes hit and abstract states reached (sim/coverage.h)
  std::string repro;
};

// A run's verdict: "pass", "fail", or "unknown" when every check held but the
// linearizability search ran out of its budget (--lin-budget) on some key:
// no failure found, and no proof of linearizability either.
enum class RunResult : uint8_t { kPass, kFail, kUnknown };
RunResult run_result(const Summary& s);
std::string_view run_result_name(RunResult r);  // "pass", "fail", "unknown"

}  // namespace consim
