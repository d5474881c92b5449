// Compaction and snapshots. Once snapshot_threshold slots have been applied
// since the last snapshot, the state machine becomes the new snapshot, the
// slots it covers go (they are decided, so no scout needs their pvalues),
// and the journal is rewritten around it. A replica that needs slots the
// leader no longer holds gets the snapshot instead (as Raft's
// InstallSnapshot); so does a scout whose promise came from an acceptor that
// compacted slots it asked about.
#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {

void MultiPaxosNode::maybe_compact(Context& ctx) {
  if (config_.snapshot_threshold == 0) return;
  if (last_applied_ < log_.base() + config_.snapshot_threshold) return;
  snapshot_ = std::make_shared<const KvSnapshot>(KvSnapshot{kv_, last_applied_, 0});
  snapshot_installed_ = false;
  log_.compact_to(last_applied_);
  ctx.observe(SnapshotTaken{last_applied_, 0, false});
  rewrite_journal(ctx);
}

void MultiPaxosNode::send_snapshot(Context& ctx, NodeId peer) {
  CONSIM_ASSERT(snapshot_ && snapshot_->last_index == log_.base(), "a compacted log has its snapshot");
  Peer& p = peers_[static_cast<size_t>(peer)];
  p.next_slot = log_.base() + 1;
  ctx.probe(Probe::kMultiPaxosSnapshotSent);
  ctx.send(peer, make_message(InstallSnapshot{ballot_, snapshot_}));
}

// The replica jumps to the snapshot: every slot it covers is decided and
// applied. Pvalues after it stay; so do decisions after it (a former
// leader's), which may extend the decided prefix at once.
void MultiPaxosNode::install_snapshot(Context& ctx, const std::shared_ptr<const KvSnapshot>& snapshot) {
  const uint64_t index = snapshot->last_index;
  CONSIM_ASSERT(index > decided_through_, "an installed snapshot is newer than the decided prefix");
  ctx.probe(Probe::kMultiPaxosSnapshotInstalled);
  log_.compact_to(std::max(index, log_.base()));
  kv_ = snapshot->state;
  snapshot_ = snapshot;
  snapshot_installed_ = true;
  decided_through_ = index;
  last_applied_ = index;
  ctx.observe(SnapshotTaken{index, 0, true});
  ctx.observe(CommitAdvanced{index});
  rewrite_journal(ctx);
  advance_decided(ctx);
}

}  // namespace consim::multipaxos
