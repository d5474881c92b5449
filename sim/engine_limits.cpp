// The bounds of one run (RunOptions): what keeps a scenario, however odd,
// from running for hours or filling memory. Every check counts events or
// reports, never wall time, so a bound stops a run at the same event each
// time it is replayed.
#include <fmt/format.h>

#include "sim/engine.h"
#include "sim/node_slot.h"

namespace consim {

void Engine::stop_early(StopReason reason, std::string why) {
  if (!stopped_early_) stopped_early_ = EarlyStop{reason, now_.to_ms(), std::move(why)};
}

void Engine::check_limits() {
  if (options_.interrupt && options_.interrupt->load(std::memory_order_relaxed)) {
    stop_early(StopReason::kInterrupted, "interrupted");
    return;
  }
  // Cancelled timers hold memory until their time comes: the queue's held
  // entries count, not only its live ones.
  uint64_t waiting = queue_.held();
  for (size_t i = 1; i < slots_.size(); ++i) waiting += slots_[i]->deferred.size();
  if (waiting > options_.max_in_flight) {
    stop_early(StopReason::kInFlightBound, fmt::format("{} events in flight (messages, timers, a paused node's inputs) exceed the bound of {}",
                           waiting, options_.max_in_flight));
    return;
  }
  const uint64_t ops = history().size();
  if (ops > options_.max_history_ops) {
    stop_early(StopReason::kHistoryBound, fmt::format("the client history reached {} operations, over the bound of {} (set "
                           "workload.max_requests, fewer clients or a shorter run)",
                           ops, options_.max_history_ops));
  }
}

// Raft reports each entry it appends; Multi-Paxos each slot it accepts. A
// snapshot raises the floor below which nothing is held. A protocol without
// a log (Basic Paxos) keeps one instance per key, bounded by workload.keys.
void Engine::track_log(NodeId node, const Observation& observation) {
  if (traits_.commits != CommitCounting::kCommitIndex) return;
  LogSpan& span = log_spans_[static_cast<size_t>(node)];
  if (const auto* appended = std::get_if<EntryAppended>(&observation)) {
    span.top = std::max(span.top, appended->index);
  } else if (const auto* accepted = std::get_if<ValueAccepted>(&observation)) {
    span.top = std::max(span.top, accepted->instance);
  } else if (const auto* truncated = std::get_if<LogTruncated>(&observation)) {
    span.top = std::min(span.top, truncated->from_index == 0 ? 0 : truncated->from_index - 1);
  } else if (const auto* snapshot = std::get_if<SnapshotTaken>(&observation)) {
    span.floor = std::max(span.floor, snapshot->last_index);
  } else {
    return;
  }
  const uint64_t held = span.top > span.floor ? span.top - span.floor : 0;
  if (held > options_.max_log_entries) {
    stop_early(StopReason::kLogBound, fmt::format("node {} holds {} log entries in memory, over the bound of {} (set "
                           "config.snapshot_threshold, or a shorter run)",
                           node, held, options_.max_log_entries));
  }
}

}  // namespace consim
