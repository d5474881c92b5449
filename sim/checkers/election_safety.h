// election_safety (the README's "Checkers and injected bugs"): no two different nodes are leader in
// the same term (Raft) or ballot (Multi-Paxos, whose ballot arrives as the
// observation's term).
//
// Method: the first node seen leader of each term, in a hash map keyed by
// term; O(1) per RoleChanged. Nothing iterates the map, so its order cannot
// leak into results. One violation per further node that leads a term
// already led by another; a node re-reporting its own leadership is not one.
#pragma once

#include <memory>

#include "sim/checkers/checker.h"

namespace consim {

std::unique_ptr<Checker> make_election_safety_checker();

}  // namespace consim
