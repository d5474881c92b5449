// Basic Paxos uses the shared ballots of protocols/core/ballot.h.
#pragma once

#include "protocols/core/ballot.h"

namespace consim::paxos {

using consim::ballot_node;
using consim::ballot_round;
using consim::make_ballot;

}  // namespace consim::paxos
