// Timers. Each kind has at most one pending timer. The leader timer is reset
// on every p2a from the leader, so instead of cancelling and re-setting it
// each time the node moves a deadline (leader_deadline_) and lets a timer
// that fires early re-arm itself for the rest: one timer event per timeout,
// not one per message.
#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {

void MultiPaxosNode::arm(Context& ctx, Timer& timer, Duration after, TimerKind kind) {
  if (timer.armed) ctx.cancel_timer(timer.handle);
  timer.handle = ctx.set_timer(after, kind);
  timer.armed = true;
  timer.fires_at = ctx.now() + after;
}

void MultiPaxosNode::disarm(Context& ctx, Timer& timer) {
  if (timer.armed) ctx.cancel_timer(timer.handle);
  timer.armed = false;
}

// The timeout is drawn afresh at every reset from the node's own random
// stream, so that two nodes rarely start competing scouts at once (PMMC
// section 5 discusses the livelock of dueling leaders).
void MultiPaxosNode::reset_leader_timer(Context& ctx) {
  const Duration timeout = ctx.rng().uniform_duration(config_.leader_timeout);
  leader_deadline_ = ctx.now() + timeout;
  if (!leader_timer_.armed || leader_timer_.fires_at > leader_deadline_)
    arm(ctx, leader_timer_, timeout, kLeaderTimer);
}

// A follower that heard no leader, or a scout that got no majority, in a
// whole timeout starts a scout with a higher ballot.
void MultiPaxosNode::on_leader_timer(Context& ctx) {
  if (role_ == Role::kLeader) return;
  const Time now = ctx.now();
  if (now < leader_deadline_) {
    arm(ctx, leader_timer_, leader_deadline_ - now, kLeaderTimer);
    return;
  }
  become_candidate(ctx);
}

// Leaders: a p2a to every acceptor, carrying what was lost since the last
// heartbeat or else no proposals (a heartbeat with the leader's decided
// prefix). Scouts: the p1a again to every acceptor that has not promised.
void MultiPaxosNode::on_heartbeat_timer(Context& ctx) {
  if (role_ == Role::kFollower) return;
  if (role_ == Role::kCandidate) {
    for (NodeId peer = 1; peer <= nodes_; ++peer)
      if (peer != id_ && (promises_ & bit(peer)) == 0) send_prepare(ctx, peer);
    arm(ctx, heartbeat_timer_, config_.heartbeat, kHeartbeatTimer);
    return;
  }
  for (NodeId peer = 1; peer <= nodes_; ++peer) {
    if (peer == id_) continue;
    Peer& p = peers_[static_cast<size_t>(peer)];
    // Slots already sent at the previous heartbeat and still not accepted
    // were probably lost: send again from the acceptor's ready point, or
    // from the first open slot it has not accepted (the leader needs its
    // acceptance there even if the acceptor learned the slot elsewhere).
    if (p.match_slot + 1 < p.next_at_last_tick) p.next_slot = p.match_slot + 1;
    p.next_slot = std::min(p.next_slot, first_unaccepted(peer, p.next_at_last_tick));
    p.next_at_last_tick = p.next_slot;
    send_accepts(ctx, peer);
  }
  arm(ctx, heartbeat_timer_, config_.heartbeat, kHeartbeatTimer);
}

void MultiPaxosNode::heard_from_leader(Context& ctx, NodeId leader) {
  CONSIM_ASSERT(role_ == Role::kFollower, "only a follower hears from a leader");
  leader_id_ = leader;
  reset_leader_timer(ctx);
}

}  // namespace consim::multipaxos
