// Quorum arithmetic and the bound on cluster size: one home for each
// (STYLE.md 11).
#pragma once

namespace consim {

// The most nodes a cluster may have. Every protocol keeps a set of nodes (the
// votes a candidate holds, the acceptors that promised or accepted, the peers
// that acknowledged) as the bits of one uint64_t, node i at bit i - 1.
inline constexpr int kMaxNodes = 64;

// The smallest majority of n nodes: n/2 + 1.
constexpr int majority(int n) { return n / 2 + 1; }

}  // namespace consim
