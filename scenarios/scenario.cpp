#include "scenarios/scenario.h"

#include <algorithm>

namespace consim {
namespace {

// The `type` strings of spec/scenario.md. One overload per alternative, so a
// new fault or expectation does not build until it has its name.
std::string_view type_name(const PartitionFault&) { return "partition"; }
std::string_view type_name(const IsolateFault&) { return "isolate"; }
std::string_view type_name(const CutFault&) { return "cut"; }
std::string_view type_name(const HealFault&) { return "heal"; }
std::string_view type_name(const CrashFault&) { return "crash"; }
std::string_view type_name(const RestartFault&) { return "restart"; }
std::string_view type_name(const PauseFault&) { return "pause"; }
std::string_view type_name(const NetworkFault&) { return "network"; }
std::string_view type_name(const ClockFault&) { return "clock"; }

std::string_view type_name(const LeaderAtExpect&) { return "leader_at"; }
std::string_view type_name(const NoLeaderAtExpect&) { return "no_leader_at"; }
std::string_view type_name(const CommitsExpect&) { return "commits"; }
std::string_view type_name(const ClientOkExpect&) { return "client_ok"; }
std::string_view type_name(const ConvergedExpect&) { return "converged"; }
std::string_view type_name(const ElectionsExpect&) { return "elections"; }
std::string_view type_name(const MessagesExpect&) { return "messages"; }
std::string_view type_name(const LogSizeExpect&) { return "log_size"; }
std::string_view type_name(const DecidedExpect&) { return "decided"; }
std::string_view type_name(const ViolatesExpect&) { return "violates"; }

}  // namespace

std::string_view fault_type_name(const FaultAction& a) {
  return std::visit([](const auto& f) { return type_name(f); }, a);
}

std::string_view expectation_type_name(const Expectation& e) {
  return std::visit([](const auto& x) { return type_name(x); }, e);
}

Scenario with_run_settings(Scenario s, std::optional<uint64_t> seed, std::span<const Bug> bugs) {
  if (seed) s.seed = *seed;
  for (Bug b : bugs)
    if (std::find(s.bugs.begin(), s.bugs.end(), b) == s.bugs.end()) s.bugs.push_back(b);
  return s;
}

}  // namespace consim
