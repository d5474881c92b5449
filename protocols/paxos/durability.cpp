// The journal: what is written, when it is synced, and what must wait for a
// sync.
//
// Anything whose meaning depends on durable state (a Promise, an Accepted, a
// ChosenAck, a Chosen, a client answer with a learned value, the Promised and
// ValueAccepted observations) goes through after_durable, which hands it to
// the DurableOutbox (protocols/durable_outbox.h): if anything was written
// since the last sync, a sync starts, and the action happens only when the
// newest sync has completed (on_synced), in the order asked for. What Basic
// Paxos adds is the latency of the newest sync, which its round timeout
// allows for.
#include <vector>

#include "protocols/core/overloaded.h"
#include "protocols/paxos/node.h"

namespace consim::paxos {

void PaxosNode::write(Context& ctx, PaxosRecordBody record) {
  ctx.write(std::make_shared<const PaxosRecord>(std::move(record)));
  outbox_.wrote();
  ++journal_records_;
}

void PaxosNode::start_sync(Context& ctx) {
  const uint64_t id = outbox_.start_sync(ctx);
  syncs_in_flight_.push_back(SyncInFlight{id, ctx.now()});
}

void PaxosNode::after_durable(Context& ctx, DurableAction action) {
  outbox_.after_durable(
      std::move(action), [&] { start_sync(ctx); }, [&](DurableAction& a) { perform(ctx, a); });
}

void PaxosNode::send_durable(Context& ctx, NodeId to, MessagePtr message) {
  after_durable(ctx, Outgoing{to, std::move(message)});
}

void PaxosNode::perform(Context& ctx, DurableAction& action) {
  std::visit(Overloaded{
                 [&](Outgoing& o) { send(ctx, o.to, std::move(o.message)); },
                 [&](const Observation& o) { ctx.observe(o); },
                 [&](const ClientReply& r) { ctx.reply(r); },
             },
             action);
}

// Syncs complete in the order they were started (Context::sync).
void PaxosNode::on_synced(Context& ctx, uint64_t sync_id) {
  while (!syncs_in_flight_.empty() && syncs_in_flight_.front().id <= sync_id) {
    sync_latency_ = ctx.now() - syncs_in_flight_.front().started;
    syncs_in_flight_.pop_front();
  }
  outbox_.on_synced(sync_id, [&](DurableAction& a) { perform(ctx, a); });
  maybe_compact(ctx);
  drain_local(ctx);
}

// Every promise and acceptance appends a record; duelling proposers can
// append many for one instance. When the journal has grown well past the
// state it describes, it is replaced by that state: one AcceptorState per
// instance and one LearnedValue per learned instance. Only when everything
// is synced and nothing waits, so that the rewrite (durable at once) changes
// nothing but the journal's length.
void PaxosNode::maybe_compact(Context& ctx) {
  if (!outbox_.settled()) return;
  const uint64_t live = acceptors_.size() + learned_.size();
  if (journal_records_ <= 2 * live + kCompactionSlack) return;
  std::vector<RecordPtr> records;
  records.reserve(live);
  for (const auto& [instance, a] : acceptors_) records.push_back(make_record(a));
  for (const auto& [instance, l] : learned_) records.push_back(make_record(LearnedValue{instance, l.value}));
  journal_records_ = records.size();
  ctx.rewrite(std::move(records));
}

}  // namespace consim::paxos
