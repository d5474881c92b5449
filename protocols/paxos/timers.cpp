// Timers (protocols/timer.h). Each kind has at most one pending timer. The round timer serves
// every instance: it is armed for the earliest proposal deadline (a round
// timeout or the end of a backoff), and a timer that fires before any
// deadline is due simply re-arms.
#include <algorithm>
#include <vector>

#include "protocols/core/assert.h"
#include "protocols/paxos/node.h"

namespace consim::paxos {

void PaxosNode::rearm_round_timer(Context& ctx) {
  if (proposals_.empty()) {
    round_timer_.disarm(ctx);
    return;
  }
  Time earliest = Time::never();
  for (const auto& [instance, p] : proposals_) earliest = std::min(earliest, p.deadline);
  if (round_timer_.armed() && round_timer_.fires_at() <= earliest) return;
  round_timer_.arm(ctx, std::max(earliest - ctx.now(), Duration::zero()));
}

void PaxosNode::on_round_timer(Context& ctx) {
  const Time now = ctx.now();
  std::vector<uint64_t> due;
  for (const auto& [instance, p] : proposals_)
    if (p.deadline <= now) due.push_back(instance);
  for (const uint64_t instance : due)
    if (Proposal* p = proposal(instance); p != nullptr && p->deadline <= now) on_round_timeout(ctx, instance, *p);
  rearm_round_timer(ctx);
}

void PaxosNode::arm_chosen_timer(Context& ctx) {
  if (chosen_timer_.armed()) return;
  for (const auto& [instance, l] : learned_) {
    if (l.has_it != all_nodes()) {
      chosen_timer_.arm(ctx, kChosenRepeat);
      return;
    }
  }
}

void PaxosNode::on_chosen_timer(Context& ctx) {
  repeat_chosen(ctx);
  arm_chosen_timer(ctx);
}

}  // namespace consim::paxos
