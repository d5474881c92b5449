// Phase 2 at the leader: PMMC's commanders (Figure 5), one per slot, folded
// into per-acceptor flow control. Each p2a carries a batch of consecutive
// slots; each p2b acknowledges one; a slot is chosen once a majority of
// acceptors (the leader's own included, once durable) accepted it in the
// leader's ballot, and a p2b with a higher ballot preempts the leader.
#include <algorithm>
#include <bit>

#include "protocols/core/assert.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {

// PMMC leader's proposals[slot]: the decision once known, else the command
// the leader accepted in its own ballot (every slot from its first open one
// on, see become_leader and propose).
const Proposal& MultiPaxosNode::proposal_at(uint64_t slot) const {
  const Slot& s = log_.at(slot);
  if (s.decided) return s.decision;
  CONSIM_ASSERT(s.accepted_ballot == ballot_, "the leader proposed every open slot");
  return s.accepted;
}

// PMMC leader, on ⟨propose, s, c⟩: the command goes in the next free slot.
// The leader's own acceptor accepts it first (counted once durable), then a
// commander's p2a goes to every acceptor that is caught up.
void MultiPaxosNode::propose(Context& ctx, Proposal proposal) {
  CONSIM_ASSERT(role_ == Role::kLeader && promised_ballot_ == ballot_, "only a leader proposes");
  const uint64_t slot = log_.last() + 1;
  Slot& s = log_.extend_to(slot);
  s.accepted_ballot = ballot_;
  s.accepted = std::move(proposal);
  s.acks = 0;
  unsynced_accepts_.push_back(ValueAccepted{slot, ballot_, s.accepted.digest});
  // The acceptors that keep up get exactly this slot next: one batch serves
  // the journal and every p2a.
  last_batch_ = make_batch({s.accepted});
  last_batch_first_ = slot;
  write(ctx, PValuesAccepted{ballot_, slot, last_batch_, 0});
  start_sync(ctx);
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (peer != id_ && peers_[static_cast<size_t>(peer)].next_slot == slot) send_accepts(ctx, peer);
}

// A p2a with the slots from the acceptor's next_slot (a batch of up to
// max_entries_per_message), or a heartbeat if it has them all; a snapshot if
// those slots were compacted.
void MultiPaxosNode::send_accepts(Context& ctx, NodeId peer) {
  Peer& p = peers_[static_cast<size_t>(peer)];
  if (p.next_slot <= log_.base()) {
    send_snapshot(ctx, peer);
    return;
  }
  P2a m;
  m.ballot = ballot_;
  m.first_slot = p.next_slot;
  m.proposals = batch_from(p.next_slot);
  m.chosen_through = decided_through_;
  p.next_slot += batch_size(m.proposals);
  ctx.send(peer, make_message(std::move(m)));
}

// Shared with the last p2a that carried the same range: a leader's
// proposals never change while it leads.
ProposalBatch MultiPaxosNode::batch_from(uint64_t from) {
  if (from > log_.last()) return nullptr;
  const uint64_t count =
      std::min<uint64_t>(std::max<uint64_t>(1, config_.max_entries_per_message), log_.last() - from + 1);
  if (!last_batch_ || last_batch_first_ != from || last_batch_->size() != count) {
    std::vector<Proposal> proposals;
    proposals.reserve(static_cast<size_t>(count));
    for (uint64_t slot = from; slot < from + count; ++slot) proposals.push_back(proposal_at(slot));
    last_batch_ = make_batch(std::move(proposals));
    last_batch_first_ = from;
  }
  return last_batch_;
}

// Commander, on ⟨p2b, α, b'⟩: "if b' = b then waitfor := waitfor − {α}; if
// |waitfor| < |acceptors|/2 then send ⟨decision, s, c⟩ to all replicas; else
// send ⟨preempted, b'⟩". Then the acceptor's flow: what it holds, and the
// next batch if it lags.
void MultiPaxosNode::receive(Context& ctx, NodeId from, const P2b& m) {
  adopt_ballot(ctx, m.promised);
  if (role_ != Role::kLeader || m.ballot != ballot_ || m.promised != ballot_) {  // stale, or preempted
    ctx.probe(Probe::kMultiPaxosStaleP2bIgnored);
    return;
  }
  const uint64_t end = std::min(m.first_slot + m.count, log_.last() + 1);
  for (uint64_t slot = std::max(m.first_slot, decided_through_ + 1); slot < end; ++slot) count_accept(ctx, slot, from);
  advance_decided(ctx);
  heard_ready_through(ctx, from, m.ready_through);
}

void MultiPaxosNode::receive(Context& ctx, NodeId from, const InstallSnapshotReply& m) {
  adopt_ballot(ctx, m.promised);
  if (role_ != Role::kLeader || m.ballot != ballot_ || m.promised != ballot_) return;
  heard_ready_through(ctx, from, m.ready_through);
}

// The latest answer tells where the acceptor stands, even below what an
// earlier one said: it may have restarted and forgotten its decisions. (A
// reordered older answer costs at most one batch sent again.)
void MultiPaxosNode::heard_ready_through(Context& ctx, NodeId peer, uint64_t ready) {
  Peer& p = peers_[static_cast<size_t>(peer)];
  p.match_slot = ready;
  p.next_slot = std::max(p.next_slot, p.match_slot + 1);
  if (p.next_slot <= log_.last()) send_accepts(ctx, peer);
}

// The first slot below `before` that is still open at the leader and that
// `peer` has not accepted in this ballot; UINT64_MAX if none.
uint64_t MultiPaxosNode::first_unaccepted(NodeId peer, uint64_t before) const {
  const uint64_t end = std::min(before, log_.last() + 1);
  for (uint64_t slot = std::max(decided_through_, log_.base()) + 1; slot < end; ++slot) {
    const Slot& s = log_.at(slot);
    if (!s.decided && (s.acks & bit(peer)) == 0) return slot;
  }
  return UINT64_MAX;
}

void MultiPaxosNode::count_accept(Context& ctx, uint64_t slot, NodeId acceptor) {
  if (!log_.holds(slot)) return;
  Slot& s = log_.at(slot);
  if (s.decided || s.accepted_ballot != ballot_) return;
  s.acks |= bit(acceptor);
  if (std::popcount(s.acks) >= accept_quorum()) learn(ctx, slot, s.accepted);
}

// The leader's own acceptances through `slot` are durable: they count.
void MultiPaxosNode::self_accept_through(Context& ctx, uint64_t slot) {
  CONSIM_ASSERT(role_ == Role::kLeader, "only a leader counts its own acceptances");
  const uint64_t end = std::min(slot, log_.last());
  for (uint64_t s = std::max({self_accepted_through_, decided_through_, log_.base()}) + 1; s <= end; ++s)
    count_accept(ctx, s, id_);
  self_accepted_through_ = std::max(self_accepted_through_, end);
  advance_decided(ctx);
}

}  // namespace consim::multipaxos
