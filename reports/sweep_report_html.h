// The HTML report of a sweep (`consim sweep --report FILE.html`): one
// self-contained file with the verdict, the failures grouped by invariant
// with the command that reproduces each, seeds per second, and histograms of
// recovery, failover, commit latency and availability across the seeds.
#pragma once

#include <cstdio>
#include <string>

#include "reports/sweep_distributions.h"
#include "reports/sweep_failures.h"
#include "reports/sweep_report.h"

namespace consim {

struct SweepPageInfo {
  std::string command;     // the sweep's own command line
  double seeds_per_s = 0;  // wall-clock: the only figures that differ between two sweeps
  double wall_s = 0;
};

std::string render_sweep_report_html(const SweepReport& report, const SweepDistributions& distributions,
                                     const SweepFailureIndex& failures, const SweepPageInfo& info);

// Reads the sweep's per-seed summaries (JSON Lines as `sweep --out` writes
// them, from the file's start) for the distributions, and writes the report.
void write_sweep_report(std::FILE* summaries, const SweepReport& report, const SweepPageInfo& info, std::FILE* out);

}  // namespace consim
