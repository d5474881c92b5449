#include "protocols/core/invariants.h"

#include <array>

namespace consim {
namespace {
constexpr std::array kAll{Invariant::kElectionSafety, Invariant::kLogMatching, Invariant::kLeaderCompleteness,
                          Invariant::kStateMachineSafety, Invariant::kAgreement, Invariant::kValidity,
                          Invariant::kLinearizability};
}  // namespace

std::string_view invariant_name(Invariant inv) {
  switch (inv) {
    case Invariant::kElectionSafety: return "election_safety";
    case Invariant::kLogMatching: return "log_matching";
    case Invariant::kLeaderCompleteness: return "leader_completeness";
    case Invariant::kStateMachineSafety: return "state_machine_safety";
    case Invariant::kAgreement: return "agreement";
    case Invariant::kValidity: return "validity";
    case Invariant::kLinearizability: return "linearizability";
  }
  return "?";
}

std::optional<Invariant> invariant_from_name(std::string_view name) {
  for (Invariant inv : kAll)
    if (invariant_name(inv) == name) return inv;
  return std::nullopt;
}

std::span<const Invariant> all_invariants() { return kAll; }

bool invariant_checked_for(Invariant inv, Protocol protocol) {
  switch (inv) {
    case Invariant::kLinearizability: return true;
    case Invariant::kElectionSafety: return protocol != Protocol::kBasicPaxos;
    case Invariant::kStateMachineSafety: return protocol != Protocol::kBasicPaxos;
    case Invariant::kLogMatching:
    case Invariant::kLeaderCompleteness: return protocol == Protocol::kRaft;
    case Invariant::kAgreement:
    case Invariant::kValidity: return protocol != Protocol::kRaft;
  }
  return false;
}

}  // namespace consim
