// The random scenario generator for sweeps (swarm testing: Groce et al.,
// "Swarm Testing", ISSTA 2012). From (protocol, nodes, seed, fault kinds,
// duration) it makes an ordinary Scenario with an explicit fault timeline.
// Each seed also draws its own fault profile (which kinds are on, how often,
// how lossy and slow the network is), so one sweep covers gentle and brutal
// runs alike. Every schedule ends with a heal, a restart of every crashed
// node, calm network conditions and a quiet period with liveness
// expectations (a leader, new commits, convergence).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/scenario.h"

namespace consim {

enum class FaultKind : uint8_t { kPartition, kIsolate, kCut, kCrash, kPause, kNetwork, kClock, kDisk, kHold };

std::string_view fault_kind_name(FaultKind k);
std::vector<FaultKind> all_fault_kinds();
// Parses "partition,crash,..." ("all" for every kind). On an unknown name
// returns nullopt and sets `error`.
std::optional<std::vector<FaultKind>> parse_fault_kinds(std::string_view list, std::string& error);

struct GenOptions {
  Protocol protocol = Protocol::kRaft;
  int nodes = 5;
  uint64_t seed = 1;
  std::vector<FaultKind> kinds = all_fault_kinds();
  Duration duration = Duration::ms(10'000);
  // Applied to the fault schedule in order (faults/mutate.h): a guided
  // sweep's mutant of this seed.
  std::vector<uint64_t> mutations;
};

// The run's phases, as fractions of its duration: faults from the first to
// the heal; then a quiet period with liveness expectations.
inline constexpr double kGeneratedFaultsFrom = 0.05;
inline constexpr double kGeneratedHealAt = 0.55;
// The instant a fraction `f` into a run of length `d`.
inline Time at_fraction(Duration d, double f) {
  return Time::from_us(static_cast<int64_t>(static_cast<double>(d.count_us()) * f));
}

// The shortest run the generator makes: room for faults and a quiet period.
inline constexpr int64_t kMinGeneratedDurationMs = 3000;

Scenario generate_scenario(const GenOptions& options);

}  // namespace consim
