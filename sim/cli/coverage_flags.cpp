#include "sim/cli/coverage_flags.h"

#include "sim/cli/commands.h"

namespace consim::cli {

void add_coverage_flags(CLI::App& cmd, CoverageFlags& flags) {
  cmd.add_flag("--coverage", flags.table,
               "Print the coverage table: seeds per probe, and seeds per abstract state and fault kind");
  cmd.add_flag("--require-coverage", flags.require,
               "Fail (exit 1) if a probe not marked rare was hit by no seed, naming it");
}

void print_failed_gate(std::ostream& text, const SweepCoverage& coverage, const CoverageFlags& flags) {
  if (flags.require && !coverage.unhit(false).empty()) text << coverage_gate_text(coverage.unhit(false));
}

void print_coverage(std::ostream& text, const SweepCoverage& coverage, const CoverageFlags& flags) {
  if (flags.table) text << coverage.to_text();
  if (flags.require && coverage.unhit(false).empty()) text << coverage_gate_text({});
}

void add_coverage_gate(nlohmann::ordered_json& report, const SweepCoverage& coverage, const CoverageFlags& flags) {
  if (flags.require) report["coverage_gate"] = coverage_gate_json(coverage.unhit(false));
}

int gated_exit_code(int code, const SweepCoverage& coverage, const CoverageFlags& flags) {
  return flags.require && !coverage.unhit(false).empty() ? kExitFailed : code;
}

}  // namespace consim::cli
