// The journal: what is written, when it is synced, and the messages that
// must wait for a sync.
//
// A message whose content depends on durable state (a granted vote, a
// RequestVote, an AppendEntries acknowledgment) goes through send_durable,
// which hands it to the DurableOutbox (protocols/durable_outbox.h): if
// anything was written since the last sync, a sync starts, and the message
// leaves only when the newest sync has completed (on_synced), in the order
// sent. What Raft adds is the durable index: how far its own log is on disk,
// which a leader needs before it counts itself for an entry.
#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/raft/node.h"

namespace consim::raft {

void RaftNode::write(Context& ctx, RaftRecordBody record) {
  ctx.write(std::make_shared<const RaftRecord>(std::move(record)));
  outbox_.wrote();
}

// The vote as the journal records it. With raft.volatile-vote a vote for
// another server lives in memory only.
NodeId RaftNode::durable_vote() const {
  if (bugs_.has(Bug::kRaftVolatileVote) && voted_for_ != id_) return 0;
  return voted_for_;
}

// current_term and voted_for must be on stable storage before this node
// answers an RPC that depends on them (Figure 2). Written only when changed.
void RaftNode::persist_term_and_vote(Context& ctx) {
  if (current_term_ == persisted_term_ && durable_vote() == persisted_vote_) return;
  write(ctx, TermAndVote{current_term_, durable_vote()});
  persisted_term_ = current_term_;
  persisted_vote_ = durable_vote();
}

void RaftNode::start_sync(Context& ctx) {
  const uint64_t id = outbox_.start_sync(ctx);
  pending_syncs_.push_back(PendingSync{id, log_.last_index()});
}

void RaftNode::send_durable(Context& ctx, NodeId to, MessagePtr message) {
  persist_term_and_vote(ctx);
  outbox_.after_durable(
      Outgoing{to, std::move(message)}, [&] { start_sync(ctx); },
      [&](Outgoing& o) { ctx.send(o.to, std::move(o.message)); });
}

// Syncs complete in the order they were started (Context::sync).
void RaftNode::on_synced(Context& ctx, uint64_t sync_id) {
  while (!pending_syncs_.empty() && pending_syncs_.front().id <= sync_id) {
    durable_index_ = std::max(durable_index_, pending_syncs_.front().covers_index);
    pending_syncs_.pop_front();
  }
  outbox_.on_synced(sync_id, [&](Outgoing& o) { ctx.send(o.to, std::move(o.message)); });
  // The leader counts itself towards a majority only for entries on its own
  // disk.
  if (role_ == Role::kLeader) advance_commit(ctx);
}

// Entries from `index` on were removed from the log: no sync still in flight
// makes them (or their replacements) durable.
void RaftNode::forget_durability_from(uint64_t index) {
  CONSIM_ASSERT(index >= 1, "log indexes start at 1");
  durable_index_ = std::min(durable_index_, index - 1);
  for (PendingSync& s : pending_syncs_) s.covers_index = std::min(s.covers_index, index - 1);
}

// Compaction and snapshot installation replace the journal with the state
// that matters: term and vote, the snapshot, the entries after it. The
// rewrite is durable at once, including entries not yet synced.
void RaftNode::rewrite_journal(Context& ctx) {
  std::vector<RecordPtr> records;
  records.push_back(make_record(TermAndVote{current_term_, durable_vote()}));
  if (snapshot_) records.push_back(make_record(SnapshotSaved{snapshot_, snapshot_installed_}));
  if (log_.size() > 0)
    records.push_back(
        make_record(EntriesAppended{log_.first_index(), make_batch(log_.slice(log_.first_index(), log_.size())), 0}));
  ctx.rewrite(std::move(records));
  persisted_term_ = current_term_;
  persisted_vote_ = durable_vote();
  outbox_.rewritten();
  durable_index_ = log_.last_index();
}

}  // namespace consim::raft
