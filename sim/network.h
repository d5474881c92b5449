// The virtual network between nodes (scenarios/README.md, `network` and the
// partition/isolate/cut/heal faults). It decides whether a link works and
// what a message's fate is; the engine owns the clock and the queue.
//
// Link state is a matrix of directed "blocked" bits. Whether a message gets
// through is decided at send and again at delivery, so a message in flight
// across a link that has been cut since is lost.
#pragma once

#include <optional>
#include <vector>

#include "protocols/core/command.h"
#include "scenarios/scenario.h"
#include "protocols/core/random.h"

namespace consim {

// A per-link change from a `network` fault with from/to: only the fields it
// names override the cluster-wide conditions.
struct LinkOverride {
  std::optional<DurationRange> delay;
  std::optional<double> drop;
  std::optional<double> duplicate;
};

// What happens to one message: lost, or delivered once or twice after these
// delays.
struct Fate {
  bool dropped = false;
  Duration first;
  std::optional<Duration> second;  // the duplicate, with its own delay
};

class Network {
 public:
  Network(int nodes, NetworkConditions initial);

  // Link state. Node ids are 1..nodes.
  bool link_up(NodeId from, NodeId to) const { return !blocked_[index(from, to)]; }
  // Messages flow only inside a group; nodes in no group are isolated.
  // Replaces any earlier partition, isolation or cut.
  void partition(const std::vector<std::vector<NodeId>>& groups);
  void isolate(NodeId node);
  void cut(NodeId from, NodeId to, bool both);
  void heal();

  // Conditions.
  void change_conditions(const NetworkFault& change);  // cluster-wide when from/to absent
  void change_link(NodeId from, NodeId to, const NetworkFault& change);
  NetworkConditions conditions(NodeId from, NodeId to) const;
  const NetworkConditions& cluster_conditions() const { return base_; }
  // For coverage: some link is blocked; the conditions differ from the
  // scenario's (a `network` fault is in effect).
  bool partitioned() const;
  bool conditions_changed() const;

  // Draws a message's fate from `rng` under the link's conditions. Node to
  // node messages use the link (from, to); client messages (from or to == 0)
  // use the cluster-wide conditions and ignore partitions.
  Fate draw_fate(NodeId from, NodeId to, Rng& rng) const;

  int nodes() const { return nodes_; }

 private:
  size_t index(NodeId from, NodeId to) const {
    return static_cast<size_t>(from - 1) * static_cast<size_t>(nodes_) + static_cast<size_t>(to - 1);
  }

  int nodes_;
  NetworkConditions initial_;
  NetworkConditions base_;
  std::vector<uint8_t> blocked_;             // nodes x nodes, row = sender
  std::vector<std::optional<LinkOverride>> overrides_;  // nodes x nodes
};

}  // namespace consim
