// consim run SCENARIO.json: replays one scenario and prints its summary.
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

#include "reports/summary_json.h"
#include "reports/summary_text.h"
#include "reports/wall_clock.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/engine.h"

namespace consim::cli {
namespace {

struct RunArgs {
  std::string file;
  std::optional<uint64_t> seed;
  std::vector<std::string> bugs;
  std::string trace_path;
  bool json = false;
  uint64_t max_events = RunOptions{}.max_events;
};

std::string repro_command(const RunArgs& a, uint64_t seed) {
  std::string cmd = fmt::format("consim run {} --seed {}", shell_quote(a.file), seed);
  for (const auto& b : a.bugs) cmd += fmt::format(" --bug {}", b);
  return cmd;
}

int run_command(const RunArgs& a) {
  LoadResult loaded = load_scenario_file(a.file);
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors) fmt::print(stderr, "{}\n", e);
    return kExitBadInput;
  }
  const Scenario& scenario = *loaded.scenario;
  const auto bugs = parse_bugs(a.bugs);
  if (!bugs) return kExitBadInput;
  for (Bug b : *bugs)
    if (!bug_applies(b, scenario.protocol)) {
      fmt::print(stderr, "error: --bug {} does not apply to protocol {}\n", bug_name(b),
                 protocol_name(scenario.protocol));
      return kExitBadInput;
    }
  // Output files are opened before the run, so a bad path costs nothing.
  FilePtr trace;
  if (!a.trace_path.empty()) {
    trace = open_output(a.trace_path);
    if (!trace) return kExitBadInput;
  }

  RunOptions options;
  options.seed = a.seed;
  options.bugs = *bugs;
  options.trace = trace.get();
  options.max_events = a.max_events;
  options.repro = repro_command(a, a.seed.value_or(scenario.seed));
  Summary summary;
  try {
    const Stopwatch clock;
    summary = run_scenario(scenario, std::move(options));
    summary.wall_ms = clock.elapsed_ms();
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "{}: {}\n", a.file, e.what());
    return kExitBadInput;
  }
  if (a.json) std::cout << summary_to_json(summary).dump(2) << '\n';
  else std::cout << summary_to_text(summary, TextStyle{stdout_is_terminal()});
  return summary.pass ? kExitOk : kExitFailed;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run one scenario and check it: every safety checker, every expectation.");
  cmd->add_option("scenario", args->file, "Scenario file (JSON, see scenarios/README.md)")->required();
  cmd->add_option("--seed", args->seed, "Override the scenario's seed");
  cmd->add_option("--bug", args->bugs, "Turn an injected bug on (repeatable; see spec/checkers.md)");
  cmd->add_option("--trace", args->trace_path, "Write every event as JSON Lines to FILE ('-' for stdout)");
  cmd->add_flag("--json", args->json, "Print the run summary as one JSON object and nothing else");
  cmd->add_option("--max-events", args->max_events, "Stop (and fail) a run after this many events")
      ->check(CLI::PositiveNumber);
  cmd->footer("Exit codes: 0 pass, 1 a checker fired or an expectation failed, 2 bad input.");
  cmd->callback([args, &exit_code] { exit_code = run_command(*args); });
}

}  // namespace consim::cli
