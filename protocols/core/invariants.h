// The checker names of the README's "Checkers and injected bugs".
#pragma once

#include <optional>
#include <span>
#include <string_view>

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

}  // namespace consim
