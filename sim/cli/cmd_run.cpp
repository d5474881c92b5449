// consim run SCENARIO.json: replays one scenario and prints its summary.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "reports/perfetto.h"
#include "reports/run_report_html.h"
#include "reports/summary_json.h"
#include "reports/summary_text.h"
#include "reports/trace_reader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/parse_error.h"
#include "sim/cli/commands.h"
#include "sim/cli/gen_options.h"
#include "sim/cli/scenario_runner.h"

namespace consim::cli {
namespace {

struct RunArgs {
  RunRequest request;
  std::string trace_path;
  std::string history_path;
  std::string history_format = "jsonl";
  std::string report_path;
  std::string perfetto_path;
  bool json = false;
  bool quiet = false;
};

// The reports are drawn from the run's trace, read back after the run: the
// engine writes it to an unnamed temporary file, which is also copied to
// --trace when that was asked for too.
struct TempFileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using TempFile = std::unique_ptr<std::FILE, TempFileCloser>;

int run_command(RunArgs& a) {
  const auto claims = stdout_claims(a.json, {{"--trace", &a.trace_path},
                                             {"--history", &a.history_path},
                                             {"--report", &a.report_path},
                                             {"--perfetto", &a.perfetto_path}});
  if (stdout_conflict(claims)) return kExitBadInput;
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
    a.request.history_edn = a.history_format == "edn";
  }
  FilePtr report;
  if (!a.report_path.empty()) {
    report = open_output(a.report_path);
    if (!report) return kExitBadInput;
  }
  FilePtr perfetto;
  if (!a.perfetto_path.empty()) {
    perfetto = open_output(a.perfetto_path);
    if (!perfetto) return kExitBadInput;
  }
  TempFile run_trace;
  if (report || perfetto) {
    run_trace.reset(std::tmpfile());
    if (!run_trace) {
      fmt::print(stderr, "{}cannot create a temporary file for the run's trace\n", error_prefix());
      return kExitBadInput;
    }
    a.request.trace = run_trace.get();
  }
  const auto summary = load_and_run(a.request);
  if (!summary) {  // nothing was run: no output file appears
    trace.discard();
    history.discard();
    report.discard();
    perfetto.discard();
    return kExitBadInput;
  }
  if (run_trace) {
    std::fflush(run_trace.get());
    if (trace) copy_file_contents(run_trace.get(), trace.get());
    if (report) write_run_report(run_trace.get(), *summary, report.get());
    if (perfetto) write_perfetto_trace(run_trace.get(), *summary, perfetto.get());
  }
  // Renamed into place only when whole; a failed write is reported, not hidden.
  if (!trace.commit() || !history.commit() || !report.commit() || !perfetto.commit()) return kExitBadInput;
  if (a.json) std::cout << summary_to_json(*summary).dump(2) << '\n';
  // With a file on stdout, the human summary goes to stderr, out of its way.
  else if (!claims.empty()) std::cerr << summary_to_text(*summary, TextStyle{false, a.quiet});
  else std::cout << summary_to_text(*summary, TextStyle{use_color(), a.quiet});
  return exit_code_for(run_result(*summary));
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run one scenario and check it: every safety checker, every expectation.");
  cmd->add_option("scenario", args->request.file,
                  "Scenario file (JSON, see scenarios/README.md); without one, runs the generator's scenario "
                  "for --seed (see `consim gen`)");
  add_gen_options(*cmd, args->request.gen);
  add_swept_option(*cmd, args->request.swept_file);
  cmd->add_option("--seed", args->request.seed, "Override the scenario's seed");
  cmd->add_option("--bug", args->request.bugs, "Turn an injected bug on (one name per --bug, repeatable; an unknown name lists the catalog)")
      ->allow_extra_args(false);
  cmd->add_option("--trace", args->trace_path, "Write every event as JSON Lines to FILE ('-' for stdout)");
  cmd->add_option("--history", args->history_path,
                  "Write the client history as Jepsen-style JSON Lines (process, type, f, key, value, time)");
  cmd->add_option("--history-format", args->history_format,
                  "jsonl (default) or edn: one EDN map per event, as Knossos and Elle read, :value a [key value] tuple")
      ->check(one_of({"jsonl", "edn"}));
  cmd->add_option("--lin-budget", args->request.lin_max_states,
                  "States the linearizability search may explore per key before it answers \"unknown\" "
                  "(default 2000000); an unknown run is UNKNOWN, exit 3, not a pass")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--report", args->report_path,
                  "Write a self-contained HTML report of the run (space-time diagram, charts, statistics) to FILE");
  cmd->add_option("--perfetto", args->perfetto_path,
                  "Write the run in Chrome trace-event format to FILE, to open in the Perfetto UI or "
                  "chrome://tracing");
  cmd->add_flag("--json", args->json, "Print the run summary as one JSON object and nothing else");
  cmd->add_flag("--quiet", args->quiet, "Print only the verdict, what failed, and the repro command");
  cmd->add_option("--max-events", args->request.max_events, "Stop (and fail) a run after this many events")
      ->check(CLI::PositiveNumber);
  cmd->footer("Exit codes: 0 pass, 1 a checker fired or an expectation failed, 2 bad input, 3 unknown: no check\n"
              "failed but the linearizability search ran out of its --lin-budget on some key (not a pass).\n"
              "Any output file may be '-' for stdout, then the summary goes to stderr; stdout holds one thing,\n"
              "so --json and two '-' files are refused.");
  cmd->callback([cmd, args, &exit_code] {
    exit_code = gen_flags_conflict(*cmd, args->request.file, args->request.swept_file) ? kExitBadInput
                                                                                       : run_command(*args);
  });
}

}  // namespace consim::cli
