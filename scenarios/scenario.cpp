#include "scenarios/scenario.h"

#include <algorithm>
#include <array>

namespace consim {
namespace {

// The `type` strings of scenarios/README.md. One overload per alternative, so a
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
std::string_view type_name(const DiskFault&) { return "disk"; }
std::string_view type_name(const HoldFault&) { return "hold"; }

ExpectationKind kind_of(const LeaderAtExpect&) { return ExpectationKind::kLeaderAt; }
ExpectationKind kind_of(const NoLeaderAtExpect&) { return ExpectationKind::kNoLeaderAt; }
ExpectationKind kind_of(const CommitsExpect&) { return ExpectationKind::kCommits; }
ExpectationKind kind_of(const ClientOkExpect&) { return ExpectationKind::kClientOk; }
ExpectationKind kind_of(const ConvergedExpect&) { return ExpectationKind::kConverged; }
ExpectationKind kind_of(const ElectionsExpect&) { return ExpectationKind::kElections; }
ExpectationKind kind_of(const MessagesExpect&) { return ExpectationKind::kMessages; }
ExpectationKind kind_of(const LogSizeExpect&) { return ExpectationKind::kLogSize; }
ExpectationKind kind_of(const DecidedExpect&) { return ExpectationKind::kDecided; }
ExpectationKind kind_of(const ViolatesExpect&) { return ExpectationKind::kViolates; }

}  // namespace

std::string_view trigger_event_name(TriggerEvent e) {
  switch (e) {
    case TriggerEvent::kLeader: return "leader";
    case TriggerEvent::kSend: return "send";
    case TriggerEvent::kReceive: return "receive";
    case TriggerEvent::kAppend: return "append";
    case TriggerEvent::kSync: return "sync";
  }
  return "?";
}

std::span<const TriggerEvent> all_trigger_events() {
  static constexpr std::array kEvents{TriggerEvent::kLeader, TriggerEvent::kSend, TriggerEvent::kReceive,
                                      TriggerEvent::kAppend, TriggerEvent::kSync};
  return kEvents;
}

std::string_view fault_type_name(const FaultAction& a) {
  return std::visit([](const auto& f) { return type_name(f); }, a);
}

ExpectationKind expectation_kind(const Expectation& e) {
  return std::visit([](const auto& x) { return kind_of(x); }, e);
}

std::string_view expectation_kind_name(ExpectationKind k) {
  switch (k) {
    case ExpectationKind::kLeaderAt: return "leader_at";
    case ExpectationKind::kNoLeaderAt: return "no_leader_at";
    case ExpectationKind::kCommits: return "commits";
    case ExpectationKind::kClientOk: return "client_ok";
    case ExpectationKind::kConverged: return "converged";
    case ExpectationKind::kElections: return "elections";
    case ExpectationKind::kMessages: return "messages";
    case ExpectationKind::kLogSize: return "log_size";
    case ExpectationKind::kDecided: return "decided";
    case ExpectationKind::kViolates: return "violates";
  }
  return "unknown";
}

Scenario with_run_settings(Scenario s, std::optional<uint64_t> seed, std::span<const Bug> bugs) {
  if (seed) s.seed = *seed;
  for (Bug b : bugs)
    if (std::find(s.bugs.begin(), s.bugs.end(), b) == s.bugs.end()) s.bugs.push_back(b);
  return s;
}

}  // namespace consim
