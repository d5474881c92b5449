// validity (the README's "Checkers and injected bugs"): every value chosen or applied is one some
// client proposed ("Paxos Made Simple" 2.1: only a value that has been
// proposed may be chosen). Multi-Paxos leaders' no-ops, which fill holes
// ("Paxos Made Moderately Complex" 3), count as proposed.
//
// Method: the digests of every command clients sent (on_client_command), in
// a hash set; each ValueLearned and EntryApplied is one lookup. Accepted
// values that no client proposed go to a ChosenTally of their own (empty in
// a correct run), which says if one was ever chosen.
#pragma once

#include <memory>

#include "sim/checkers/checker.h"

namespace consim {

std::unique_ptr<Checker> make_validity_checker(int nodes);

}  // namespace consim
