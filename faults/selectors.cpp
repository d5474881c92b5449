#include "faults/selectors.h"

#include <algorithm>

#include <fmt/format.h>

namespace consim {

std::string describe_ref(const NodeRef& ref) {
  switch (ref.kind) {
    case NodeRef::Kind::kId: return fmt::format("{}", ref.id);
    case NodeRef::Kind::kLeader: return "leader";
    case NodeRef::Kind::kRandom: return "random";
    case NodeRef::Kind::kRandomFollower: return "random-follower";
    case NodeRef::Kind::kAll: return "all";
    case NodeRef::Kind::kTrigger: return "trigger";
  }
  return "?";
}

bool Resolver::taken(NodeId node) const {
  return std::find(taken_.begin(), taken_.end(), node) != taken_.end();
}

std::optional<NodeId> Resolver::pick_random(bool exclude_leader) {
  const NodeId leader = exclude_leader ? cluster_.current_leader() : 0;
  std::vector<NodeId> candidates;
  for (NodeId n = 1; n <= cluster_.nodes(); ++n)
    if (cluster_.is_up(n) && n != leader && !taken(n)) candidates.push_back(n);
  if (candidates.empty()) return std::nullopt;
  const auto i = cluster_.fault_rng().uniform_u64(0, candidates.size() - 1);
  return candidates[static_cast<size_t>(i)];
}

std::optional<NodeId> Resolver::resolve(const NodeRef& ref) {
  std::optional<NodeId> out;
  switch (ref.kind) {
    case NodeRef::Kind::kId:
      out = ref.id;
      break;
    case NodeRef::Kind::kLeader: {
      const NodeId leader = cluster_.current_leader();
      if (leader == 0) why_not_ = "selector \"leader\" found no leader";
      else if (taken(leader)) why_not_ = "selector \"leader\" names a node already picked";
      else out = leader;
      break;
    }
    case NodeRef::Kind::kRandom:
      out = pick_random(false);
      if (!out) why_not_ = "selector \"random\" found no up node";
      break;
    case NodeRef::Kind::kRandomFollower:
      out = pick_random(true);
      if (!out) why_not_ = "selector \"random-follower\" found no up node that is not the leader";
      break;
    case NodeRef::Kind::kAll:
      why_not_ = "\"all\" is not a single node";
      break;
    case NodeRef::Kind::kTrigger:  // bound to a node id before the fault is applied
      why_not_ = "\"trigger\" names no node outside a triggered fault";
      break;
  }
  if (out) taken_.push_back(*out);
  return out;
}

}  // namespace consim
