// Timers (protocols/timer.h). Each kind has at most one pending timer. The
// election timeout is reset on every AppendEntries, so it is a Timeout: one
// timer event per election timeout, not one per message.
#include "protocols/core/assert.h"
#include "protocols/raft/node.h"

namespace consim::raft {

// 5.2: election timeouts are chosen randomly from a fixed interval, afresh at
// every reset, from the node's own random stream.
void RaftNode::reset_election_timer(Context& ctx) {
  election_timeout_.reset(ctx, config_.election_timeout);
}

// Rules for Servers, followers: "If election timeout elapses without
// receiving AppendEntries RPC from current leader or granting vote to
// candidate: convert to candidate"; candidates: "If election timeout
// elapses: start new election". With PreVote, a pre-vote round comes first.
void RaftNode::on_election_timer(Context& ctx) {
  if (role_ == Role::kLeader || !election_timeout_.elapsed_or_rearm(ctx)) return;
  if (role_ != Role::kFollower) ctx.probe(Probe::kRaftElectionRetried);
  if (config_.pre_vote) become_pre_candidate(ctx);
  else become_candidate(ctx);
}

// Rules for Servers, leaders: "send initial empty AppendEntries RPCs
// (heartbeat) to each server; repeat during idle periods to prevent election
// timeouts". A (pre-)candidate asks again those that have not answered (5.1:
// servers retry RPCs that get no response in a timely manner).
void RaftNode::on_heartbeat_timer(Context& ctx) {
  if (role_ == Role::kFollower) return;
  if (role_ != Role::kLeader) {
    ask_for_votes(ctx);
    heartbeat_timer_.arm(ctx, config_.heartbeat);
    return;
  }
  for (NodeId peer = 1; peer <= nodes_; ++peer) {
    if (peer == id_) continue;
    const auto p = static_cast<size_t>(peer);
    Flow& f = flow_[p];
    // Pipelined entries already sent at the previous heartbeat and still not
    // acknowledged were probably lost: probe again from the last known match.
    if (!f.probing && match_index_[p] + 1 < f.next_at_last_tick) {
      f.probing = true;
      next_index_[p] = match_index_[p] + 1;
    }
    f.next_at_last_tick = next_index_[p];
    send_heartbeat(ctx, peer);
  }
  heartbeat_timer_.arm(ctx, config_.heartbeat);
}

// CheckQuorum (dissertation 9.6): a leader that has not heard from a majority
// (itself included) within an election timeout steps down, so that a
// partitioned leader stops holding clients and stops blocking leader
// stickiness on the other side.
void RaftNode::on_check_quorum_timer(Context& ctx) {
  if (role_ != Role::kLeader) return;
  int active = 1;
  for (NodeId peer = 1; peer <= nodes_; ++peer) {
    if (peer == id_) continue;
    Flow& f = flow_[static_cast<size_t>(peer)];
    if (f.recently_active) ++active;
    f.recently_active = false;
  }
  if (active < quorum()) {
    ctx.probe(Probe::kRaftCheckQuorumStepDown);
    become_follower(ctx, current_term_, 0);
    return;
  }
  check_quorum_timer_.arm(ctx, config_.election_timeout.min);
}

bool RaftNode::in_leader_lease(Context& ctx) const {
  if (role_ == Role::kLeader) return true;
  return leader_id_ != 0 && ctx.now() - last_leader_contact_ < config_.election_timeout.min;
}

bool RaftNode::follow_leader_of_term(Context& ctx, NodeId leader) {
  if (role_ == Role::kLeader) {
    // Election Safety rules this out; only a broken vote can get here.
    CONSIM_ASSERT(bugs_.has(Bug::kRaftMinorityQuorum) || bugs_.has(Bug::kRaftVolatileVote), "two leaders in one term");
    return false;
  }
  if (role_ != Role::kFollower) become_follower(ctx, current_term_, leader);
  heard_from_leader(ctx, leader);
  return true;
}

// AppendEntries or InstallSnapshot from the leader of the current term.
void RaftNode::heard_from_leader(Context& ctx, NodeId leader) {
  CONSIM_ASSERT(role_ == Role::kFollower, "only a follower hears from a leader");
  leader_id_ = leader;
  last_leader_contact_ = ctx.now();
  reset_election_timer(ctx);
}

}  // namespace consim::raft
