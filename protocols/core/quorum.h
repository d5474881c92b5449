// Quorum arithmetic: one home for it (STYLE.md 11).
#pragma once

namespace consim {

// The smallest majority of n nodes: n/2 + 1.
constexpr int majority(int n) { return n / 2 + 1; }

}  // namespace consim
