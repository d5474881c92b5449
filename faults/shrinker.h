// Shrinking a failing run (`consim shrink`): the smallest scenario the
// shrinker can find that still fails the same way, with the same seed and
// the same bugs. Delta debugging (Zeller and Hildebrandt, "Simplifying and
// Isolating Failure-Inducing Input", TSE 2002): ddmin over the fault list,
// then the number of clients, the number of requests and the duration, in
// rounds until a round removes nothing. The cluster size never changes
// (faults name node ids). Every candidate is an ordinary scenario, run
// whole; only candidates that still fail are kept, so the result fails by
// construction, and it is checked once more after a round trip through the
// scenario file format.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "protocols/core/bugs.h"
#include "scenarios/scenario.h"
#include "protocols/core/invariants.h"

namespace consim {

// What the shrinker needs to know of one run. Running a scenario is the
// engine's job, a layer above this one, so the shrinker is handed a
// ShrinkRunner (sim/shrink_run.h gives the engine's).
struct ShrinkRun {
  struct Violated {
    Invariant invariant;
    Time time;
    std::string detail;
  };
  struct Expected {
    ExpectationKind kind = ExpectationKind::kLeaderAt;
    bool ok = false;
    std::string detail;
  };
  bool pass = false;
  bool stopped_early = false;  // it hit its bound on events
  std::vector<Violated> violations;
  std::vector<Expected> expectations;
  uint64_t requests = 0;  // client requests issued, retries not counted
  std::string trace_hash;
};
using ShrinkRunner = std::function<ShrinkRun(const Scenario&)>;

// The failure a shrink keeps. A run with violations keeps the invariant of
// its earliest one: a violation is a bug in any scenario. A run that fails
// only by its expectations keeps the type of its first failed expectation,
// but a smaller scenario can fail one by itself (no clients, no commits), so
// this needs injected bugs: a candidate must show no violation, fail that
// type with the bugs on and meet its expectations with them off. Without
// bugs such a run is not shrunk.
struct ShrinkTarget {
  std::optional<Invariant> invariant;
  std::optional<ExpectationKind> expectation;  // when there is no invariant
  std::string describe() const;  // "state_machine_safety", "expectation commits"
};

// What a shrink reduces, for the report.
struct ShrinkSize {
  size_t faults = 0;
  int clients = 0;                       // 0: no workload
  std::optional<uint64_t> max_requests;  // none: unlimited
  Duration duration;
};
ShrinkSize shrink_size(const Scenario& s);
// "faults 23 -> 2, clients 3 -> 1, requests unlimited -> 14, duration 10000 -> 2310 ms"
std::string describe_shrink(const ShrinkSize& before, const ShrinkSize& after);

struct ShrinkOptions {
  std::vector<Bug> bugs;      // added to the scenario's own; the result lists them all
  uint64_t max_runs = 2000;   // the bound on runs, the first and the last included
};

struct ShrinkResult {
  std::string error;  // set when there is nothing to shrink: the run does not fail
  ShrinkTarget target;
  Scenario minimal;   // with `bugs` set and one `violates` expectation (or the failed expectation type's entries)
  ShrinkSize before;
  ShrinkSize after;
  uint64_t runs = 0;
  bool budget_hit = false;  // stopped at max_runs: a smaller scenario may exist
  ShrinkRun final_run;      // the run of `minimal`, read back from its JSON
  bool ok() const { return error.empty(); }
};

// Shrinks `failing` (its seed as given). Runs are deterministic, so the
// result depends only on the input and max_runs.
ShrinkResult shrink_scenario(const Scenario& failing, const ShrinkOptions& options, const ShrinkRunner& run);

}  // namespace consim
