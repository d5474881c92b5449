// The acceptor (PMMC Figure 4), one per node, with the replica's side of
// InstallSnapshot. Its ballot_num is promised_ballot_, its `accepted` the
// pvalues in log_.
#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/multipaxos/ballot.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {
namespace {

// An acceptor accepts no slot this far past its decided prefix: no correct
// leader runs that far ahead, and the slots in memory must stay bounded.
// Ignoring a p2a is always safe.
constexpr uint64_t kMaxSlotsAhead = uint64_t{1} << 22;

}  // namespace

// On ⟨p1a, λ, b⟩: "if b > ballot_num then ballot_num := b; send ⟨p1b, self,
// ballot_num, accepted⟩". The answer leaves once the promise is durable. A
// p1a below the promise gets the promise back, which preempts its scout.
void MultiPaxosNode::receive(Context& ctx, NodeId from, const P1a& m) {
  adopt_ballot(ctx, m.ballot);
  P1b reply;
  reply.ballot = m.ballot;
  reply.promised = promised_ballot_;
  reply.from_slot = m.from_slot;
  if (m.ballot == promised_ballot_) {
    CONSIM_ASSERT(role_ == Role::kFollower, "a ballot belongs to one node, which sends itself no p1a");
    ctx.observe(Promised{m.from_slot, m.ballot});
    reply.accepted = accepted_from(m.from_slot);
    // Slots the scout asks about that this node compacted were decided: the
    // snapshot tells their decisions instead of their pvalues.
    if (m.from_slot <= log_.base()) {
      CONSIM_ASSERT(snapshot_ != nullptr, "a compacted log has its snapshot");
      reply.snapshot = snapshot_;
    }
    // As a Raft follower that grants a vote: give the scout time to finish.
    reset_leader_timer(ctx);
  }
  send_durable(ctx, from, make_message(std::move(reply)));
}

std::vector<PValue> MultiPaxosNode::accepted_from(uint64_t from_slot) const {
  std::vector<PValue> out;
  for (uint64_t slot = std::max(from_slot, log_.base() + 1); slot <= log_.last(); ++slot) {
    const Slot& s = log_.at(slot);
    if (s.accepted_ballot != 0) out.push_back(PValue{slot, s.accepted_ballot, s.accepted});
  }
  return out;
}

// On ⟨p2a, λ, ⟨b, s, c⟩⟩: "if b ≥ ballot_num then ballot_num := b;
// accepted := accepted ∪ {⟨b, s, c⟩}; send ⟨p2b, self, ballot_num⟩". A p2a of
// the promised ballot also comes from that ballot's leader: this node follows
// it and learns the slots it accepted in that ballot up to the leader's
// decided prefix. The p2b leaves once the pvalues are durable.
void MultiPaxosNode::receive(Context& ctx, NodeId from, const P2a& m) {
  adopt_ballot(ctx, m.ballot);
  P2b reply;
  reply.ballot = m.ballot;
  reply.promised = promised_ballot_;  // above m.ballot: preempts the sender
  reply.first_slot = m.first_slot;
  // paxos.accept-below-promise: a follower's acceptor accepts a lower ballot
  // too, and the answer claims acceptance in the sender's ballot. (A leader
  // or scout keeps its slots for its own proposals even then.)
  const bool below_promise_bug = bugs_.has(Bug::kPaxosAcceptBelowPromise) && role_ == Role::kFollower;
  if (m.ballot < promised_ballot_ && !below_promise_bug) {
    ctx.probe(Probe::kMultiPaxosP2aRefused);
    send_durable(ctx, from, make_message(reply));
    return;
  }
  const bool current = m.ballot == promised_ballot_;
  if (current) follow_leader_of_ballot(ctx, m.ballot);
  reply.promised = m.ballot;
  reply.count = accept(ctx, m.ballot, m.first_slot, m.proposals);
  if (current) {
    learn_chosen(ctx, m.ballot, m.chosen_through);
    reply.ready_through = ready_through(m.ballot, m.chosen_through);
  }
  send_durable(ctx, from, make_message(reply));
}

