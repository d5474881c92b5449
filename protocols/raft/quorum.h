// Quorum arithmetic for Raft, in one place (STYLE.md 11): elections, commit,
// ReadIndex and CheckQuorum all count through these two functions.
#pragma once

#include <cstdint>
#include <span>

namespace consim::raft {

// How many of `nodes` servers (the counting one included) make a quorum: a
// majority, n/2 + 1 (protocols/core/quorum.h). The injected bug raft.minority-quorum
// uses n/2 instead (at least 1), so that two disjoint halves both win.
int quorum_size(int nodes, bool minority_bug);

// The largest value v such that at least `quorum` of `values` are >= v: the
// highest log index stored on a quorum (given every match index), or the
// newest heartbeat round a quorum acknowledged. Requires
// 1 <= quorum <= values.size() <= kMaxNodes.
uint64_t quorum_value(std::span<const uint64_t> values, int quorum);

}  // namespace consim::raft
