// How quickly and how much of the time the cluster commits: the figures
// `consim compare` sets side by side for protocols (README, "Raft against
// Multi-Paxos"), and that reports chart.
//
// - failover: from a fault that takes the leader away (down, paused, or cut
//   off from a majority) to the next entry committed cluster-wide;
// - recovery: from a heal to the next entry committed cluster-wide;
// - availability: the fraction of kWindow-long windows of the workload's
//   active time in which some client write (put or append) was answered ok:
//   "could a client commit", the same question for every protocol (a Basic
//   Paxos write answered with its register's value counts). It is only
//   meaningful while clients keep asking, so with a busy workload.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/history.h"
#include "sim/summary.h"
#include "protocols/core/time.h"

namespace consim {

class RecoveryMeter {
 public:
  static constexpr Duration kWindow = Duration::ms(50);

  // The workload's active time; commits outside it do not count for availability.
  void set_active(Time from, Time to);
  void on_leader_lost(Time t);
  void on_heal(Time t);
  void on_commit(Time t);

  // Fills failovers, failover_ms, recovery_ms and availability (from the
  // client history's answered writes).
  void summarize(const History& history, RunStats& stats) const;
  const std::vector<double>& failover_samples() const { return failover_ms_; }

 private:
  Time from_ = Time::zero();
  Time to_ = Time::zero();
  bool active_ = false;
  std::optional<Time> leader_lost_at_;
  std::optional<Time> healed_at_;
  std::vector<double> failover_ms_;
  std::vector<double> recovery_ms_;
};

}  // namespace consim
