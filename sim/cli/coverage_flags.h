// --coverage and --require-coverage, as `sweep` and `merge` take them: the
// coverage table after the text report, and the coverage gate.
#pragma once

#include <ostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "reports/sweep_coverage.h"

namespace consim::cli {

struct CoverageFlags {
  bool table = false;    // --coverage
  bool require = false;  // --require-coverage
};

void add_coverage_flags(CLI::App& cmd, CoverageFlags& flags);
// Before the text report: a failed gate, the verdict that decides the exit
// code. After it: the table, then a gate that passed.
void print_failed_gate(std::ostream& text, const SweepCoverage& coverage, const CoverageFlags& flags);
void print_coverage(std::ostream& text, const SweepCoverage& coverage, const CoverageFlags& flags);
// The JSON report's `coverage_gate`, when the gate is on.
void add_coverage_gate(nlohmann::ordered_json& report, const SweepCoverage& coverage, const CoverageFlags& flags);
// A gate that fails fails the command (exit 1), whatever its seeds did.
int gated_exit_code(int code, const SweepCoverage& coverage, const CoverageFlags& flags);

}  // namespace consim::cli
