// Phase 1 at the leader: PMMC's scout (Figure 6). It sends ⟨p1a, λ, b⟩ to
// every acceptor, collects the pvalues of a majority's promises, and on a
// majority the leader is adopted with pmax of those pvalues; a p1b with a
// higher ballot preempts it.
#include <bit>

#include "protocols/core/assert.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {

void MultiPaxosNode::send_prepare(Context& ctx, NodeId peer) { ctx.send(peer, make_message(P1a{ballot_, from_slot_})); }

// Scout, on ⟨p1b, α, b', r⟩: "if b' = b then pvalues := pvalues ∪ r; waitfor
// := waitfor − {α}; if |waitfor| < |acceptors|/2 then send ⟨adopted, b,
// pvalues⟩; else send ⟨preempted, b'⟩". Preemption is the rule for every
// role (adopt_ballot).
void MultiPaxosNode::receive(Context& ctx, NodeId from, const P1b& m) {
  if (role_ == Role::kCandidate && m.ballot == ballot_ && m.promised > ballot_)
    ctx.probe(Probe::kMultiPaxosScoutPreempted);
  adopt_ballot(ctx, m.promised);
  if (role_ != Role::kCandidate || m.ballot != ballot_ || m.promised != ballot_ || m.from_slot != from_slot_) return;
  count_promise(ctx, from, m.accepted, m.snapshot);
}

// The scout's own acceptor promised when the scout started; it counts once
// that promise is durable.
void MultiPaxosNode::count_own_promise(Context& ctx) {
  if ((promises_ & bit(id_)) != 0) return;
  const std::vector<PValue> own = accepted_from(from_slot_);
  count_promise(ctx, id_, own, nullptr);
}

void MultiPaxosNode::count_promise(Context& ctx, NodeId from, std::span<const PValue> accepted,
                                   const std::shared_ptr<const KvSnapshot>& snapshot) {
  CONSIM_ASSERT(role_ == Role::kCandidate, "only a scout counts promises");
  if ((promises_ & bit(from)) != 0) return;  // a duplicate
  promises_ |= bit(from);
  // Decided slots the acceptor compacted: learned at once, which covers
  // every pvalue reported for them.
  if (snapshot && snapshot->last_index > decided_through_) install_snapshot(ctx, snapshot);
  for (const PValue& pv : accepted) merge_pvalue(pv);
  if (std::popcount(promises_) >= quorum()) become_leader(ctx);
}

// pmax (PMMC section 3): for each slot, the pvalue with the highest ballot
// among the promises. paxos.first-promise-value keeps the first one instead.
void MultiPaxosNode::merge_pvalue(const PValue& pv) {
  if (pv.slot < from_slot_ || pv.ballot == 0) return;
  const auto k = static_cast<size_t>(pv.slot - from_slot_);
  if (k >= pvalues_.size()) pvalues_.resize(k + 1);
  PValue& best = pvalues_[k];
  if (best.ballot == 0 || (!bugs_.has(Bug::kPaxosFirstPromiseValue) && pv.ballot > best.ballot)) best = pv;
}

}  // namespace consim::multipaxos
