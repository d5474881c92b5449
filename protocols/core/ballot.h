// Ballots, shared by Basic Paxos and Multi-Paxos ("Paxos Made Simple" 2.5:
// proposers choose numbers from disjoint sets; PMMC section 3: a ballot is a
// lexicographically ordered pair of a round and the leader's id), packed as
// round * 256 + node id (protocols/core/observation.h), which orders them the same
// way. Ballot 0 is "none": real ballots have round >= 1.
#pragma once

#include <cstdint>

#include "protocols/core/command.h"
#include "protocols/core/quorum.h"

namespace consim {

inline constexpr uint64_t kNodesPerRound = 256;  // node ids stay below this
static_assert(static_cast<uint64_t>(kMaxNodes) < kNodesPerRound, "every node id fits a ballot's low byte");

constexpr uint64_t make_ballot(uint64_t round, NodeId node) {
  return round * kNodesPerRound + static_cast<uint64_t>(node);
}
constexpr uint64_t ballot_round(uint64_t ballot) { return ballot / kNodesPerRound; }
// The only node that ever proposes in `ballot`.
constexpr NodeId ballot_node(uint64_t ballot) { return static_cast<NodeId>(ballot % kNodesPerRound); }

}  // namespace consim
