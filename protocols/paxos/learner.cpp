// The learner (Paxos Made Simple 2.3, "Learning a Chosen Value"): "have each
// acceptor respond with its acceptances to a distinguished learner, which in
// turn informs the other learners when a value has been chosen". The
// proposer of a ballot is its distinguished learner (proposer.cpp); this file
// is what every learner does once it knows a value, and how the others are
// told.
//
// "Because of message loss, a value could be chosen with no learner ever
// finding out": so Chosen is repeated to every peer until that peer
// acknowledges it, by every node that knows the value, and again after a
// restart. Chosen leaves only once the sender's LearnedValue record is
// durable, and ChosenAck only once the acknowledger's is, so that a node
// counted as holding the value still holds it after a crash.
#include "protocols/core/assert.h"
#include "protocols/paxos/node.h"

namespace consim::paxos {

// `from` is the node whose Chosen taught this one (0: learned first-hand, or
// from the journal).
void PaxosNode::learn(Context& ctx, uint64_t instance, const Value& value, NodeId from) {
  CONSIM_ASSERT(value, "a chosen value exists");
  const uint64_t told_by = from == 0 ? 0 : bit(from);
  const auto [it, inserted] = learned_.try_emplace(instance);
  Learned& l = it->second;
  if (!inserted) {
    // P2 (2.2) makes the first value chosen the only one; only an injected
    // bug can make a second.
    CONSIM_ASSERT(bugs_.any() || l.value.same_as(value), "two values chosen for one instance");
    l.has_it |= told_by;
    return;
  }
  l = Learned{value, bit(id_) | told_by};
  if (from != 0) ctx.probe(Probe::kPaxosLearnedFromPeer);
  rival_seen_at_.erase(instance);
  write(ctx, LearnedValue{instance, value});
  ctx.observe(ValueLearned{instance, value.digest});
  if (const auto p = proposals_.find(instance); p != proposals_.end()) {
    answer_waiters(ctx, p->second, value);
    proposals_.erase(p);
    rearm_round_timer(ctx);
  }
  push_chosen(ctx, instance, l);
  arm_chosen_timer(ctx);
}

void PaxosNode::receive(Context& ctx, NodeId from, const Chosen& m) {
  learn(ctx, m.instance, m.value, from);
  send_durable(ctx, from, make_message(ChosenAck{m.instance}));
}

void PaxosNode::receive(Context&, NodeId from, const ChosenAck& m) {
  if (const auto it = learned_.find(m.instance); it != learned_.end()) it->second.has_it |= bit(from);
}

// A proposer still working on an instance this node has learned is told the
// value at once, instead of waiting for the next repeat.
void PaxosNode::tell_if_learned(Context& ctx, NodeId to, uint64_t instance) {
  const auto it = learned_.find(instance);
  if (it == learned_.end() || (it->second.has_it & bit(to))) return;
  send_durable(ctx, to, make_message(Chosen{instance, it->second.value}));
}

void PaxosNode::push_chosen(Context& ctx, uint64_t instance, const Learned& l) {
  if (l.has_it == all_nodes()) return;
  const MessagePtr message = make_message(Chosen{instance, l.value});
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (!(l.has_it & bit(peer))) send_durable(ctx, peer, message);
}

void PaxosNode::repeat_chosen(Context& ctx) {
  for (const auto& [instance, l] : learned_) push_chosen(ctx, instance, l);
}

}  // namespace consim::paxos
