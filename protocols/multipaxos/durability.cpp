// The journal: what is written, when it is synced, and the messages that
// must wait for a sync.
//
// A message whose content depends on durable state (a promise, an
// acceptance) goes through send_durable, which hands it to the DurableOutbox
// (protocols/durable_outbox.h): if anything was written since the last sync,
// a sync starts, and the message leaves only when the newest sync has
// completed (on_synced), in the order sent. What Multi-Paxos adds is per
// sync: how far the leader's own acceptances are durable, and the
// acceptances reported once they are.
#include <algorithm>

#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {

void MultiPaxosNode::write(Context& ctx, MultiPaxosRecordBody record) {
  ctx.write(std::make_shared<const MultiPaxosRecord>(std::move(record)));
  outbox_.wrote();
}

// PMMC section 3: an acceptor's ballot_num must survive a crash, or it could
// promise a lower ballot after a restart and accept what it promised not to.
void MultiPaxosNode::persist_promise(Context& ctx) {
  if (promised_ballot_ == persisted_ballot_) return;
  write(ctx, PromisedBallot{promised_ballot_});
  persisted_ballot_ = promised_ballot_;
}

uint64_t MultiPaxosNode::start_sync(Context& ctx) {
  const uint64_t id = outbox_.start_sync(ctx);
  const bool leading = role_ == Role::kLeader;
  pending_syncs_.push_back(
      PendingSync{id, leading ? log_.last() : 0, leading ? ballot_ : 0, std::move(unsynced_accepts_)});
  unsynced_accepts_.clear();
  return id;
}

void MultiPaxosNode::send_durable(Context& ctx, NodeId to, MessagePtr message) {
  persist_promise(ctx);
  outbox_.after_durable(
      Outgoing{to, std::move(message)}, [&] { start_sync(ctx); },
      [&](Outgoing& o) { ctx.send(o.to, std::move(o.message)); });
}

// Syncs complete in the order they were started (Context::sync). A leader
// counts its own acceptance of a slot only once it is on its own disk; a
// scout counts its own promise the same way.
void MultiPaxosNode::on_synced(Context& ctx, uint64_t sync_id) {
  uint64_t accepted_through = 0;
  while (!pending_syncs_.empty() && pending_syncs_.front().id <= sync_id) {
    const PendingSync& s = pending_syncs_.front();
    if (s.ballot != 0 && s.ballot == ballot_) accepted_through = std::max(accepted_through, s.covers_slot);
    for (const ValueAccepted& a : s.accepts) ctx.observe(a);
    pending_syncs_.pop_front();
  }
  outbox_.on_synced(sync_id, [&](Outgoing& o) { ctx.send(o.to, std::move(o.message)); });
  if (role_ == Role::kLeader && accepted_through > 0) self_accept_through(ctx, accepted_through);
  if (role_ == Role::kCandidate && sync_id >= own_promise_sync_) count_own_promise(ctx);
}

// Compaction and snapshot installation replace the journal with the state
// that matters: the promise, the snapshot, and every pvalue held after it.
// The rewrite is durable at once, including what was not yet synced; syncs
// still in flight complete as before and change nothing more.
void MultiPaxosNode::rewrite_journal(Context& ctx) {
  std::vector<RecordPtr> records;
  records.push_back(make_record(PromisedBallot{promised_ballot_}));
  if (snapshot_) records.push_back(make_record(SnapshotSaved{snapshot_, snapshot_installed_}));
  uint64_t slot = log_.base() + 1;
  while (slot <= log_.last()) {
    const uint64_t ballot = log_.at(slot).accepted_ballot;
    if (ballot == 0) {
      ++slot;
      continue;
    }
    const uint64_t first = slot;
    std::vector<Proposal> run;
    for (; slot <= log_.last() && log_.at(slot).accepted_ballot == ballot; ++slot) run.push_back(log_.at(slot).accepted);
    records.push_back(make_record(PValuesAccepted{ballot, first, make_batch(std::move(run)), 0}));
  }
  ctx.rewrite(std::move(records));
  persisted_ballot_ = promised_ballot_;
  outbox_.rewritten();
  // Everything accepted so far is durable now.
  for (PendingSync& s : pending_syncs_) {
    for (const ValueAccepted& a : s.accepts) ctx.observe(a);
    s.accepts.clear();
  }
  for (const ValueAccepted& a : unsynced_accepts_) ctx.observe(a);
  unsynced_accepts_.clear();
}

}  // namespace consim::multipaxos
