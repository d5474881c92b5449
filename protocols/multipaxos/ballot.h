// Multi-Paxos uses the shared ballots of protocols/core/ballot.h; a ballot's node
// is its leader.
#pragma once

#include "protocols/core/ballot.h"

namespace consim::multipaxos {

using consim::ballot_round;
using consim::make_ballot;
constexpr NodeId ballot_leader(uint64_t ballot) { return ballot_node(ballot); }

}  // namespace consim::multipaxos
