// Timers. Each kind has at most one pending timer. The round timer serves
// every instance: it is armed for the earliest proposal deadline (a round
// timeout or the end of a backoff), and a timer that fires before any
// deadline is due simply re-arms.
#include <algorithm>
#include <vector>

#include "protocols/core/assert.h"
#include "protocols/paxos/node.h"

namespace consim::paxos {

void PaxosNode::arm(Context& ctx, Timer& timer, Duration after, TimerKind kind) {
  if (timer.armed) ctx.cancel_timer(timer.handle);
  timer.handle = ctx.set_timer(after, kind);
  timer.armed = true;
  timer.fires_at = ctx.now() + after;
}

void PaxosNode::disarm(Context& ctx, Timer& timer) {
  if (timer.armed) ctx.cancel_timer(timer.handle);
  timer.armed = false;
}

void PaxosNode::rearm_round_timer(Context& ctx) {
  if (proposals_.empty()) {
    disarm(ctx, round_timer_);
    return;
  }
  Time earliest = Time::never();
  for (const auto& [instance, p] : proposals_) earliest = std::min(earliest, p.deadline);
  if (round_timer_.armed && round_timer_.fires_at <= earliest) return;
  arm(ctx, round_timer_, std::max(earliest - ctx.now(), Duration::zero()), kRoundTimer);
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
  if (chosen_timer_.armed) return;
  for (const auto& [instance, l] : learned_) {
    if (l.has_it != all_nodes()) {
      arm(ctx, chosen_timer_, kChosenRepeat, kChosenTimer);
      return;
    }
  }
}

void PaxosNode::on_chosen_timer(Context& ctx) {
  repeat_chosen(ctx);
  arm_chosen_timer(ctx);
}

}  // namespace consim::paxos
