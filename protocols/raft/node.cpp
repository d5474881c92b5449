// Construction, boot, dispatch, status, and the only functions that change a
// node's role (STYLE.md 2).
#include "protocols/raft/node.h"

#include <bit>

#include "protocols/core/assert.h"
#include "protocols/core/overloaded.h"
#include "protocols/core/quorum.h"
#include "protocols/raft/quorum.h"

namespace consim::raft {

RaftNode::RaftNode(NodeId id, int nodes, const RaftConfig& config) : id_(id), nodes_(nodes), config_(config) {
  CONSIM_ASSERT(nodes_ >= 1 && nodes_ <= kMaxNodes, "cluster size out of range");
  CONSIM_ASSERT(id_ >= 1 && id_ <= nodes_, "node id out of range");
  // The loader rejects these; a zero period would spin without time passing.
  CONSIM_ASSERT(config_.heartbeat > Duration::zero(), "heartbeat must be positive");
  CONSIM_ASSERT(config_.election_timeout.min > Duration::zero() &&
                    config_.election_timeout.min <= config_.election_timeout.max,
                "election timeout range must be positive and ordered");
}

// Boot replays the synced journal in order, then re-reports what it
// recovered (observation.h): the snapshot, then every entry in the log. The
// commit index is volatile: it starts at the snapshot and is relearned from
// the leader.
void RaftNode::boot(Context& ctx, std::span<const RecordPtr> durable) {
  bugs_ = bugs_for(ctx, Protocol::kRaft);

  // Every node of a run runs the same protocol, so its journal holds only
  // RaftRecords.
  for (const RecordPtr& record : durable) replay(static_cast<const RaftRecord&>(*record).body());
  kv_.set_sessions(!bugs_.has(Bug::kRaftNoDedup));
  persisted_term_ = current_term_;
  persisted_vote_ = voted_for_;
  durable_index_ = log_.last_index();
  if (log_.last_index() > 0) ctx.probe(Probe::kRaftRestartedWithLog);

  ctx.observe(RoleChanged{role_, current_term_});
  if (snapshot_) ctx.observe(SnapshotTaken{snapshot_->last_index, snapshot_->last_term, snapshot_installed_});
  for (uint64_t index = log_.first_index(); index <= log_.last_index(); ++index) {
    const LogEntry& entry = log_.at(index);
    ctx.observe(EntryAppended{index, entry.term, entry.digest});
  }
  reset_election_timer(ctx);
  apply_committed(ctx);  // a no-op unless raft.apply-uncommitted
}

void RaftNode::replay(const RaftRecordBody& record) {
  std::visit(Overloaded{
                 [this](const TermAndVote& r) {
                   current_term_ = r.current_term;
                   voted_for_ = r.voted_for;
                 },
                 [this](const EntriesAppended& r) {
                   CONSIM_ASSERT(r.first_index <= log_.last_index() + 1, "the journal's log has no gaps");
                   uint64_t index = r.first_index;
                   for (size_t k = 0; k < r.count(); ++k, ++index) {
                     if (index <= log_.base_index()) continue;
                     if (index <= log_.last_index()) log_.truncate_from(index);
                     log_.append(r.entry(k));
                   }
                 },
                 [this](const LogTruncatedFrom& r) {
                   if (r.index > log_.base_index()) log_.truncate_from(r.index);
                 },
                 [this](const SnapshotSaved& r) {
                   const uint64_t index = r.snapshot->last_index;
                   const uint64_t term = r.snapshot->last_term;
                   if (log_.matches(index, term)) log_.compact_to(index, term);
                   else log_.reset(index, term);
                   kv_ = r.snapshot->state;
                   snapshot_ = r.snapshot;
                   snapshot_installed_ = r.installed;
                   commit_index_ = index;
                   last_applied_ = index;
                 },
             },
             record);
}

// Every node of a run runs the same protocol, so the engine hands a Raft node
// only RaftMessages. Each handler applies the rules for all servers first,
// then its role's path.
void RaftNode::on_message(Context& ctx, NodeId from, const Message& message) {
  CONSIM_ASSERT(from >= 1 && from <= nodes_ && from != id_, "message from outside the cluster");
  const auto& raft = static_cast<const RaftMessage&>(message);
  std::visit([&](const auto& m) { receive(ctx, from, m); }, raft.payload());
}

void RaftNode::on_timer(Context& ctx, int kind) {
  switch (kind) {
    case kElectionTimer:
      election_timeout_.fired();
      on_election_timer(ctx);
      return;
    case kHeartbeatTimer:
      heartbeat_timer_.fired();
      on_heartbeat_timer(ctx);
      return;
    case kCheckQuorumTimer:
      check_quorum_timer_.fired();
      on_check_quorum_timer(ctx);
      return;
  }
  CONSIM_ASSERT(false, "unknown timer kind");
}

NodeStatus RaftNode::status() const {
  NodeStatus s;
  s.role = role_;
  s.term = current_term_;
  s.leader = leader_id_;
  s.last_applied = last_applied_;
  s.applied_digest = kv_.applied_digest();
  s.log_entries = log_.size() + (snapshot_ ? 1 : 0);
  return s;
}

int RaftNode::quorum() const { return quorum_size(nodes_, bugs_.has(Bug::kRaftMinorityQuorum)); }

void RaftNode::step_down_if_newer(Context& ctx, uint64_t term, NodeId leader) {
  if (term > current_term_) become_follower(ctx, term, leader);
}

void RaftNode::become_follower(Context& ctx, uint64_t term, NodeId leader) {
  CONSIM_ASSERT(term >= current_term_, "a term never goes back");
  const bool was_leader = role_ == Role::kLeader;
  if (term > current_term_) {
    if (was_leader) ctx.probe(Probe::kRaftLeaderSteppedDown);
    current_term_ = term;
    voted_for_ = 0;
  }
  role_ = Role::kFollower;
  leader_id_ = leader;
  if (was_leader) stop_leading(ctx);
  else heartbeat_timer_.disarm(ctx);  // a (pre-)candidate stops asking for votes
  ctx.observe(RoleChanged{role_, current_term_});
  // Rules for Servers, followers: only AppendEntries from the current leader
  // or a granted vote restart the election timeout; a newer term alone does
  // not. Otherwise a candidate whose log is too stale to win keeps pushing
  // back the timeouts of the nodes that could (5.4.1), term after term. A
  // former leader has no election timer yet, so it gets one.
  if (was_leader || !election_timeout_.armed()) reset_election_timer(ctx);
}

// Dissertation 9.6: before disrupting the cluster with a new term, ask
// whether a majority would vote at all.
void RaftNode::become_pre_candidate(Context& ctx) {
  CONSIM_ASSERT(role_ != Role::kLeader, "a leader does not campaign");
  const bool changed = role_ != Role::kPreCandidate;
  role_ = Role::kPreCandidate;
  leader_id_ = 0;
  pre_votes_granted_ = bit(id_);
  vote_answers_ = bit(id_);
  if (changed) ctx.observe(RoleChanged{role_, current_term_});
  reset_election_timer(ctx);
  if (std::popcount(pre_votes_granted_) >= quorum()) {
    become_candidate(ctx);
    return;
  }
  ask_for_votes(ctx);
  heartbeat_timer_.arm(ctx, config_.heartbeat);
}

// Rules for Servers, candidates (5.2): increment currentTerm, vote for self,
// reset the election timer, send RequestVote to all other servers. The term
// and the self-vote are synced before any RequestVote leaves.
void RaftNode::become_candidate(Context& ctx) {
  CONSIM_ASSERT(role_ != Role::kLeader, "a leader does not campaign");
  current_term_ += 1;
  voted_for_ = id_;
  role_ = Role::kCandidate;
  leader_id_ = 0;
  votes_granted_ = bit(id_);
  vote_answers_ = bit(id_);
  ctx.observe(RoleChanged{role_, current_term_});
  reset_election_timer(ctx);
  persist_term_and_vote(ctx);
  if (std::popcount(votes_granted_) >= quorum()) {
    become_leader(ctx);
    return;
  }
  ask_for_votes(ctx);
  heartbeat_timer_.arm(ctx, config_.heartbeat);
}

// Rules for Servers, leaders: initialize nextIndex to the leader's last log
// index + 1 and matchIndex to 0, append a no-op of the new term (dissertation
// 6.4: it commits the entries of earlier terms and lets reads proceed), and
// send AppendEntries to everyone at once.
//
// With raft.commit-old-term there is no no-op: that is the Figure 8 setting,
// where earlier-term entries reach a majority with no current-term entry
// after them. (With the no-op they would almost always commit together with
// it, and the mistake would stay hidden.)
void RaftNode::become_leader(Context& ctx) {
  CONSIM_ASSERT(role_ == Role::kCandidate, "only a candidate wins an election");
  role_ = Role::kLeader;
  leader_id_ = id_;
  ctx.observe(RoleChanged{role_, current_term_});
  election_timeout_.disarm(ctx);

  const auto slots = static_cast<size_t>(nodes_) + 1;
  next_index_.assign(slots, log_.last_index() + 1);
  match_index_.assign(slots, 0);
  flow_.assign(slots, Flow{});
  committed_in_term_ = false;
  last_batch_ = nullptr;
  heartbeat_round_ = 0;
  confirmed_round_ = 0;
  clients_.clear();
  reads_awaiting_commit_.clear();
  pending_reads_.clear();
  recover_client_slots();

  if (!bugs_.has(Bug::kRaftCommitOldTerm)) {
    Command noop;
    noop.op = OpType::kNoop;
    const uint64_t digest = noop.digest();
    append_as_leader(ctx, std::make_shared<const Command>(std::move(noop)), digest);
  }
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (peer != id_) send_append(ctx, peer);
  heartbeat_timer_.arm(ctx, config_.heartbeat);
  if (config_.check_quorum) check_quorum_timer_.arm(ctx, config_.election_timeout.min);
  apply_committed(ctx);  // a no-op unless raft.apply-uncommitted
}

// Leaving leadership: the leader's timers stop, and clients still waiting
// are told to look elsewhere (their requests may yet commit under the next
// leader; a retry is deduplicated).
void RaftNode::stop_leading(Context& ctx) {
  heartbeat_timer_.disarm(ctx);
  check_quorum_timer_.disarm(ctx);
  fail_client_requests(ctx);
}

}  // namespace consim::raft
