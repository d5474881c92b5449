// consim suite [PATH...]: runs a set of scenario files (default: the bundled
// library) and prints one line per file, then the verdict and the command
// that reproduces each failure. An invalid file is reported and counted, and
// the others still run.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/junit.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/parse_error.h"
#include "sim/cli/commands.h"
#include "sim/cli/scenario_runner.h"
#include "sim/cli/suite_report.h"

namespace consim::cli {
namespace {

namespace fs = std::filesystem;

struct SuiteArgs {
  std::vector<std::string> paths;
  std::string junit_path;
  bool json = false;
  bool quiet = false;
};

// The bundled library: ./scenarios/library in the source tree, else where
// `cmake --install` put it beside the binary (PREFIX/share/consim/scenarios/library),
// else the source tree the binary was built from.
std::string default_library() {
  std::error_code ec;
  if (fs::is_directory("scenarios/library", ec)) return "scenarios/library";
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "consim" / "scenarios" / "library";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return CONSIM_SOURCE_LIBRARY;
}

// Directories expand to their *.json files, sorted by name; a file named
// twice (or reached twice) runs once.
std::vector<std::string> expand(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  std::set<fs::path> seen;
  const auto add = [&](const std::string& f) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(f, ec);
    if (seen.insert(ec ? fs::path(f) : canonical).second) files.push_back(f);
  };
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      add(p);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(p, ec))
      if (entry.path().extension() == ".json") found.push_back(entry.path().string());
    std::sort(found.begin(), found.end());
    for (const auto& f : found) add(f);
  }
  return files;
}

// Each file validated, then run; an invalid one keeps its errors and is not run.
SuiteRow run_file(const std::string& file) {
  SuiteRow row{file, std::nullopt, {}};
  LoadResult loaded = load_scenario_file(file);
  if (!loaded.ok()) {
    row.errors = std::move(loaded.errors);
    return row;
  }
  RunRequest request;
  request.file = file;
  row.run = load_and_run(request);
  return row;
}

void print_row(const SuiteRow& row, size_t width, bool color) {
  const auto paint = [color](std::string_view code, std::string_view text) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  if (!row.run) {
    // The first problem, without the file name the row already shows.
    std::string_view first = row.errors.empty() ? std::string_view() : std::string_view(row.errors.front());
    if (first.starts_with(row.file + ": ")) first.remove_prefix(row.file.size() + 2);
    fmt::print("{:<7} {:<{}}  {}\n", paint("31", "invalid"), row.file, width, first);
    return;
  }
  const Summary& s = *row.run;
  const RunResult result = run_result(s);
  const std::string label = result == RunResult::kPass   ? paint("32", "pass")
                            : result == RunResult::kFail ? paint("31", "FAIL")
                                                         : paint("33", "unknown");
  fmt::print("{:<7} {:<{}} {:>11} {:>10} {:>8} {:>9.1f}  {}\n", label, row.file, width, s.events,
             s.stats.entries_committed, s.stats.leaders_elected, s.wall_ms, s.trace_hash);
}

int suite_command(const SuiteArgs& a) {
  const std::vector<std::string> paths = a.paths.empty() ? std::vector<std::string>{default_library()} : a.paths;
  const auto files = expand(paths);
  if (files.empty()) {
    fmt::print(stderr, "{}no scenario files in {}\n", error_prefix(), fmt::join(paths, " "));
    return kExitBadInput;
  }
  const auto claims = stdout_claims(a.json, {{"--junit", &a.junit_path}});
  if (stdout_conflict(claims)) return kExitBadInput;
  FilePtr junit;
  if (!a.junit_path.empty()) {
    junit = open_output(a.junit_path);
    if (!junit) return kExitBadInput;
  }
  const bool color = use_color() && !a.json;
  const bool table = !a.json && !a.quiet;
  size_t width = 8;
  for (const auto& f : files) width = std::max(width, f.size());
  if (table) fmt::print("{:<7} {:<{}} {:>11} {:>10} {:>8} {:>9}  {}\n", "", "file", width, "events", "committed",
                        "leaders", "wall ms", "trace");
  std::vector<SuiteRow> rows;
  double wall_ms = 0;
  uint64_t events = 0;
  for (const auto& f : files) {
    rows.push_back(run_file(f));
    const SuiteRow& row = rows.back();
    for (const auto& e : row.errors) fmt::print(stderr, "{}\n", e);
    if (row.run) {
      wall_ms += row.run->wall_ms;
      events += row.run->events;
    }
    if (table) print_row(row, width, color);
    std::fflush(stdout);
  }
  if (junit) {
    std::vector<JUnitCase> cases;
    for (const auto& row : rows) cases.push_back(suite_case(row));
    fmt::print(junit.get(), "{}", junit_xml(fmt::format("consim suite {}", fmt::join(paths, " ")), cases, wall_ms / 1e3));
    if (!junit.commit()) return kExitBadInput;
  }
  const SuiteCounts counts = count_rows(rows);
  if (a.json) {
    std::cout << suite_json(rows, wall_ms).dump(2) << '\n';
  } else {
    fmt::print("{}{}", table ? "\n" : "", suite_verdict_line(counts, files.size(), events, wall_ms, color));
    for (const auto& row : rows) {
      if (!row.run) fmt::print("  {}: invalid, not run (the errors are above)\n", row.file);
      else if (run_result(*row.run) == RunResult::kFail)
        fmt::print("  {}{}\n  repro: {}\n", row.file, why_failed(*row.run), row.run->repro);
      else if (run_result(*row.run) == RunResult::kUnknown)
        fmt::print("  {}; linearizability unknown: {}\n  repro: {}\n", row.file, row.run->linearizability.reason,
                   row.run->repro);
    }
  }
  return counts.invalid > 0 ? kExitBadInput : exit_code_for(counts.result());
}

}  // namespace

void add_suite_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SuiteArgs>();
  auto* cmd = app.add_subcommand("suite", "Run a set of scenario files (default: the bundled library) and report");
  cmd->add_option("paths", args->paths,
                  "Scenario files or directories of them (default: the bundled library, scenarios/library)");
  cmd->add_option("--junit", args->junit_path,
                  "Write JUnit XML to FILE: one test case per file, a failure with its evidence, repro and trace hash");
  cmd->add_flag("--json", args->json, "Print one JSON object: the counts, every run's summary, the invalid files");
  cmd->add_flag("--quiet", args->quiet, "Print only the verdict and, per failing file, what failed and its repro");
  cmd->footer(
      "An invalid file is reported (its errors on stderr), counted and not run; the others still run.\n"
      "A file named twice, or reached twice through a directory, runs once.\n"
      "Exit codes: 0 every scenario passed, 1 some failed, 2 some file was invalid (or bad options), 3 none\n"
      "failed but some scenario's linearizability search ran out of its budget (unknown, not a pass).");
  cmd->callback([args, &exit_code] { exit_code = suite_command(*args); });
}

}  // namespace consim::cli
