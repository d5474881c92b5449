// Construction, boot, dispatch, status, and the only functions that change a
// node's role (STYLE.md 2).
#include "protocols/multipaxos/node.h"

#include <algorithm>
#include <bit>

#include "protocols/core/assert.h"
#include "protocols/core/overloaded.h"
#include "protocols/multipaxos/ballot.h"
#include "protocols/core/quorum.h"

namespace consim::multipaxos {

MultiPaxosNode::MultiPaxosNode(NodeId id, int nodes, const MultiPaxosConfig& config)
    : id_(id), nodes_(nodes), config_(config) {
  CONSIM_ASSERT(nodes_ >= 1 && nodes_ <= kMaxNodes, "cluster size out of range");
  CONSIM_ASSERT(id_ >= 1 && id_ <= nodes_, "node id out of range");
  // The loader rejects these; a zero period would spin without time passing.
  CONSIM_ASSERT(config_.heartbeat > Duration::zero(), "heartbeat must be positive");
  CONSIM_ASSERT(config_.leader_timeout.min > Duration::zero() &&
                    config_.leader_timeout.min <= config_.leader_timeout.max,
                "leader timeout range must be positive and ordered");
}

// Boot replays the synced journal in order, then re-reports what it
// recovered, as a Raft node does (observation.h): its ballot, the snapshot,
// then every pvalue it holds. Decisions are volatile: the replica starts at
// the snapshot and relearns the rest from the leader.
void MultiPaxosNode::boot(Context& ctx, std::span<const RecordPtr> durable) {
  bugs_ = bugs_for(ctx, Protocol::kMultiPaxos);

  // Every node of a run runs the same protocol, so its journal holds only
  // MultiPaxosRecords.
  for (const RecordPtr& record : durable) replay(static_cast<const MultiPaxosRecord&>(*record).body());
  persisted_ballot_ = promised_ballot_;
  if (!durable.empty()) ctx.probe(Probe::kMultiPaxosRestartedWithState);

  ctx.observe(RoleChanged{role_, promised_ballot_});
  if (snapshot_) ctx.observe(SnapshotTaken{snapshot_->last_index, 0, snapshot_installed_});
  for (uint64_t slot = log_.base() + 1; slot <= log_.last(); ++slot) {
    const Slot& s = log_.at(slot);
    if (s.accepted_ballot != 0) ctx.observe(ValueAccepted{slot, s.accepted_ballot, s.accepted.digest});
  }
  reset_leader_timer(ctx);
}

void MultiPaxosNode::replay(const MultiPaxosRecordBody& record) {
  std::visit(Overloaded{
                 [this](const PromisedBallot& r) { promised_ballot_ = std::max(promised_ballot_, r.ballot); },
                 [this](const PValuesAccepted& r) {
                   for (size_t k = 0; k < r.count(); ++k) {
                     const uint64_t slot = r.first_slot + k;
                     if (slot <= log_.base()) continue;
                     Slot& s = log_.extend_to(slot);
                     s.accepted_ballot = r.ballot;
                     s.accepted = r.value(k);
                   }
                 },
                 [this](const SnapshotSaved& r) {
                   const uint64_t index = r.snapshot->last_index;
                   log_.compact_to(std::max(index, log_.base()));
                   kv_ = r.snapshot->state;
                   snapshot_ = r.snapshot;
                   snapshot_installed_ = r.installed;
                   decided_through_ = index;
                   last_applied_ = index;
                 },
             },
             record);
}

// Every node of a run runs the same protocol, so the engine hands a
// Multi-Paxos node only MultiPaxosMessages.
void MultiPaxosNode::on_message(Context& ctx, NodeId from, const Message& message) {
  CONSIM_ASSERT(from >= 1 && from <= nodes_ && from != id_, "message from outside the cluster");
  const auto& m = static_cast<const MultiPaxosMessage&>(message);
  std::visit([&](const auto& body) { receive(ctx, from, body); }, m.payload());
}

void MultiPaxosNode::on_timer(Context& ctx, int kind) {
  switch (kind) {
    case kLeaderTimer:
      leader_timeout_.fired();
      on_leader_timer(ctx);
      return;
    case kHeartbeatTimer:
      heartbeat_timer_.fired();
      on_heartbeat_timer(ctx);
      return;
  }
  CONSIM_ASSERT(false, "unknown timer kind");
}

NodeStatus MultiPaxosNode::status() const {
  NodeStatus s;
  s.role = role_;
  s.term = promised_ballot_;
  s.leader = leader_id_;
  s.last_applied = last_applied_;
  s.applied_digest = kv_.applied_digest();
  s.log_entries = log_.size() + (snapshot_ ? 1 : 0);
  return s;
}

int MultiPaxosNode::quorum() const { return majority(nodes_); }

int MultiPaxosNode::accept_quorum() const { return bugs_.has(Bug::kPaxosMinorityAccept) ? 1 : majority(nodes_); }

void MultiPaxosNode::adopt_ballot(Context& ctx, uint64_t ballot) {
  if (ballot <= promised_ballot_) return;
  if (role_ == Role::kLeader) ctx.probe(Probe::kMultiPaxosLeaderPreempted);
  promised_ballot_ = ballot;
  persist_promise(ctx);
  become_follower(ctx, 0);
}

// Stepping down (a preempted leader or scout) or following a new ballot.
void MultiPaxosNode::become_follower(Context& ctx, NodeId leader) {
  const Role was = role_;
  role_ = Role::kFollower;
  leader_id_ = leader;
  if (was == Role::kLeader) stop_leading(ctx);
  if (was == Role::kCandidate) {
    heartbeat_timer_.disarm(ctx);
    pvalues_.clear();
  }
  ctx.observe(RoleChanged{role_, promised_ballot_});
  reset_leader_timer(ctx);
}

// PMMC leader: "spawn a scout for ballot_num" with a ballot above every one
// this node has seen. The node's own acceptor promises it like any other
// (synced before it counts); phase 1 covers every slot from the first one
// this node has not seen decided. With multipaxos.skip-prepare there is no
// phase 1: the node takes only its own acceptor's word for what was accepted.
void MultiPaxosNode::become_candidate(Context& ctx) {
  CONSIM_ASSERT(role_ != Role::kLeader, "a leader does not start a scout");
  ballot_ = make_ballot(std::max(ballot_round(promised_ballot_), ballot_round(ballot_)) + 1, id_);
  promised_ballot_ = ballot_;
  persist_promise(ctx);
  role_ = Role::kCandidate;
  leader_id_ = 0;
  from_slot_ = decided_through_ + 1;
  promises_ = 0;
  pvalues_.clear();
  ctx.observe(RoleChanged{role_, ballot_});
  ctx.observe(Promised{from_slot_, ballot_});
  reset_leader_timer(ctx);
  if (bugs_.has(Bug::kMultiPaxosSkipPrepare)) {
    const std::vector<PValue> own = accepted_from(from_slot_);
    for (const PValue& pv : own) merge_pvalue(pv);
    become_leader(ctx);
    return;
  }
  own_promise_sync_ = start_sync(ctx);
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (peer != id_) send_prepare(ctx, peer);
  heartbeat_timer_.arm(ctx, config_.heartbeat);
}

// PMMC leader, on ⟨adopted, ballot_num, pvals⟩: "proposals := proposals ◁
// pmax(pvals)", then a commander for every proposal. Every slot from the
// first undecided one to the highest any promise reported gets a proposal in
// this ballot: the decision if this node knows it, else the pmax value, else
// a no-op (a hole no acceptor in the majority accepted anything in, so no
// value can have been chosen there). New commands go after the last one.
void MultiPaxosNode::become_leader(Context& ctx) {
  CONSIM_ASSERT(role_ == Role::kCandidate, "only a scout's majority makes a leader");
  CONSIM_ASSERT(promised_ballot_ == ballot_, "a leader has promised its own ballot");
  role_ = Role::kLeader;
  leader_id_ = id_;
  ctx.observe(RoleChanged{role_, ballot_});
  leader_timeout_.disarm(ctx);

  const uint64_t first_open = decided_through_ + 1;
  uint64_t last = log_.last();
  for (const PValue& pv : pvalues_)
    if (pv.ballot != 0) last = std::max(last, pv.slot);
  for (uint64_t slot = log_.base() + 1; slot <= log_.last(); ++slot) log_.at(slot).acks = 0;

  if (first_open <= last) {
    Proposal noop;
    std::vector<Proposal> proposals;
    proposals.reserve(static_cast<size_t>(last - first_open + 1));
    for (uint64_t slot = first_open; slot <= last; ++slot) {
      Slot& s = log_.extend_to(slot);
      const PValue* pv = slot >= from_slot_ && slot - from_slot_ < pvalues_.size() ? &pvalues_[slot - from_slot_] : nullptr;
      if (s.decided) {
        proposals.push_back(s.decision);
      } else if (pv != nullptr && pv->ballot != 0) {
        ctx.probe(Probe::kMultiPaxosPValueAdopted);
        proposals.push_back(pv->value);
      } else {
        ctx.probe(Probe::kMultiPaxosHoleFilled);
        if (!noop.command) noop = make_proposal(Command{});
        proposals.push_back(noop);
      }
      s.accepted_ballot = ballot_;
      s.accepted = proposals.back();
      unsynced_accepts_.push_back(ValueAccepted{slot, ballot_, s.accepted.digest});
    }
    last_batch_ = make_batch(std::move(proposals));
    last_batch_first_ = first_open;
    write(ctx, PValuesAccepted{ballot_, first_open, last_batch_, 0});
  } else {
    last_batch_ = nullptr;
  }
  pvalues_.clear();
  pvalues_.shrink_to_fit();
  start_sync(ctx);

  peers_.assign(static_cast<size_t>(nodes_) + 1, Peer{first_open, first_open - 1, first_open});
  self_accepted_through_ = first_open - 1;
  clients_.clear();
  recover_client_sessions(first_open);
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (peer != id_) send_accepts(ctx, peer);
  heartbeat_timer_.arm(ctx, config_.heartbeat);
}

// Leaving leadership: the heartbeat stops, and clients still waiting are told
// to look elsewhere (their commands may yet be chosen under the next leader;
// a retry is deduplicated).
void MultiPaxosNode::stop_leading(Context& ctx) {
  heartbeat_timer_.disarm(ctx);
  fail_client_requests(ctx);
  peers_.clear();
  last_batch_ = nullptr;
}

}  // namespace consim::multipaxos
