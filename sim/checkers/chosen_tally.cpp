#include "sim/checkers/chosen_tally.h"

#include <bit>

#include <fmt/format.h>

#include "protocols/core/ballot.h"
#include "protocols/core/quorum.h"

namespace consim {

std::string describe_ballot(uint64_t ballot) { return fmt::format("{}.{}", ballot_round(ballot), ballot_node(ballot)); }

std::optional<ChosenTally::Chosen> ChosenTally::accept(NodeId node, const ValueAccepted& a) {
  if (node < 1 || node > 64) return std::nullopt;
  Instance& inst = instances_[a.instance];
  Chosen* tally = nullptr;
  for (Chosen& t : inst.tallies)
    if (t.ballot == a.ballot && t.digest == a.digest) tally = &t;
  if (tally == nullptr) tally = &inst.tallies.emplace_back(Chosen{a.ballot, a.digest, 0});
  const uint64_t bit = uint64_t{1} << (node - 1);
  if ((tally->acceptors & bit) != 0) return std::nullopt;
  tally->acceptors |= bit;
  if (std::popcount(tally->acceptors) != majority(nodes_)) return std::nullopt;
  return *tally;
}

void ChosenTally::forget_through(uint64_t instance) {
  instances_.erase(instances_.begin(), instances_.upper_bound(instance));
}

std::string describe_acceptors(uint64_t acceptors) {
  std::vector<int> ids;
  for (int n = 1; n <= 64; ++n)
    if ((acceptors >> (n - 1)) & 1) ids.push_back(n);
  if (ids.empty()) return "no node";
  if (ids.size() == 1) return fmt::format("node {}", ids[0]);
  std::string out = "nodes ";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += i + 1 == ids.size() ? " and " : ", ";
    out += std::to_string(ids[i]);
  }
  return out;
}

}  // namespace consim
