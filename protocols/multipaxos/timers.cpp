// Timers (protocols/timer.h). Each kind has at most one pending timer. The
// leader timeout is reset on every p2a from the leader, so it is a Timeout:
// one timer event per timeout, not one per message.
#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {

// The timeout is drawn afresh at every reset from the node's own random
// stream, so that two nodes rarely start competing scouts at once (PMMC
// section 5 discusses the livelock of dueling leaders).
void MultiPaxosNode::reset_leader_timer(Context& ctx) {
  leader_timeout_.reset(ctx, config_.leader_timeout);
}

// A follower that heard no leader, or a scout that got no majority, in a
// whole timeout starts a scout with a higher ballot.
void MultiPaxosNode::on_leader_timer(Context& ctx) {
  if (role_ == Role::kLeader || !leader_timeout_.elapsed_or_rearm(ctx)) return;
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
    heartbeat_timer_.arm(ctx, config_.heartbeat);
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
  heartbeat_timer_.arm(ctx, config_.heartbeat);
}

void MultiPaxosNode::heard_from_leader(Context& ctx, NodeId leader) {
  CONSIM_ASSERT(role_ == Role::kFollower, "only a follower hears from a leader");
  leader_id_ = leader;
  reset_leader_timer(ctx);
}

}  // namespace consim::multipaxos
