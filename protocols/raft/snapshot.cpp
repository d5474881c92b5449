// Log compaction (section 7): snapshots taken locally, and InstallSnapshot
// (Figure 13) for followers that need entries the leader no longer holds.
#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/raft/node.h"

namespace consim::raft {

// Once snapshot_threshold entries have been applied since the last snapshot,
// the state machine at last_applied becomes the new snapshot, the log prefix
// goes, and the journal is rewritten around it.
void RaftNode::maybe_compact(Context& ctx) {
  if (config_.snapshot_threshold == 0) return;
  if (last_applied_ < log_.base_index() + config_.snapshot_threshold) return;
  // With raft.apply-uncommitted the state machine can run ahead of the
  // commit index (or of a truncated log); a snapshot holds only committed
  // entries.
  if (last_applied_ > commit_index_ || last_applied_ > log_.last_index()) return;
  const uint64_t term = log_.term_at(last_applied_);
  snapshot_ = std::make_shared<const KvSnapshot>(KvSnapshot{kv_, last_applied_, term});
  snapshot_installed_ = false;
  log_.compact_to(last_applied_, term);
  ctx.observe(SnapshotTaken{last_applied_, term, false});
  rewrite_journal(ctx);
}

void RaftNode::send_snapshot(Context& ctx, NodeId peer) {
  CONSIM_ASSERT(snapshot_ && snapshot_->last_index == log_.base_index(), "a compacted log has its snapshot");
  Flow& f = flow_[static_cast<size_t>(peer)];
  f.probing = true;
  f.paused = true;
  InstallSnapshot m;
  m.term = current_term_;
  m.leader_id = id_;
  m.last_included_index = snapshot_->last_index;
  m.last_included_term = snapshot_->last_term;
  m.snapshot = snapshot_;
  m.read_round = heartbeat_round_;
  ctx.probe(Probe::kRaftSnapshotSent);
  ctx.send(peer, make_message(std::move(m)));
}

// InstallSnapshot RPC, receiver implementation (Figure 13).
void RaftNode::receive(Context& ctx, NodeId from, const InstallSnapshot& m) {
  step_down_if_newer(ctx, m.term, m.leader_id);
  const InstallSnapshotReply reply{current_term_, m.last_included_index, m.read_round};
  // 1. Reply immediately if term < currentTerm.
  if (m.term < current_term_) {
    send_durable(ctx, from, make_message(reply));
    return;
  }
  if (!follow_leader_of_term(ctx, m.leader_id)) return;
  // A snapshot this node's committed (or applied) prefix already covers
  // changes nothing: it holds those entries, and they are the leader's.
  if (m.last_included_index > std::max(commit_index_, last_applied_)) {
    ctx.probe(Probe::kRaftSnapshotInstalled);
    install_snapshot(ctx, m.snapshot);
  }
  send_durable(ctx, from, make_message(reply));
}

// Figure 13, 6-8: "If existing log entry has same index and term as
// snapshot's last included entry, retain log entries following it and reply.
// Discard the entire log. Reset state machine using snapshot contents."
void RaftNode::install_snapshot(Context& ctx, const std::shared_ptr<const KvSnapshot>& snapshot) {
  const uint64_t index = snapshot->last_index;
  const uint64_t term = snapshot->last_term;
  CONSIM_ASSERT(index > commit_index_, "an installed snapshot is newer than the commit index");
  if (log_.matches(index, term)) {
    log_.compact_to(index, term);
  } else {
    if (log_.last_index() > commit_index_) {
      ctx.probe(Probe::kRaftSnapshotOverLongerLog);
      ctx.observe(LogTruncated{commit_index_ + 1});
    }
    forget_durability_from(index + 1);
    log_.reset(index, term);
  }
  kv_ = snapshot->state;
  kv_.set_sessions(!bugs_.has(Bug::kRaftNoDedup));
  snapshot_ = snapshot;
  snapshot_installed_ = true;
  last_applied_ = index;
  commit_index_ = index;
  ctx.observe(SnapshotTaken{index, term, true});
  ctx.observe(CommitAdvanced{index});
  rewrite_journal(ctx);
}

void RaftNode::receive(Context& ctx, NodeId from, const InstallSnapshotReply& m) {
  step_down_if_newer(ctx, m.term, 0);
  if (role_ != Role::kLeader || m.term != current_term_) {
    ctx.probe(Probe::kRaftStaleReplyIgnored);
    return;
  }
  heard_from_follower(ctx, from, m.read_round);
  const auto p = static_cast<size_t>(from);
  const bool advanced = m.last_included_index > match_index_[p];
  if (advanced) match_index_[p] = m.last_included_index;
  next_index_[p] = std::max(next_index_[p], match_index_[p] + 1);
  flow_[p].probing = false;
  flow_[p].paused = false;
  if (next_index_[p] <= log_.last_index()) send_append(ctx, from);
  if (advanced) advance_commit(ctx);
}

}  // namespace consim::raft
