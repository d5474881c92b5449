// Ballots (Paxos Made Simple 2.5, "Different proposers choose their numbers
// from disjoint sets of numbers"): a round number and the proposer's node id,
// packed as round * 256 + node id, so that ballots are unique per proposer
// and totally ordered by round, then node. observation.h uses the same
// packing for Multi-Paxos. Ballot 0 is "none": real ballots have round >= 1.
#pragma once

#include <cstdint>

#include "protocols/command.h"

namespace consim::paxos {

inline constexpr uint64_t kNodesPerRound = 256;

constexpr uint64_t make_ballot(uint64_t round, NodeId node) {
  return round * kNodesPerRound + static_cast<uint64_t>(node);
}
constexpr uint64_t ballot_round(uint64_t ballot) { return ballot / kNodesPerRound; }
constexpr NodeId ballot_node(uint64_t ballot) { return static_cast<NodeId>(ballot % kNodesPerRound); }

}  // namespace consim::paxos
