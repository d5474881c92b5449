// Construction, boot, dispatch and status.
#include "protocols/paxos/node.h"

#include "protocols/core/assert.h"
#include "protocols/core/overloaded.h"
#include "protocols/core/hash.h"
#include "protocols/core/quorum.h"

namespace consim::paxos {
namespace {

// One term of NodeStatus::applied_digest for a learned instance.
uint64_t learned_term(uint64_t instance, uint64_t digest) { return mix64((instance * 0x9e3779b97f4a7c15ULL) ^ digest); }

}  // namespace

PaxosNode::PaxosNode(NodeId id, int nodes, const BasicPaxosConfig& config) : id_(id), nodes_(nodes), config_(config) {
  CONSIM_ASSERT(nodes_ >= 1 && nodes_ <= kMaxNodes, "cluster size out of range");
  CONSIM_ASSERT(id_ >= 1 && id_ <= nodes_, "node id out of range");
  // The loader rejects these.
  CONSIM_ASSERT(config_.retry_backoff.min >= Duration::zero() && config_.retry_backoff.min <= config_.retry_backoff.max,
                "retry backoff range must be non-negative and ordered");
}

// Boot replays the synced journal in order, re-reports every value it
// learned before (observation.h), and starts telling its peers about them
// again: which of them acknowledged was volatile.
void PaxosNode::boot(Context& ctx, std::span<const RecordPtr> durable) {
  bugs_ = bugs_for(ctx, Protocol::kBasicPaxos);

  // Every node of a run runs the same protocol, so its journal holds only
  // PaxosRecords.
  for (const RecordPtr& record : durable) replay(static_cast<const PaxosRecord&>(*record).body());
  journal_records_ = durable.size();
  if (!durable.empty()) ctx.probe(Probe::kPaxosRestartedWithState);

  for (const auto& [instance, l] : learned_) {
    ctx.observe(ValueLearned{instance, l.value.digest});
    push_chosen(ctx, instance, l);
  }
  arm_chosen_timer(ctx);
}

void PaxosNode::replay(const PaxosRecordBody& record) {
  std::visit(Overloaded{
                 [this](const AcceptorState& r) { acceptors_[r.instance] = r; },
                 [this](const LearnedValue& r) { learned_[r.instance] = Learned{r.value, bit(id_)}; },
             },
             record);
}

// Every node of a run runs the same protocol, so the engine hands a Paxos
// node only PaxosMessages.
void PaxosNode::on_message(Context& ctx, NodeId from, const Message& message) {
  CONSIM_ASSERT(from >= 1 && from <= nodes_ && from != id_, "message from outside the cluster");
  dispatch(ctx, from, static_cast<const PaxosMessage&>(message).payload());
  drain_local(ctx);
}

void PaxosNode::dispatch(Context& ctx, NodeId from, const PaxosPayload& payload) {
  std::visit([&](const auto& m) { receive(ctx, from, m); }, payload);
}

// A message to itself skips the network: the proposer counts its own
// acceptor as the paper's acceptors are counted, without a round trip.
void PaxosNode::send(Context& ctx, NodeId to, MessagePtr message) {
  if (to == id_) {
    local_inbox_.push_back(std::move(message));
    return;
  }
  ctx.send(to, std::move(message));
}

void PaxosNode::drain_local(Context& ctx) {
  while (!local_inbox_.empty()) {
    const MessagePtr message = std::move(local_inbox_.front());
    local_inbox_.pop_front();
    dispatch(ctx, id_, static_cast<const PaxosMessage&>(*message).payload());
  }
}

void PaxosNode::on_timer(Context& ctx, int kind) {
  switch (kind) {
    case kRoundTimer:
      round_timer_.fired();
      on_round_timer(ctx);
      drain_local(ctx);
      return;
    case kChosenTimer:
      chosen_timer_.fired();
      on_chosen_timer(ctx);
      return;
  }
  CONSIM_ASSERT(false, "unknown timer kind");
}

// Basic Paxos has no leader and no log: last_applied counts the instances
// learned, and applied_digest combines them without regard to order, so two
// nodes that learned the same values compare equal (the `decided`
// expectation).
NodeStatus PaxosNode::status() const {
  NodeStatus s;
  s.role = Role::kFollower;
  s.last_applied = learned_.size();
  for (const auto& [instance, l] : learned_) s.applied_digest += learned_term(instance, l.value.digest);
  s.log_entries = acceptors_.size();
  return s;
}

const AcceptorState* PaxosNode::acceptor_state(uint64_t instance) const {
  const auto it = acceptors_.find(instance);
  return it == acceptors_.end() ? nullptr : &it->second;
}

const Value* PaxosNode::learned_value(uint64_t instance) const {
  const auto it = learned_.find(instance);
  return it == learned_.end() ? nullptr : &it->second.value;
}

int PaxosNode::quorum() const { return majority(nodes_); }

// paxos.minority-accept: one acceptance is taken for a majority.
int PaxosNode::accept_quorum() const { return bugs_.has(Bug::kPaxosMinorityAccept) ? 1 : quorum(); }

uint64_t PaxosNode::all_nodes() const {
  return nodes_ == kMaxNodes ? ~uint64_t{0} : (uint64_t{1} << nodes_) - 1;
}

}  // namespace consim::paxos
