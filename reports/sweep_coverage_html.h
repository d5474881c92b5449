// The sweep HTML report's coverage section: seeds per probe, and the
// abstract-state x fault-kind matrix as a heat map (plain HTML, no script).
#pragma once

#include <string>

#include "reports/sweep_coverage.h"

namespace consim {

std::string coverage_section_html(const SweepCoverage& coverage, uint64_t seeds);

}  // namespace consim
