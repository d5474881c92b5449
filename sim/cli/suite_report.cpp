#include "sim/cli/suite_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/summary_json.h"
#include "reports/summary_text.h"

namespace consim::cli {

RunResult SuiteCounts::result() const {
  if (failed > 0) return RunResult::kFail;
  return unknown > 0 ? RunResult::kUnknown : RunResult::kPass;
}

std::string_view SuiteCounts::verdict_name() const { return invalid > 0 ? "invalid" : run_result_name(result()); }

SuiteCounts count_rows(const std::vector<SuiteRow>& rows) {
  SuiteCounts c;
  for (const auto& row : rows) {
    if (!row.run) {
      ++c.invalid;
      continue;
    }
    switch (run_result(*row.run)) {
      case RunResult::kPass: ++c.passed; break;
      case RunResult::kFail: ++c.failed; break;
      case RunResult::kUnknown: ++c.unknown; break;
    }
  }
  return c;
}

std::string why_failed(const Summary& s) {
  std::string why;
  if (s.crash) why += fmt::format("; assertion failed at {}: {}", s.crash->where, s.crash->what);
  for (const auto& v : s.violations) why += fmt::format("; {} violated", invariant_name(v.invariant));
  for (const auto& e : s.expectations)
    if (!e.ok) why += fmt::format("; {}: {}", expectation_kind_name(e.kind), e.detail);
  if (s.stopped_early) why += "; " + s.stopped_early->describe();
  return why;
}

namespace {

JUnitCase invalid_case(const SuiteRow& row) {
  JUnitCase c;
  c.name = row.file;
  c.classname = "consim.suite";
  c.result = RunResult::kFail;
  c.type = "invalid";
  c.message = row.errors.empty() ? "invalid" : row.errors.front();
  c.text = fmt::format("{}\n", fmt::join(row.errors, "\n"));
  return c;
}

}  // namespace

JUnitCase suite_case(const SuiteRow& row) {
  if (!row.run) return invalid_case(row);
  const Summary& s = *row.run;
  JUnitCase c;
  c.name = s.scenario;
  c.classname = "consim.suite";
  c.time_s = s.wall_ms / 1000.0;
  const RunResult result = run_result(s);
  c.result = result;
  std::vector<std::string> what;
  for (const auto& v : s.violations) what.emplace_back(invariant_name(v.invariant));
  for (const auto& e : s.expectations)
    if (!e.ok) what.emplace_back(expectation_kind_name(e.kind));
  c.type = fmt::format("{}", fmt::join(what, ","));
  const std::string why = why_failed(s);
  c.message = result == RunResult::kUnknown ? "linearizability unknown: " + s.linearizability.reason
              : why.empty()                 ? ""
                                            : why.substr(2);
  std::string evidence;
  for (const auto& v : s.violations)
    evidence += fmt::format("{} at {} ms: {}\n", invariant_name(v.invariant), v.time.to_ms(), v.detail);
  c.text = fmt::format("{}{}file: {}\nrepro: {}\ntrace: {}\n", c.message.empty() ? "" : c.message + "\n", evidence,
                       row.file, s.repro, s.trace_hash);
  return c;
}

nlohmann::ordered_json suite_json(const std::vector<SuiteRow>& rows, double wall_ms) {
  const SuiteCounts c = count_rows(rows);
  nlohmann::ordered_json j;
  j["result"] = c.verdict_name();
  j["scenarios"] = rows.size();
  j["passed"] = c.passed;
  j["failed"] = c.failed;
  j["unknown"] = c.unknown;
  j["invalid"] = c.invalid;
  j["wall_ms"] = wall_ms;
  j["runs"] = nlohmann::ordered_json::array();
  j["invalid_files"] = nlohmann::ordered_json::array();
  for (const auto& row : rows) {
    if (!row.run) {
      j["invalid_files"].push_back({{"file", row.file}, {"errors", row.errors}});
      continue;
    }
    nlohmann::ordered_json run{{"file", row.file}};
    run.update(summary_to_json(*row.run));
    j["runs"].push_back(std::move(run));
  }
  return j;
}

std::string suite_verdict_line(const SuiteCounts& c, size_t files, uint64_t events, double wall_ms, bool color) {
  const std::string_view word = c.invalid ? "INVALID" : verdict_word(c.result());
  const std::string_view code = c.invalid ? verdict_colour(RunResult::kFail) : verdict_colour(c.result());
  std::string more;
  if (c.failed && (c.unknown || c.invalid)) more += fmt::format(", {} failed", c.failed);
  if (c.unknown) more += fmt::format(", {} unknown", c.unknown);
  if (c.invalid) more += fmt::format(", {} invalid (not run)", c.invalid);
  return fmt::format("{}: {} of {} scenarios passed{} ({} events in {:.0f} ms wall)\n",
                     color ? fmt::format("\x1b[{}m{}\x1b[0m", code, word) : std::string(word), c.passed, files, more,
                     events, wall_ms);
}

}  // namespace consim::cli
