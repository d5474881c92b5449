#include "sim/recovery.h"

#include <algorithm>

#include "sim/percentile.h"

namespace consim {

void RecoveryMeter::set_active(Time from, Time to) {
  from_ = from;
  to_ = std::max(from, to);
  active_ = true;
}

void RecoveryMeter::on_leader_lost(Time t) {
  if (!leader_lost_at_) leader_lost_at_ = t;
}

void RecoveryMeter::on_heal(Time t) {
  if (!healed_at_) healed_at_ = t;
}

void RecoveryMeter::on_commit(Time t) {
  if (leader_lost_at_) failover_ms_.push_back((t - *leader_lost_at_).to_ms());
  if (healed_at_) recovery_ms_.push_back((t - *healed_at_).to_ms());
  leader_lost_at_.reset();
  healed_at_.reset();
}

void RecoveryMeter::summarize(const History& history, RunStats& stats) const {
  const auto distribution = [](const std::vector<double>& v) {
    return LatencyStats{percentile(v, 0.50), percentile(v, 0.99), percentile(v, 1.0)};
  };
  stats.failovers = failover_ms_.size();
  stats.failover_ms = distribution(failover_ms_);
  stats.recoveries = recovery_ms_.size();
  stats.recovery_ms = distribution(recovery_ms_);
  const int64_t window = kWindow.count_us();
  const auto windows = static_cast<size_t>(((to_ - from_).count_us() + window - 1) / window);
  if (!active_ || windows == 0) return;
  std::vector<bool> answered(windows, false);
  for (const HistoryOp& op : history) {
    if (op.outcome != Outcome::kOk || (op.op != OpType::kPut && op.op != OpType::kAppend)) continue;
    if (op.complete >= from_ && op.complete < to_)
      answered[static_cast<size_t>((op.complete - from_).count_us() / window)] = true;
  }
  const auto up = std::count(answered.begin(), answered.end(), true);
  stats.availability = static_cast<double>(up) / static_cast<double>(windows);
}

}  // namespace consim
