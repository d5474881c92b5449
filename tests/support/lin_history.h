// What the linearizability tests share: the checker under each model, and
// sub-histories of a witness.
#pragma once

#include <algorithm>
#include <vector>

#include "sim/checkers/linearizability.h"

namespace consim::testing {

using Verdict = LinResult::Verdict;

inline LinResult kv(const History& h, LinBudget budget = {}) {
  return check_linearizability(h, LinModel::kKeyValue, budget);
}
inline LinResult worm(const History& h) { return check_linearizability(h, LinModel::kWriteOnceRegister); }

// The operations at `indexes`, in that order.
inline History subset(const History& h, const std::vector<size_t>& indexes) {
  History out;
  for (size_t i : indexes) out.push_back(h[i]);
  return out;
}

inline bool contains(const std::vector<size_t>& v, size_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace consim::testing
