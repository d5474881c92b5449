// Runs many seeds on all cores. A single run stays single-threaded; seeds
// are handed to worker threads, and results are written and aggregated in
// seed order, so nothing in the output depends on --jobs (except wall_ms).
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "protocols/bugs.h"
#include "reports/sweep_report.h"
#include "scenarios/scenario.h"

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
  std::function<Scenario(uint64_t seed)> scenario_for;  // must be thread-safe
  std::function<std::string(uint64_t seed)> repro_for;
  std::vector<Bug> bugs;
  unsigned jobs = 1;
  std::FILE* out = nullptr;  // JSON Lines, one summary per seed, in seed order
  bool progress = false;     // draw a progress bar on stderr
};

struct SweepOutcome {
  SweepReport report;
  double wall_s = 0;
};

SweepOutcome run_sweep(const SweepPlan& plan);

}  // namespace consim::cli
