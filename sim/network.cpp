#include "sim/network.h"

#include <algorithm>
#include <cassert>

namespace consim {

Network::Network(int nodes, NetworkConditions initial)
    : nodes_(nodes),
      initial_(initial),
      base_(initial),
      blocked_(static_cast<size_t>(nodes) * static_cast<size_t>(nodes), 0),
      overrides_(static_cast<size_t>(nodes) * static_cast<size_t>(nodes)) {}

void Network::partition(const std::vector<std::vector<NodeId>>& groups) {
  std::vector<int> group_of(static_cast<size_t>(nodes_) + 1, -1);
  for (size_t g = 0; g < groups.size(); ++g)
    for (NodeId n : groups[g]) group_of[static_cast<size_t>(n)] = static_cast<int>(g);
  for (NodeId a = 1; a <= nodes_; ++a)
    for (NodeId b = 1; b <= nodes_; ++b) {
      const int ga = group_of[static_cast<size_t>(a)];
      const int gb = group_of[static_cast<size_t>(b)];
      blocked_[index(a, b)] = (a != b) && (ga < 0 || gb < 0 || ga != gb);
    }
}

void Network::isolate(NodeId node) {
  for (NodeId other = 1; other <= nodes_; ++other) {
    if (other == node) continue;
    blocked_[index(node, other)] = 1;
    blocked_[index(other, node)] = 1;
  }
}

void Network::cut(NodeId from, NodeId to, bool both) {
  blocked_[index(from, to)] = 1;
  if (both) blocked_[index(to, from)] = 1;
}

void Network::heal() { std::fill(blocked_.begin(), blocked_.end(), 0); }

void Network::change_conditions(const NetworkFault& change) {
  if (change.delay) base_.delay = *change.delay;
  if (change.drop) base_.drop = *change.drop;
  if (change.duplicate) base_.duplicate = *change.duplicate;
}

void Network::change_link(NodeId from, NodeId to, const NetworkFault& change) {
  auto& slot = overrides_[index(from, to)];
  if (!slot) slot = LinkOverride{};
  if (change.delay) slot->delay = change.delay;
  if (change.drop) slot->drop = change.drop;
  if (change.duplicate) slot->duplicate = change.duplicate;
}

NetworkConditions Network::conditions(NodeId from, NodeId to) const {
  NetworkConditions c = base_;
  if (from < 1 || to < 1) return c;
  const auto& o = overrides_[index(from, to)];
  if (!o) return c;
  if (o->delay) c.delay = *o->delay;
  if (o->drop) c.drop = *o->drop;
  if (o->duplicate) c.duplicate = *o->duplicate;
  return c;
}

Fate Network::draw_fate(NodeId from, NodeId to, Rng& rng) const {
  const NetworkConditions c = conditions(from, to);
  Fate fate;
  // A probability of zero draws nothing: lossless links cost no randomness.
  if (c.drop > 0 && rng.bernoulli(c.drop)) {
    fate.dropped = true;
    return fate;
  }
  fate.first = rng.uniform_duration(c.delay);
  if (c.duplicate > 0 && rng.bernoulli(c.duplicate)) fate.second = rng.uniform_duration(c.delay);
  return fate;
}

bool Network::partitioned() const {
  return std::any_of(blocked_.begin(), blocked_.end(), [](uint8_t b) { return b != 0; });
}

bool Network::conditions_changed() const {
  return base_ != initial_ || std::any_of(overrides_.begin(), overrides_.end(), [](const auto& o) { return o.has_value(); });
}

}  // namespace consim
