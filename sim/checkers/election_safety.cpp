#include "sim/checkers/election_safety.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "sim/checkers/evidence.h"

namespace consim {
namespace {

class ElectionSafety final : public Checker {
 public:
  void on_observation(Time t, NodeId node, const Observation& o, ViolationSink& sink) override {
    const auto* r = std::get_if<RoleChanged>(&o);
    if (r == nullptr || r->role != Role::kLeader) return;
    const auto [it, first] = leader_of_term_.try_emplace(r->term, node);
    if (first || it->second == node) return;
    if (!reported_.insert({r->term, node}).second) return;
    sink.report(Violation{Invariant::kElectionSafety, t, involved(it->second, node),
                          fmt::format("nodes {} and {} both leader in term {}", std::min(it->second, node),
                                      std::max(it->second, node), r->term)});
  }

  void on_node_crashed(Time, NodeId) override {}  // who led a term stays a fact

 private:
  std::unordered_map<uint64_t, NodeId> leader_of_term_;  // the first leader seen in each term
  std::set<std::pair<uint64_t, NodeId>> reported_;      // (term, second leader) already reported
};

}  // namespace

std::unique_ptr<Checker> make_election_safety_checker() { return std::make_unique<ElectionSafety>(); }

}  // namespace consim
