// Leader election (5.2, 5.4.1) and PreVote (dissertation 9.6), both sides.
#include <bit>

#include "protocols/core/assert.h"
#include "protocols/raft/node.h"

namespace consim::raft {

// 5.4.1, the election restriction: "If the logs have last entries with
// different terms, then the log with the later term is more up-to-date. If
// the logs end with the same term, then whichever log is longer is more
// up-to-date."
bool RaftNode::candidate_log_up_to_date(uint64_t last_log_index, uint64_t last_log_term) const {
  if (bugs_.has(Bug::kRaftNoUpToDateCheck)) return true;
  if (last_log_term != log_.last_term()) return last_log_term > log_.last_term();
  return last_log_index >= log_.last_index();
}

// RequestVote (or PreVote) to every server that has not answered yet. A
// RequestVote leaves only once the candidate's term and self-vote are synced.
void RaftNode::ask_for_votes(Context& ctx) {
  const bool pre = role_ == Role::kPreCandidate;
  CONSIM_ASSERT(pre || role_ == Role::kCandidate, "only a (pre-)candidate asks for votes");
  const MessagePtr ask =
      pre ? make_message(PreVote{current_term_ + 1, id_, log_.last_index(), log_.last_term()})
          : make_message(RequestVote{current_term_, id_, log_.last_index(), log_.last_term()});
  for (NodeId peer = 1; peer <= nodes_; ++peer) {
    if (peer == id_ || (vote_answers_ & bit(peer)) != 0) continue;
    if (pre) ctx.send(peer, ask);
    else send_durable(ctx, peer, ask);
  }
}

// RequestVote RPC, receiver implementation (Figure 2).
void RaftNode::receive(Context& ctx, NodeId from, const RequestVote& m) {
  // Leader stickiness (9.6, with CheckQuorum): a server that heard from a
  // current leader within the minimum election timeout neither updates its
  // term nor grants its vote; the request is ignored.
  if (config_.check_quorum && m.term > current_term_ && in_leader_lease(ctx)) {
    ctx.probe(Probe::kRaftVoteIgnoredLease);
    return;
  }
  step_down_if_newer(ctx, m.term, 0);

  // 1. Reply false if term < currentTerm.
  // 2. If votedFor is null or candidateId, and candidate's log is at least as
  //    up-to-date as receiver's log, grant vote.
  bool granted = false;
  if (m.term == current_term_ && (voted_for_ == 0 || voted_for_ == m.candidate_id) &&
      candidate_log_up_to_date(m.last_log_index, m.last_log_term)) {
    granted = true;
    voted_for_ = m.candidate_id;
    reset_election_timer(ctx);  // Rules for followers: granting a vote restarts the timeout
  } else if (m.term == current_term_) {
    const bool voted_other = voted_for_ != 0 && voted_for_ != m.candidate_id;
    ctx.probe(voted_other ? Probe::kRaftVoteRefusedVoted : Probe::kRaftVoteRefusedLog);
  }
  MessagePtr reply = make_message(RequestVoteReply{current_term_, granted});
  if (granted && bugs_.has(Bug::kRaftVolatileVote)) {
    // raft.volatile-vote: the grant leaves at once, with nothing written; the
    // vote itself is never written (durable_vote), so a restart forgets it.
    ctx.send(from, std::move(reply));
    return;
  }
  send_durable(ctx, from, std::move(reply));
}

void RaftNode::receive(Context& ctx, NodeId from, const RequestVoteReply& m) {
  step_down_if_newer(ctx, m.term, 0);
  if (role_ != Role::kCandidate || m.term != current_term_) return;
  vote_answers_ |= bit(from);
  if (!m.vote_granted) return;
  // Rules for Servers, candidates: "If votes received from majority of
  // servers: become leader". A duplicated grant counts once.
  votes_granted_ |= bit(from);
  if (std::popcount(votes_granted_) >= quorum()) become_leader(ctx);
}

// PreVote, receiver (9.6): grant if the asker's log is up to date and this
// server has not heard from a leader within the minimum election timeout. A
// pre-vote changes neither term nor vote, so the "higher term -> follower"
// rule does not apply to it; nothing needs to be synced before the reply.
void RaftNode::receive(Context& ctx, NodeId from, const PreVote& m) {
  const bool granted = m.term > current_term_ && !in_leader_lease(ctx) &&
                       candidate_log_up_to_date(m.last_log_index, m.last_log_term);
  if (!granted) ctx.probe(Probe::kRaftPreVoteRefused);
  ctx.send(from, make_message(PreVoteReply{granted ? m.term : current_term_, granted}));
}

void RaftNode::receive(Context& ctx, NodeId from, const PreVoteReply& m) {
  // A refusal carries the responder's term: the all-servers rule applies. A
  // grant carries the term asked about, which this node has not reached yet.
  if (!m.vote_granted) {
    step_down_if_newer(ctx, m.term, 0);
    if (role_ == Role::kPreCandidate) vote_answers_ |= bit(from);
    return;
  }
  if (role_ != Role::kPreCandidate || m.term != current_term_ + 1) return;
  vote_answers_ |= bit(from);
  pre_votes_granted_ |= bit(from);
  if (std::popcount(pre_votes_granted_) >= quorum()) become_candidate(ctx);
}

}  // namespace consim::raft
