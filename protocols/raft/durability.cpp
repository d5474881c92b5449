// The journal: what is written, when it is synced, and the messages that
// must wait for a sync.
//
// A message whose content depends on durable state (a granted vote, a
// RequestVote, an AppendEntries acknowledgment) goes through send_durable:
// if anything was written since the last sync, a sync starts, and the
// message leaves only when the newest sync has completed (on_synced). Gated
// messages leave in the order they were sent. A message held back this way is
// no different from a slow one.
#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/raft/node.h"

namespace consim::raft {

void RaftNode::write(Context& ctx, RaftRecordBody record) {
  ctx.write(std::make_shared<const RaftRecord>(std::move(record)));
  unsynced_writes_ = true;
}

// The vote as the journal records it. With raft.volatile-vote a vote for
// another server lives in memory only.
NodeId RaftNode::durable_vote() const {
  if (bugs_.volatile_vote && voted_for_ != id_) return 0;
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
  const uint64_t id = ctx.sync();
  CONSIM_ASSERT(id > last_sync_started_, "sync ids increase");
  last_sync_started_ = id;
  pending_syncs_.push_back(PendingSync{id, log_.last_index()});
  unsynced_writes_ = false;
}

void RaftNode::send_durable(Context& ctx, NodeId to, MessagePtr message) {
  persist_term_and_vote(ctx);
  if (unsynced_writes_) start_sync(ctx);
  if (last_sync_started_ > last_sync_completed_) {
    gated_sends_.push_back(GatedSend{last_sync_started_, to, std::move(message)});
    return;
  }
  ctx.send(to, std::move(message));
}

// Syncs complete in the order they were started (Context::sync).
void RaftNode::on_synced(Context& ctx, uint64_t sync_id) {
  last_sync_completed_ = std::max(last_sync_completed_, sync_id);
  while (!pending_syncs_.empty() && pending_syncs_.front().id <= sync_id) {
    durable_index_ = std::max(durable_index_, pending_syncs_.front().covers_index);
    pending_syncs_.pop_front();
  }
  while (!gated_sends_.empty() && gated_sends_.front().sync_id <= sync_id) {
    ctx.send(gated_sends_.front().to, std::move(gated_sends_.front().message));
    gated_sends_.pop_front();
  }
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
  unsynced_writes_ = false;
  durable_index_ = log_.last_index();
}

}  // namespace consim::raft
