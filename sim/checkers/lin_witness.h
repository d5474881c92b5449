// Shrinking a key's non-linearizable history to a small witness: a subset of
// its operations that has no linearization either, usually 2 to 4 of them.
//
// Delta debugging (Zeller's ddmin, complements only): split the current set
// into n chunks, try the set without each chunk, keep the first that still
// has no linearization, refine n when none does.
//
// Every set tried is closed: an op that found a value (a get's result, the
// value an ok append extended) stays with the op that produced it, the put
// or append that left exactly that value (for an append, transitively, so a
// witness holds the chain of appends back to the last put). A closed subset
// of a linearizable history is linearizable: restrict the history's
// linearization to it, and each op still finds the value it found, left by
// the same producer with no write in between. So the witness never drifts to
// a subset that is wrong only because a write was cut out of it ("a read of
// a value never written"); it keeps the operations that actually conflict.
// (A value no op of the history produced is evidence by itself.)
//
// Dropping every pending operation never makes a history linearizable (they
// may be dropped anyway), so the search begins from the answered ones plus
// the pending writes whose values were seen.
//
// Bounded: each check gets at most `max_states_per_check` configurations and
// all checks together `max_states_total` (a check costs at least its size);
// an inconclusive check keeps the ops it tried to remove.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/checkers/lin_model.h"

namespace consim::lin {

// `ops` is one key's history, known to have no linearization. The answer
// indexes into `ops`, ascending.
std::vector<uint32_t> shrink_witness(std::span<const LinOp> ops, StateTable& table, uint64_t max_states_per_check,
                                     uint64_t max_states_total);

}  // namespace consim::lin
