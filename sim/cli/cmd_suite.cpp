// consim suite [PATH...]: runs a set of scenario files (default: the bundled
// library) and prints one line per scenario, then the verdict and the
// command that reproduces each failure.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/junit.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/cli/scenario_runner.h"
#include "sim/trace.h"

namespace consim::cli {
namespace {

struct SuiteArgs {
  std::vector<std::string> paths{"scenarios/library"};
  std::string junit_path;
};

// What failed in a run, "; "-separated and led by "; ".
std::string why_failed(const Summary& s) {
  std::string why;
  if (s.crash) why += fmt::format("; assertion failed at {}: {}", s.crash->where, s.crash->what);
  for (const auto& v : s.violations) why += fmt::format("; {} violated", invariant_name(v.invariant));
  for (const auto& e : s.expectations)
    if (!e.ok) why += fmt::format("; {}: {}", expectation_kind_name(e.kind), e.detail);
  if (s.stopped_early) why += "; " + s.stopped_early->describe();
  return why;
}

// A scenario's JUnit test case: its failure (or unknown verdict) with the repro line.
JUnitCase suite_case(const Summary& s) {
  JUnitCase c;
  c.name = s.scenario;
  c.classname = "consim.suite";
  c.time_s = s.wall_ms / 1000.0;
  const RunResult result = run_result(s);
  c.result = result == RunResult::kPass   ? JUnitCase::Result::kPass
             : result == RunResult::kFail ? JUnitCase::Result::kFail
                                          : JUnitCase::Result::kUnknown;
  std::vector<std::string> what;
  for (const auto& v : s.violations) what.emplace_back(invariant_name(v.invariant));
  for (const auto& e : s.expectations)
    if (!e.ok) what.emplace_back(expectation_kind_name(e.kind));
  c.type = fmt::format("{}", fmt::join(what, ","));
  const std::string why = why_failed(s);
  c.message = result == RunResult::kUnknown ? "linearizability unknown: " + s.linearizability.reason
                                            : why.empty() ? "" : why.substr(2);
  std::string evidence;
  for (const auto& v : s.violations)
    evidence += fmt::format("{} at {} ms: {}\n", invariant_name(v.invariant), v.time.to_ms(), v.detail);
  c.text = fmt::format("{}{}repro: {}\ntrace: {}\n", c.message.empty() ? "" : c.message + "\n", evidence, s.repro,
                       s.trace_hash);
  return c;
}

// Directories expand to their *.json files, sorted by name.
std::vector<std::string> expand(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(p, ec)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(p, ec))
      if (entry.path().extension() == ".json") found.push_back(entry.path().string());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

int suite_command(const SuiteArgs& a) {
  const auto files = expand(a.paths);
  if (files.empty()) {
    fmt::print(stderr, "error: no scenario files in {}\n", fmt::join(a.paths, " "));
    return kExitBadInput;
  }
  // Every file is validated before anything runs: bad input runs nothing.
  bool valid = true;
  for (const auto& f : files) {
    const auto loaded = load_scenario_file(f);
    for (const auto& e : loaded.errors) fmt::print(stderr, "{}\n", e);
    valid = valid && loaded.ok();
  }
  if (!valid) return kExitBadInput;

  const bool color = use_color();
  const auto paint = [color](std::string_view code, std::string_view text) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  std::vector<Summary> failed, unknown;
  std::vector<JUnitCase> cases;
  FilePtr junit;
  if (!a.junit_path.empty()) {
    junit = open_output(a.junit_path);
    if (!junit) return kExitBadInput;
  }
  double wall_ms = 0;
  uint64_t events = 0;
  fmt::print("{:<7} {:<34} {:>11} {:>10} {:>8} {:>9}  {}\n", "", "scenario", "events", "committed", "leaders",
             "wall ms", "trace");
  for (const auto& f : files) {
    RunRequest request;
    request.file = f;
    const auto s = load_and_run(request);
    if (!s) return kExitBadInput;
    wall_ms += s->wall_ms;
    events += s->events;
    const RunResult result = run_result(*s);
    const std::string label = result == RunResult::kPass   ? paint("32", "pass")
                              : result == RunResult::kFail ? paint("31", "FAIL")
                                                           : paint("33", "unknown");
    fmt::print("{:<7} {:<34} {:>11} {:>10} {:>8} {:>9.1f}  {}\n", label, s->scenario, s->events,
               s->stats.entries_committed, s->stats.leaders_elected, s->wall_ms, s->trace_hash);
    std::fflush(stdout);
    if (result == RunResult::kFail) failed.push_back(*s);
    if (result == RunResult::kUnknown) unknown.push_back(*s);
    cases.push_back(suite_case(*s));
  }
  if (junit) {
    fmt::print(junit.get(), "{}", junit_xml(fmt::format("consim suite {}", fmt::join(a.paths, " ")), cases, wall_ms / 1000.0));
    if (!junit.commit()) return kExitBadInput;
  }
  const std::string verdict = !failed.empty()    ? paint("1;31", "FAIL")
                              : !unknown.empty() ? paint("1;33", "UNKNOWN")
                                                 : paint("1;32", "PASS");
  fmt::print("\n{}: {} of {} scenarios passed{} ({} events in {:.0f} ms wall)\n", verdict,
             files.size() - failed.size() - unknown.size(), files.size(),
             unknown.empty() ? "" : fmt::format(", {} unknown", unknown.size()), events, wall_ms);
  for (const auto& s : failed) fmt::print("  {}{}\n  repro: {}\n", s.scenario, why_failed(s), s.repro);
  for (const auto& s : unknown)
    fmt::print("  {}; linearizability unknown: {}\n  repro: {}\n", s.scenario, s.linearizability.reason, s.repro);
  if (!failed.empty()) return kExitFailed;
  return unknown.empty() ? kExitOk : kExitUnknown;
}

}  // namespace

void add_suite_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SuiteArgs>();
  auto* cmd = app.add_subcommand("suite", "Run a set of scenario files (default: the bundled library) and report");
  cmd->add_option("paths", args->paths, "Scenario files or directories of them (default: scenarios/library)");
  cmd->add_option("--junit", args->junit_path,
                  "Write JUnit XML to FILE: one test case per scenario, a failure with its evidence, repro and trace "
                  "hash");
  cmd->footer("Exit codes: 0 every scenario passed, 1 some failed, 2 bad input (nothing is run), 3 none failed\n"
              "but some scenario's linearizability search ran out of its budget (unknown, not a pass).");
  cmd->callback([args, &exit_code] { exit_code = suite_command(*args); });
}

}  // namespace consim::cli