// A p2a or InstallSnapshot of the promised ballot comes from its leader. A
// scout or leader has promised only its own ballot, and a node sends itself
// nothing: only a follower gets here.
void MultiPaxosNode::follow_leader_of_ballot(Context& ctx, uint64_t ballot) {
  CONSIM_ASSERT(ballot == promised_ballot_, "a node follows only the ballot it promised");
  CONSIM_ASSERT(role_ == Role::kFollower, "two nodes proposing in one ballot");
  heard_from_leader(ctx, ballot_leader(ballot));
}

// Accepts the batch's pvalues for every slot not yet compacted; returns how
// many slots the p2b may acknowledge (all of them, or none if the batch lies
// too far ahead). Compacted slots are decided and acknowledged as they are.
size_t MultiPaxosNode::accept(Context& ctx, uint64_t ballot, uint64_t first_slot, const ProposalBatch& batch) {
  const size_t n = batch_size(batch);
  if (n == 0) return 0;
  CONSIM_ASSERT(first_slot >= 1, "slots start at 1");
  if (first_slot + n - 1 > decided_through_ + kMaxSlotsAhead) return 0;
  size_t k = 0;
  if (first_slot <= log_.base()) k = static_cast<size_t>(std::min<uint64_t>(log_.base() + 1 - first_slot, n));
  if (k == n) return n;
  const size_t offset = k;
  for (; k < n; ++k) {
    const uint64_t slot = first_slot + k;
    Slot& s = log_.extend_to(slot);
    // A slot inside the run cached for another ballot leaves it: the cache
    // starts afresh (only a bug accepts a lower ballot over a higher one).
    if (slot <= ready_through_ && ballot != ready_ballot_) ready_ballot_ = 0;
    s.accepted_ballot = ballot;
    s.accepted = (*batch)[k];
    unsynced_accepts_.push_back(ValueAccepted{slot, ballot, s.accepted.digest});
  }
  write(ctx, PValuesAccepted{ballot, first_slot + offset, batch, offset});
  return n;
}

// How far this node is ready for the leader of `ballot`, whose decided
// prefix is chosen_through: it holds a decision for every slot up to
// min(decided prefix, chosen_through), and after that a run of slots it
// accepted in `ballot` (or compacted, which it acknowledges as they are).
// The leader need not send those slots again, and its decided prefix teaches
// this node every one of them. Decisions beyond the leader's prefix do not
// count: the leader still needs this acceptor's acceptance there to choose.
//
// The run is cached per ballot: it only grows while the ballot lasts, unless
// a lower starting point (a reordered p2a) or a bug's overwrite resets it.
uint64_t MultiPaxosNode::ready_through(uint64_t ballot, uint64_t chosen_through) {
  const uint64_t start = std::min(decided_through_, chosen_through);
  if (ready_ballot_ != ballot || start < ready_from_ || start > ready_through_) {
    ready_ballot_ = ballot;
    ready_from_ = start;
    ready_through_ = start;
  }
  while (ready_through_ < log_.last()) {
    const uint64_t next = ready_through_ + 1;
    if (next > log_.base() && log_.at(next).accepted_ballot != ballot) break;
    ++ready_through_;
  }
  return ready_through_;
}

// InstallSnapshot from the leader of the promised ballot: the replica jumps
// to the snapshot if it is ahead of what this node has decided.
void MultiPaxosNode::receive(Context& ctx, NodeId from, const InstallSnapshot& m) {
  adopt_ballot(ctx, m.ballot);
  InstallSnapshotReply reply;
  reply.ballot = m.ballot;
  reply.promised = promised_ballot_;
  if (m.ballot < promised_ballot_) {
    send_durable(ctx, from, make_message(reply));
    return;
  }
  follow_leader_of_ballot(ctx, m.ballot);
  if (m.snapshot->last_index > decided_through_) install_snapshot(ctx, m.snapshot);
  reply.ready_through = ready_through(m.ballot, m.snapshot->last_index);
  send_durable(ctx, from, make_message(reply));
}

}  // namespace consim::multipaxos
