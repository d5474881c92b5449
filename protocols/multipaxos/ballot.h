// Ballots (PMMC section 3: "a ballot number is a lexicographically ordered
// pair of an integer and the identifier of the ballot's leader"), packed into
// one integer as round * 256 + leader (protocols/observation.h), which orders
// them the same way. Ballot 0 is below every real ballot: nothing promised or
// accepted yet.
#pragma once

#include <cstdint>

#include "protocols/command.h"

namespace consim::multipaxos {

constexpr uint64_t kBallotLeaders = 256;  // node ids stay below this (at most 64 nodes)

constexpr uint64_t make_ballot(uint64_t round, NodeId leader) {
  return round * kBallotLeaders + static_cast<uint64_t>(leader);
}
constexpr uint64_t ballot_round(uint64_t ballot) { return ballot / kBallotLeaders; }
// The only node that ever proposes in `ballot`.
constexpr NodeId ballot_leader(uint64_t ballot) { return static_cast<NodeId>(ballot % kBallotLeaders); }

}  // namespace consim::multipaxos
