// Runs many seeds on all cores. A single run stays single-threaded; seeds
// are handed to worker threads, and results are written and aggregated in
// seed order, so nothing in the output depends on --jobs (except wall_ms).
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocols/core/bugs.h"
#include "reports/sweep_report.h"
#include "scenarios/scenario.h"
#include "sim/engine.h"

namespace consim::cli {

// The seeds first, first + step, ... (count of them): a whole range, or
// one shard's share of it.
struct SeedList {
  uint64_t first = 1;
  uint64_t step = 1;
  uint64_t count = 0;
  uint64_t at(uint64_t i) const { return first + i * step; }
};

struct SweepPlan {
  SeedList seeds;
  // The seed's scenario, its bugs included (with_run_settings); must be thread-safe.
  std::function<Scenario(uint64_t seed)> scenario_for;
  std::function<std::string(uint64_t seed)> repro_for;
  unsigned jobs = 1;
  std::FILE* out = nullptr;  // JSON Lines, one summary per seed, in seed order
  bool progress = false;     // draw a progress bar on stderr
  uint64_t lin_max_states = 0;  // --lin-budget; 0 for the engine's default
  // How one seed runs. Always run_scenario but in the test that the
  // nondeterminism check fires (tests/faults/sweep_runner_test.cpp).
  std::function<Summary(const Scenario&, RunOptions)> run = run_scenario;
  // A guided sweep runs its generations as sweeps of their own: their
  // results add up in `into` (instead of the outcome's report), and each
  // summary, in order, goes to on_result as well.
  SweepReport* into = nullptr;
  std::function<void(const nlohmann::ordered_json& summary)> on_result;
};

struct SweepOutcome {
  SweepReport report;  // the seeds done, in order: those written to `out`
  double wall_s = 0;
  // The process's peak resident memory so far (getrusage), in KiB: what one
  // sweep process needs, for sizing shards (README "Performance").
  long peak_rss_kb = 0;
  // Set when SIGINT or SIGTERM stopped the sweep (its number: exit code
  // 128 + signal). The report and `out` then hold the seeds done, a prefix
  // of the plan in seed order, in whole lines; seeds still running were
  // stopped and are left out.
  int interrupted_by = 0;
  uint64_t seeds_planned = 0;
};

// Runs the plan. While it runs, SIGINT and SIGTERM stop it: running seeds
// stop within about a thousand events, and run_sweep returns what was done.
// A second signal ends the process at once.
SweepOutcome run_sweep(const SweepPlan& plan);

// For an interrupted sweep: the line that leads the text report, and the
// fields added to the --json report.
std::string interrupted_note(const SweepOutcome& outcome);
void mark_interrupted(nlohmann::ordered_json& report, const SweepOutcome& outcome);

}  // namespace consim::cli
