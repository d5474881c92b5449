// Log replication (5.3) and commitment (5.4.2): AppendEntries on both sides.
#include <algorithm>
#include <array>

#include "protocols/core/assert.h"
#include "protocols/raft/node.h"
#include "protocols/raft/quorum.h"

namespace consim::raft {

// AppendEntries RPC, receiver implementation (Figure 2).
void RaftNode::receive(Context& ctx, NodeId from, const AppendEntries& m) {
  step_down_if_newer(ctx, m.term, m.leader_id);
  AppendEntriesReply reply;
  reply.term = current_term_;
  reply.prev_log_index = m.prev_log_index;
  reply.read_round = m.read_round;

  // 1. Reply false if term < currentTerm.
  if (m.term < current_term_) {
    ctx.probe(Probe::kRaftAppendStaleTerm);
    send_durable(ctx, from, make_message(reply));
    return;
  }
  if (!follow_leader_of_term(ctx, m.leader_id)) return;

  // 2. Reply false if log doesn't contain an entry at prevLogIndex whose term
  //    matches prevLogTerm.
  if (!log_matches(m.prev_log_index, m.prev_log_term, reply)) {
    ctx.probe(reply.conflict_term != 0 ? Probe::kRaftAppendTermMismatch : Probe::kRaftAppendLogGap);
    send_durable(ctx, from, make_message(reply));
    return;
  }

  // 3-4. Resolve conflicts and append what is new.
  const uint64_t last_new = store_entries(ctx, m.prev_log_index, m.entries);
  // 5. If leaderCommit > commitIndex, set commitIndex = min(leaderCommit,
  //    index of last new entry).
  const uint64_t commit = std::min(m.leader_commit, last_new);
  if (commit > commit_index_) commit_to(ctx, commit);
  apply_committed(ctx);  // a no-op unless raft.apply-uncommitted

  // The acknowledgment leaves once the entries are on disk (send_durable).
  reply.success = true;
  reply.match_index = last_new;
  send_durable(ctx, from, make_message(reply));
}

// Receiver rule 2's check. An index inside the snapshot matches: it is
// committed. On a mismatch, `refusal` gets the hints that let the leader skip
// a whole term at a time. raft.skip-log-matching skips the term comparison
// (a gap in the log cannot be skipped).
bool RaftNode::log_matches(uint64_t prev_log_index, uint64_t prev_log_term, AppendEntriesReply& refusal) const {
  if (prev_log_index > log_.last_index()) {
    refusal.conflict_index = log_.last_index() + 1;
    return false;
  }
  if (bugs_.has(Bug::kRaftSkipLogMatching) || prev_log_index < log_.base_index()) return true;
  const uint64_t term = log_.term_at(prev_log_index);
  if (term == prev_log_term) return true;
  refusal.conflict_term = term;
  refusal.conflict_index =
      prev_log_index == log_.base_index() ? prev_log_index : log_.first_index_of_term_at(prev_log_index);
  return false;
}

// Receiver rules 3 and 4: "If an existing entry conflicts with a new one
// (same index but different terms), delete the existing entry and all that
// follow it. Append any new entries not already in the log." An entry this
// node already holds is kept, so a stale or duplicated AppendEntries never
// truncates. Returns the index of the last new entry.
uint64_t RaftNode::store_entries(Context& ctx, uint64_t prev_log_index, const EntryBatch& batch) {
  const size_t n = batch_size(batch);
  size_t i = 0;
  uint64_t index = prev_log_index;  // entry i goes at index + 1
  // Entries inside the snapshot are committed, hence already ours.
  if (index < log_.base_index()) {
    i = static_cast<size_t>(std::min<uint64_t>(log_.base_index() - index, n));
    index += i;
  }
  for (; i < n && index + 1 <= log_.last_index(); ++i, ++index) {
    if (log_.term_at(index + 1) != (*batch)[i].term) {
      ctx.probe(Probe::kRaftConflictTruncated);
      truncate_log(ctx, index + 1);
      break;
    }
  }
  if (i < n) {
    EntriesAppended record{index + 1, batch, i};
    for (; i < n; ++i) {
      const LogEntry& entry = (*batch)[i];
      log_.append(entry);
      ++index;
      ctx.observe(EntryAppended{index, entry.term, entry.digest});
    }
    write(ctx, std::move(record));
  } else if (n > 0) {
    ctx.probe(Probe::kRaftAppendAlreadyHeld);
  }
  return prev_log_index + n;
}

void RaftNode::truncate_log(Context& ctx, uint64_t from) {
  // Committed entries are never in conflict (Leader Completeness); only an
  // injected bug can bring one here.
  CONSIM_ASSERT(from > commit_index_ || bugs_.any(), "truncating a committed entry");
  log_.truncate_from(from);
  forget_durability_from(from);
  if (commit_index_ >= from) commit_index_ = from - 1;
  ctx.observe(LogTruncated{from});
  write(ctx, LogTruncatedFrom{from});
}

// Rules for Servers, leaders: "If command received from client: append entry
// to local log". The entry is replicated at once; the leader counts itself
// for it once its own sync completes.
uint64_t RaftNode::append_as_leader(Context& ctx, std::shared_ptr<const Command> command, uint64_t digest) {
  CONSIM_ASSERT(role_ == Role::kLeader, "only a leader appends on its own");
  persist_term_and_vote(ctx);
  const uint64_t index = log_.last_index() + 1;
  LogEntry entry{current_term_, std::move(command), digest};
  log_.append(entry);
  ctx.observe(EntryAppended{index, entry.term, entry.digest});
  // The followers that keep up get exactly this entry next: one batch serves
  // the journal and every AppendEntries.
  last_batch_ = make_batch({std::move(entry)});
  last_batch_first_ = index;
  write(ctx, EntriesAppended{index, last_batch_, 0});
  start_sync(ctx);
  return index;
}

// Sends the entries from next_index_ (or the snapshot, if they were
// compacted away). While probing, next_index_ stays until a reply; while
// pipelining, it moves past what was just sent.
void RaftNode::send_append(Context& ctx, NodeId peer) {
  const auto p = static_cast<size_t>(peer);
  Flow& f = flow_[p];
  const uint64_t prev = next_index_[p] - 1;
  if (prev < log_.base_index()) {
    send_snapshot(ctx, peer);
    return;
  }
  AppendEntries m;
  m.term = current_term_;
  m.leader_id = id_;
  m.prev_log_index = prev;
  m.prev_log_term = log_.term_at(prev);
  m.entries = batch_from(prev + 1);
  m.leader_commit = commit_index_;
  m.read_round = heartbeat_round_;
  if (f.probing) f.paused = true;
  else next_index_[p] = prev + 1 + batch_size(m.entries);
  ctx.send(peer, make_message(std::move(m)));
}

// Up to max_entries_per_message entries from `from`, shared with the last
// AppendEntries that carried the same range (entries of a leader's log never
// change while it leads).
EntryBatch RaftNode::batch_from(uint64_t from) {
  if (from > log_.last_index()) return nullptr;
  const uint64_t count = std::min<uint64_t>(std::max<uint64_t>(1, config_.max_entries_per_message),
                                            log_.last_index() - from + 1);
  if (!last_batch_ || last_batch_first_ != from || last_batch_->size() != count) {
    last_batch_ = make_batch(log_.slice(from, count));
    last_batch_first_ = from;
  }
  return last_batch_;
}

// A heartbeat. While pipelining it carries no entries and points at the last
// index the follower is known to hold, so that it cannot be refused just
// because pipelined entries are still on the way; while probing it is the
// probe itself.
void RaftNode::send_heartbeat(Context& ctx, NodeId peer) {
  const auto p = static_cast<size_t>(peer);
  Flow& f = flow_[p];
  if (f.probing || match_index_[p] < log_.base_index()) {
    f.paused = false;
    send_append(ctx, peer);
    return;
  }
  AppendEntries m;
  m.term = current_term_;
  m.leader_id = id_;
  m.prev_log_index = match_index_[p];
  m.prev_log_term = log_.term_at(match_index_[p]);
  m.leader_commit = commit_index_;
  m.read_round = heartbeat_round_;
  ctx.send(peer, make_message(std::move(m)));
}

void RaftNode::replicate_new_entries(Context& ctx) {
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (peer != id_ && !flow_[static_cast<size_t>(peer)].paused) send_append(ctx, peer);
}

// Any reply of the current term: the follower recognizes this leader now.
void RaftNode::heard_from_follower(Context& ctx, NodeId peer, uint64_t read_round) {
  Flow& f = flow_[static_cast<size_t>(peer)];
  f.recently_active = true;
  if (read_round > f.acked_round) {
    f.acked_round = read_round;
    if (!pending_reads_.empty()) {
      update_confirmed_round();
      serve_reads(ctx);
    }
  }
}

void RaftNode::receive(Context& ctx, NodeId from, const AppendEntriesReply& m) {
  step_down_if_newer(ctx, m.term, 0);
  if (role_ != Role::kLeader || m.term != current_term_) {
    ctx.probe(Probe::kRaftStaleReplyIgnored);
    return;
  }
  heard_from_follower(ctx, from, m.read_round);
  const auto p = static_cast<size_t>(from);
  Flow& f = flow_[p];

  // Rules for Servers, leaders: "If successful: update nextIndex and
  // matchIndex for follower". match_index_ only grows: replies may arrive
  // duplicated and out of order.
  if (m.success) {
    const bool advanced = m.match_index > match_index_[p];
    if (advanced) match_index_[p] = m.match_index;
    next_index_[p] = std::max(next_index_[p], match_index_[p] + 1);
    f.probing = false;
    f.paused = false;
    if (next_index_[p] <= log_.last_index()) send_append(ctx, from);
    if (advanced) advance_commit(ctx);
    return;
  }

  // "If AppendEntries fails because of log inconsistency: decrement nextIndex
  // and retry", using the follower's hints to skip a term at a time. A
  // refusal at or below what the follower is known to hold, or one that
  // answers an earlier probe, is stale.
  if (m.prev_log_index <= match_index_[p] || (f.probing && m.prev_log_index + 1 != next_index_[p])) {
    ctx.probe(Probe::kRaftStaleRefusalIgnored);
    return;
  }
  uint64_t next = m.conflict_index;
  if (m.conflict_term != 0) {
    const uint64_t last_of_term = log_.last_index_of_term(m.conflict_term);
    if (last_of_term != 0) next = last_of_term + 1;
  }
  next = std::min(next, m.prev_log_index);  // the entry at prev_log_index did not match
  next = std::max(next, match_index_[p] + 1);
  next_index_[p] = next;
  f.probing = true;
  f.paused = false;
  send_append(ctx, from);
}

// Rules for Servers, leaders: "If there exists an N such that N >
// commitIndex, a majority of matchIndex[i] >= N, and log[N].term ==
// currentTerm: set commitIndex = N" (5.3, 5.4.2). The leader's own entry
// counts once it is durable.
void RaftNode::advance_commit(Context& ctx) {
  if (role_ != Role::kLeader) return;
  std::array<uint64_t, 64> replicated{};
  for (NodeId node = 1; node <= nodes_; ++node) {
    const auto i = static_cast<size_t>(node);
    replicated[i - 1] = node == id_ ? durable_index_ : match_index_[i];
  }
  const uint64_t n = quorum_value(std::span<const uint64_t>(replicated.data(), static_cast<size_t>(nodes_)), quorum());
  if (n <= commit_index_) return;
  CONSIM_ASSERT(n <= log_.last_index(), "a quorum holds an entry the leader lacks");
  // 5.4.2: an entry of an earlier term is never committed by counting
  // replicas (Figure 8); it commits with the first current-term entry after
  // it. raft.commit-old-term counts them anyway.
  if (log_.term_at(n) != current_term_ && !bugs_.has(Bug::kRaftCommitOldTerm)) {
    ctx.probe(Probe::kRaftOldTermNotCounted);
    return;
  }
  commit_to(ctx, n);
}

void RaftNode::commit_to(Context& ctx, uint64_t index) {
  CONSIM_ASSERT(index > commit_index_ && index <= log_.last_index(), "commit index moves forward within the log");
  commit_index_ = index;
  ctx.observe(CommitAdvanced{index});
  if (role_ == Role::kLeader && !committed_in_term_ && log_.term_at(index) == current_term_) {
    committed_in_term_ = true;
    register_reads(ctx);
  }
  apply_committed(ctx);
}

}  // namespace consim::raft
