// Percentile math: one home for it (STYLE.md 11).
#pragma once

#include <vector>

namespace consim {

// The q-quantile (0 <= q <= 1) of `values` by nearest rank; 0 when empty.
// Sorts a copy.
double percentile(std::vector<double> values, double q);

}  // namespace consim
