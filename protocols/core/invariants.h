// The checker names of the README's "Checkers and injected bugs".
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "protocols/core/config.h"

namespace consim {

enum class Invariant : uint8_t {
  kElectionSafety,
  kLogMatching,
  kLeaderCompleteness,
  kStateMachineSafety,
  kAgreement,
  kValidity,
  kLinearizability,
};

std::string_view invariant_name(Invariant inv);
std::optional<Invariant> invariant_from_name(std::string_view name);
std::span<const Invariant> all_invariants();
// Whether a run of `protocol` checks `inv` (the engine's checkers for it, and
// linearizability for every protocol with a workload): a `violates`
// expectation of any other invariant can never hold. Kept in step with
// make_checkers by tests/sim/checkers_make_checkers_test.cpp.
bool invariant_checked_for(Invariant inv, Protocol protocol);

}  // namespace consim
