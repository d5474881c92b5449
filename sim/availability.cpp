#include "sim/availability.h"

#include <algorithm>
#include <cmath>

#include "protocols/core/quorum.h"

namespace consim {
namespace {

double exponential(Rng& rng, double mean) { return -mean * std::log(1.0 - rng.uniform_real()); }

// The nodes' up/down processes walked in time order, one transition at a
// time, so that model time can be long without storing it. Times in seconds.
class CrashWalk {
 public:
  struct Step {
    double t;
    NodeId node;
    bool crash;  // else a restart
  };

  CrashWalk(const CrashProcess& p, Rng& rng)
      : rng_(rng), up_s_(p.mean_up().to_ms() / 1000.0), down_s_(p.mttr.to_ms() / 1000.0) {
    for (int n = 0; n < p.nodes; ++n) next_.push_back(exponential(rng_, up_s_));
    is_down_.assign(static_cast<size_t>(p.nodes), false);
  }

  Step next() {
    const auto it = std::min_element(next_.begin(), next_.end());
    const auto i = static_cast<size_t>(it - next_.begin());
    const Step step{*it, static_cast<NodeId>(i + 1), !is_down_[i]};
    is_down_[i] = step.crash;
    down_ += step.crash ? 1 : -1;
    *it += exponential(rng_, step.crash ? down_s_ : up_s_);
    return step;
  }
  int down() const { return down_; }

 private:
  Rng& rng_;
  double up_s_;
  double down_s_;
  std::vector<double> next_;  // per node: the time of its next transition
  std::vector<bool> is_down_;
  int down_ = 0;
};

// Walks `seconds` of model time, calling on_step for every transition, and
// measures how long a majority was up.
template <typename OnStep>
MajorityUp walk(const CrashProcess& process, double seconds, Rng& rng, OnStep on_step) {
  CrashWalk w(process, rng);
  MajorityUp m;
  m.seconds = seconds;
  const int may_be_down = process.nodes - majority(process.nodes);
  double lost = 0;
  double lost_since = 0;
  for (CrashWalk::Step step = w.next(); step.t < seconds; step = w.next()) {
    on_step(step);
    const bool is_lost = w.down() > may_be_down;
    const bool was_lost = w.down() + (step.crash ? -1 : 1) > may_be_down;
    if (step.crash) ++m.crashes;
    if (is_lost && !was_lost) {
      ++m.outages;
      lost_since = step.t;
    } else if (was_lost && !is_lost) {
      lost += step.t - lost_since;
    }
  }
  if (w.down() > may_be_down) lost += seconds - lost_since;
  m.fraction = seconds > 0 ? 1.0 - lost / seconds : 1.0;
  return m;
}

}  // namespace

double binomial_availability(int nodes, double p) {
  double a = 0;
  for (int k = majority(nodes); k <= nodes; ++k) {
    double c = 1;  // C(nodes, k)
    for (int i = 1; i <= k; ++i) c = c * (nodes - k + i) / i;
    a += c * std::pow(p, k) * std::pow(1.0 - p, nodes - k);
  }
  return a;
}

Duration CrashProcess::mean_up() const {
  return Duration::from_ms(mttr.to_ms() * p / std::max(1e-12, 1.0 - p));
}

MajorityUp monte_carlo_majority_up(const CrashProcess& process, double seconds, Rng& rng) {
  return walk(process, seconds, rng, [](const CrashWalk::Step&) {});
}

CrashScenario crash_process_scenario(const CrashProcess& process, Protocol protocol, Duration duration,
                                     uint64_t seed) {
  CrashScenario out;
  Scenario& s = out.scenario;
  s.name = "availability";
  s.protocol = protocol;
  s.nodes = process.nodes;
  s.seed = seed;
  s.duration = duration;
  s.config = default_config(protocol);
  Workload w;
  w.clients = 3;
  w.stop = Time::zero() + duration;
  s.workload = w;
  Rng rng(seed);
  out.majority = walk(process, duration.to_ms() / 1000.0, rng, [&s](const CrashWalk::Step& step) {
    const NodeRef node{NodeRef::Kind::kId, step.node};
    const Time at = Time::from_ms(step.t * 1000.0);
    if (step.crash) s.faults.push_back(Fault{at, CrashFault{node}});
    else s.faults.push_back(Fault{at, RestartFault{node}});
  });
  return out;
}

}  // namespace consim
