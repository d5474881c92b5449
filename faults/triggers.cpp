#include "faults/triggers.h"

#include <variant>

namespace consim {

Triggers::Triggers(const std::vector<Fault>& faults, int nodes) : max_term_(static_cast<size_t>(nodes) + 1, 0) {
  for (size_t i = 0; i < faults.size(); ++i) {
    if (!faults[i].on) continue;
    armed_.push_back(Armed{i, &faults[i]});
    wanted_ |= 1U << static_cast<unsigned>(faults[i].on->event);
    new_term_ = new_term_ || faults[i].on->new_term;
  }
}

bool Triggers::matches(const Armed& a, Time now, const ClusterEvent& ev) const {
  const Trigger& t = *a.source->on;
  if (t.event != ev.event || a.fired >= t.times || now < a.source->at || (t.until && now > *t.until)) return false;
  if (t.node && *t.node != ev.node) return false;
  if (!t.message.empty() && t.message != ev.message) return false;
  if (t.new_term && ev.term <= max_term_[static_cast<size_t>(ev.node)]) return false;
  return true;
}

void Triggers::on_event(Time now, const ClusterEvent& ev, Rng& rng, std::vector<Firing>& out) {
  if (ev.node < 1 || static_cast<size_t>(ev.node) >= max_term_.size()) return;
  for (Armed& a : armed_) {
    if (!matches(a, now, ev)) continue;
    const Trigger& t = *a.source->on;
    if (t.probability < 1.0 && !rng.bernoulli(t.probability)) continue;
    ++a.fired;
    out.push_back(Firing{rng.uniform_duration(t.after), bind_trigger(a.source->action, ev.node), a.fault});
  }
  if (new_term_ && ev.event == TriggerEvent::kAppend && ev.term > max_term_[static_cast<size_t>(ev.node)])
    max_term_[static_cast<size_t>(ev.node)] = ev.term;
}

namespace {

void bind(NodeRef& ref, NodeId node) {
  if (ref.kind == NodeRef::Kind::kTrigger) ref = NodeRef{NodeRef::Kind::kId, node};
}
void bind(std::optional<NodeRef>& ref, NodeId node) {
  if (ref) bind(*ref, node);
}
void bind_all(PartitionFault& f, NodeId node) {
  for (PartitionGroup& g : f.groups)
    for (NodeRef& m : g.members) bind(m, node);
}
void bind_all(CutFault& f, NodeId node) {
  bind(f.from, node);
  bind(f.to, node);
}
void bind_all(NetworkFault& f, NodeId node) {
  bind(f.from, node);
  bind(f.to, node);
}
void bind_all(HoldFault& f, NodeId node) {
  bind(f.from, node);
  bind(f.to, node);
}
void bind_all(HealFault&, NodeId) {}
template <class F>
void bind_all(F& f, NodeId node) {
  bind(f.node, node);
}

}  // namespace

FaultAction bind_trigger(FaultAction action, NodeId node) {
  std::visit([node](auto& f) { bind_all(f, node); }, action);
  return action;
}

}  // namespace consim
