#include "sim/recovery.h"

#include <algorithm>

#include "sim/percentile.h"

namespace consim {

void RecoveryMeter::set_active(Time from, Time to) {
  from_ = from;
  to_ = std::max(from, to);
  const int64_t span = (to_ - from_).count_us();
  committed_in_window_.assign(static_cast<size_t>((span + kWindow.count_us() - 1) / kWindow.count_us()), false);
}

void RecoveryMeter::on_leader_lost(Time t) {
  if (!leader_lost_at_) leader_lost_at_ = t;
}

void RecoveryMeter::on_heal(Time t) {
  if (!healed_at_) healed_at_ = t;
}

void RecoveryMeter::on_commit(Time t) {
  if (t >= from_ && t < to_) committed_in_window_[static_cast<size_t>((t - from_).count_us() / kWindow.count_us())] = true;
  if (leader_lost_at_) failover_ms_.push_back((t - *leader_lost_at_).to_ms());
  if (healed_at_) recovery_ms_.push_back((t - *healed_at_).to_ms());
  leader_lost_at_.reset();
  healed_at_.reset();
}

void RecoveryMeter::summarize(RunStats& stats) const {
  const auto distribution = [](const std::vector<double>& v) {
    return LatencyStats{percentile(v, 0.50), percentile(v, 0.99), percentile(v, 1.0)};
  };
  stats.failovers = failover_ms_.size();
  stats.failover_ms = distribution(failover_ms_);
  stats.recoveries = recovery_ms_.size();
  stats.recovery_ms = distribution(recovery_ms_);
  if (committed_in_window_.empty()) return;
  const auto up = std::count(committed_in_window_.begin(), committed_in_window_.end(), true);
  stats.availability = static_cast<double>(up) / static_cast<double>(committed_in_window_.size());
}

}  // namespace consim
