// agreement (the README's "Checkers and injected bugs"): no two different values are chosen for one
// instance (Basic Paxos) or slot (Multi-Paxos), where chosen means accepted
// by a majority of acceptors in one ballot ("Paxos Made Simple" 2.2, P2).
//
// Method: a ChosenTally of every ValueAccepted report, O(1) per report for
// the handful of ballots an instance sees; the first value chosen in each
// instance is kept and every later choice is compared with it. It also
// compares what nodes say they learned (ValueLearned) with what was chosen:
// a node that learns a value no majority accepted, or two different values
// for one instance, has broken agreement as its clients see it.
#pragma once

#include <memory>

#include "sim/checkers/checker.h"

namespace consim {

std::unique_ptr<Checker> make_agreement_checker(int nodes);

}  // namespace consim
