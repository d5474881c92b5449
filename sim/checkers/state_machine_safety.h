// state_machine_safety (the README's "Checkers and injected bugs"): two nodes apply different commands
// at the same log index (Raft) or slot (Multi-Paxos).
//
// Method: the first command applied at each index (its digest, the node, and
// a short description kept for evidence); every EntryApplied compares
// digests, O(1). The same node applying the same command again (after a
// restart) is not a violation; the same node applying a different one is.
//
// Memory: 24 bytes per index plus the description (about 30 bytes), only above
// the cluster's snapshot floor: a node never applies at or below its own
// snapshot, so what was applied there is forgotten (see SnapshotFloor).
//
// One violation per index; a run of consecutive indexes at which the same two
// nodes differ is one divergence, reported at its first index.
#pragma once

#include <memory>

#include "sim/checkers/checker.h"

namespace consim {

std::unique_ptr<Checker> make_state_machine_safety_checker(int nodes);

}  // namespace consim
