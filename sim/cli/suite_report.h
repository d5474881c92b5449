// What `consim suite` reports of each scenario file: its run, or why it is
// invalid; the text table, the JSON object and the JUnit cases of them all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/junit.h"
#include "sim/summary.h"

namespace consim::cli {

struct SuiteRow {
  std::string file;
  std::optional<Summary> run;       // unset when the file is invalid
  std::vector<std::string> errors;  // the loader's, for an invalid file
};

struct SuiteCounts {
  size_t passed = 0, failed = 0, unknown = 0, invalid = 0;
  // The runs' verdict (a failure outranks an unknown); an invalid file outranks it in the exit code.
  RunResult result() const;
  // "invalid" when some file was, else the runs' verdict's name.
  std::string_view verdict_name() const;
};
SuiteCounts count_rows(const std::vector<SuiteRow>& rows);

// What failed in a run, "; "-separated and led by "; ".
std::string why_failed(const Summary& s);
JUnitCase suite_case(const SuiteRow& row);
nlohmann::ordered_json suite_json(const std::vector<SuiteRow>& rows, double wall_ms);
// The line after the table: "PASS: 32 of 32 scenarios passed (... events in ... ms wall)".
std::string suite_verdict_line(const SuiteCounts& c, size_t files, uint64_t events, double wall_ms, bool color);

}  // namespace consim::cli
