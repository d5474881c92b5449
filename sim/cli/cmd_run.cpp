// consim run SCENARIO.json: replays one scenario and prints its summary.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "reports/summary_json.h"
#include "reports/summary_text.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/cli/gen_options.h"
#include "sim/cli/scenario_runner.h"

namespace consim::cli {
namespace {

struct RunArgs {
  RunRequest request;
  std::string trace_path;
  std::string history_path;
  bool json = false;
};

int run_command(RunArgs& a) {
  // Output files are opened before the run, so a bad path costs nothing.
  FilePtr trace;
  if (!a.trace_path.empty()) {
    trace = open_output(a.trace_path);
    if (!trace) return kExitBadInput;
    a.request.trace = trace.get();
  }
  FilePtr history;
  if (!a.history_path.empty()) {
    history = open_output(a.history_path);
    if (!history) return kExitBadInput;
    a.request.history = history.get();
  }
  const auto summary = load_and_run(a.request);
  if (!summary) return kExitBadInput;
  if (a.json) std::cout << summary_to_json(*summary).dump(2) << '\n';
  else std::cout << summary_to_text(*summary, TextStyle{use_color()});
  return summary->pass ? kExitOk : kExitFailed;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run one scenario and check it: every safety checker, every expectation.");
  cmd->add_option("scenario", args->request.file,
                  "Scenario file (JSON, see scenarios/README.md); without one, runs the generator's scenario "
                  "for --seed (see `consim gen`)");
  add_gen_options(*cmd, args->request.gen);
  cmd->add_option("--seed", args->request.seed, "Override the scenario's seed");
  cmd->add_option("--bug", args->request.bugs, "Turn an injected bug on (repeatable; see spec/checkers.md)");
  cmd->add_option("--trace", args->trace_path, "Write every event as JSON Lines to FILE ('-' for stdout)");
  cmd->add_option("--history", args->history_path,
                  "Write the client history as Jepsen-style JSON Lines (process, type, f, key, value, time)");
  cmd->add_option("--lin-budget", args->request.lin_max_states,
                  "States the linearizability search may explore per key before it answers \"unknown\" "
                  "(default 2000000)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", args->json, "Print the run summary as one JSON object and nothing else");
  cmd->add_option("--max-events", args->request.max_events, "Stop (and fail) a run after this many events")
      ->check(CLI::PositiveNumber);
  cmd->footer("Exit codes: 0 pass, 1 a checker fired or an expectation failed, 2 bad input.");
  cmd->callback([cmd, args, &exit_code] {
    exit_code = gen_flags_conflict(*cmd, args->request.file) ? kExitBadInput : run_command(*args);
  });
}

}  // namespace consim::cli
