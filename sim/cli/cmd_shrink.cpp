// consim shrink: from a failing run to the smallest scenario that still
// fails with the same invariant (faults/shrinker.h), written as an ordinary
// scenario file that reproduces the failure on its own.
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "faults/shrinker.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/parse_error.h"
#include "sim/cli/commands.h"
#include "sim/cli/repro.h"
#include "sim/cli/scenario_runner.h"
#include "sim/plural.h"
#include "sim/shrink_run.h"
#include "sim/trace.h"

namespace consim::cli {
namespace {

struct ShrinkArgs {
  RunRequest request;
  std::string out_path;
  uint64_t max_runs = ShrinkOptions{}.max_runs;
};

// What the written file shows when run.
std::string shown(const ShrinkResult& r) {
  if (r.target.invariant)
    for (const auto& v : r.final_run.violations)
      if (v.invariant == *r.target.invariant)
        return fmt::format("{} at {} ms: {}", invariant_name(v.invariant), format_ms(v.time.to_ms()), v.detail);
  for (const auto& e : r.final_run.expectations)
    if (!e.ok && e.kind == r.target.expectation)
      return fmt::format("{} failed: {}", expectation_kind_name(e.kind), e.detail);
  return r.target.describe();
}

int shrink_command(const ShrinkArgs& a) {
  const auto resolved = resolve_run(a.request);
  if (!resolved) return kExitBadInput;
  const Scenario& failing = resolved->scenario;
  ShrinkOptions options;
  options.max_runs = a.max_runs;

  // The output is opened before the work, so a bad path costs nothing.
  FilePtr out = open_output(a.out_path);
  if (!out) return kExitBadInput;
  const auto discard_output = [&] { out.discard(); };

  ShrinkResult r;
  try {
    r = shrink_scenario(failing, options, run_for_shrink);
  } catch (const std::invalid_argument& e) {  // a protocol without an implementation
    fmt::print(stderr, "{}{}\n", error_prefix(), e.what());
    discard_output();
    return kExitBadInput;
  }
  if (!r.ok()) {
    fmt::print(stderr, "{}{} ({}, seed {})\n", error_prefix(), r.error, a.request.file.empty() ? "generated scenario" : a.request.file,
               failing.seed);
    discard_output();
    return kExitBadInput;
  }
  fmt::print(out.get(), "{}\n", scenario_to_json(r.minimal).dump(2));
  if (!out.commit()) return kExitBadInput;

  // With the scenario on stdout, the report goes to stderr.
  std::FILE* report = a.out_path == "-" ? stderr : stdout;
  fmt::print(report, "{}; still fails with {} ({})\n", describe_shrink(r.before, r.after), r.target.describe(),
             counted(r.runs, "run", "runs"));
  if (r.budget_hit)
    fmt::print(report, "stopped at the bound of {} runs (--max-runs): a smaller scenario may exist\n", a.max_runs);
  if (a.out_path == "-") fmt::print(report, "the scenario on stdout shows {}\n", shown(r));
  else
    fmt::print(report, "wrote {}: {}\n  repro: {}\n", a.out_path, shown(r),
               repro_command(FileRun{a.out_path}, r.minimal.seed, {}));
  return kExitOk;
}

}  // namespace

void add_shrink_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ShrinkArgs>();
  auto* cmd = app.add_subcommand(
      "shrink", "Shrink a failing run to the smallest scenario that still fails with the same invariant");
  cmd->add_option("scenario", args->request.file,
                  "Scenario file of the failing run; without one, the generator's scenario for --seed (as `consim run` "
                  "takes it, so a sweep's repro command works with run replaced by shrink)");
  add_gen_options(*cmd, args->request.gen);
  add_swept_option(*cmd, args->request.swept_file);
  cmd->add_option("--seed", args->request.seed, "Override the scenario's seed");
  cmd->add_option("--bug", args->request.bugs, "Turn an injected bug on (one name per --bug, repeatable); written into the output")
      ->allow_extra_args(false);
  cmd->add_option("--out", args->out_path, "Where to write the shrunk scenario ('-' for stdout)")->required();
  cmd->add_option("--max-runs", args->max_runs, "Bound on the runs the shrink may make (default 2000)")
      ->check(CLI::Range(uint64_t{3}, uint64_t{1'000'000}));
  cmd->footer(
      "Keeps the invariant of the run's earliest violation, with the same seed, bugs and cluster size:\n"
      "delta debugging over the faults, then fewer clients, fewer requests (workload.max_requests) and a\n"
      "shorter duration. The output carries the bugs and a `violates` expectation, so `consim run MIN.json`\n"
      "reproduces the failure alone (and passes: the scenario expects that checker to fire).\n"
      "A run that fails only by an expectation keeps the type of its first failed one (and its duration),\n"
      "and needs injected bugs: every candidate must also pass with them off, or a smaller scenario could\n"
      "fail by itself (no clients, no commits).\n"
      "Exit codes: 0 written, 2 bad input or a run with nothing to shrink (it does not fail).");
  cmd->callback([cmd, args, &exit_code] {
    exit_code = gen_flags_conflict(*cmd, args->request.file, args->request.swept_file) ? kExitBadInput
                                                                                       : shrink_command(*args);
  });
}

}  // namespace consim::cli
