// Resolves the nodes a fault names (scenarios/README.md): a fixed id, or a
// selector resolved when the fault fires. Selectors inside one fault pick
// distinct nodes, so one Resolver is used per fault.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "faults/cluster_control.h"

namespace consim {

class Resolver {
 public:
  explicit Resolver(ClusterControl& cluster) : cluster_(cluster) {}

  // The node `ref` names, or nullopt with a reason in `why_not()`.
  std::optional<NodeId> resolve(const NodeRef& ref);
  const std::string& why_not() const { return why_not_; }
  // Marks a node as taken by this fault (fixed ids named in the fault).
  void take(NodeId node) { taken_.push_back(node); }

 private:
  bool taken(NodeId node) const;
  std::optional<NodeId> pick_random(bool exclude_leader);

  ClusterControl& cluster_;
  std::vector<NodeId> taken_;
  std::string why_not_;
};

std::string describe_ref(const NodeRef& ref);

}  // namespace consim
