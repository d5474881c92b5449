// Learning decisions and applying them: PMMC's replica (Figure 2), which
// performs decided commands strictly in slot order, from slot_out on.
#include "protocols/core/assert.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {

// The node now knows `decision` was chosen for `slot` (PMMC's ⟨decision, s,
// c⟩). A decision never changes; only an injected bug can bring a second one.
void MultiPaxosNode::learn(Context& ctx, uint64_t slot, const Proposal& decision) {
  Slot& s = log_.at(slot);
  if (s.decided) {
    CONSIM_ASSERT(s.decision.digest == decision.digest || bugs_.any(), "two decisions for one slot");
    return;
  }
  s.decided = true;
  s.decision = decision;
  ctx.observe(ValueLearned{slot, decision.digest});
}

// The leader of `ballot` has decided every slot through chosen_through, and
// proposes one command per slot per ballot: a slot this node accepted in
// that ballot is decided with what it accepted. Learning stops at the first
// slot it did not accept in that ballot; the leader sends it again.
void MultiPaxosNode::learn_chosen(Context& ctx, uint64_t ballot, uint64_t chosen_through) {
  for (uint64_t slot = decided_through_ + 1; slot <= chosen_through && log_.holds(slot); ++slot) {
    const Slot& s = log_.at(slot);
    if (s.decided) continue;
    if (s.accepted_ballot != ballot) break;
    learn(ctx, slot, s.accepted);
  }
  advance_decided(ctx);
}

// The decided prefix grows over every contiguous decided slot.
void MultiPaxosNode::advance_decided(Context& ctx) {
  const uint64_t before = decided_through_;
  while (log_.holds(decided_through_ + 1) && log_.at(decided_through_ + 1).decided) ++decided_through_;
  if (decided_through_ == before) return;
  ctx.observe(CommitAdvanced{decided_through_});
  apply_decided(ctx);
}

// PMMC replica, perform: decided commands in slot order, each exactly once;
// the state machine's client sessions make a command proposed twice (in two
// slots) take effect once. A leader answers the client waiting for it; the
// slots are compacted when enough have been applied.
void MultiPaxosNode::apply_decided(Context& ctx) {
  while (last_applied_ < decided_through_) {
    const uint64_t slot = last_applied_ + 1;
    const Proposal& d = log_.at(slot).decision;
    const std::string& result = kv_.apply(slot, *d.command, d.digest);
    last_applied_ = slot;
    ctx.observe(EntryApplied{slot, d.command.get(), d.digest});
    if (role_ == Role::kLeader) clients_.complete(ctx, *d.command, result);
  }
  maybe_compact(ctx);
}

}  // namespace consim::multipaxos
