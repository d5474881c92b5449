// The search for a linearization of one key's history: Wing & Gong's
// depth-first search over the list of call and return events, with Lowe's
// memo of configurations ("Testing for linearizability", 2017, section 4).
//
// Walk the event list from its head to the first return: the calls on the
// way are the candidates, the operations that may be linearized next. Take
// one: if the model allows it from the current state and the resulting
// (linearized set, state) was never reached, lift its call and return out of
// the list and go on from there. When no candidate is left, undo the latest
// choice and try the next candidate of the configuration before it. The
// history is linearizable when the list is empty; it is not when there is
// nothing left to undo. Unlike Wing & Gong, candidates are tried in the order
// of their returns and a get of the current value is taken without
// alternatives (see collect_candidates); both keep the search complete.
//
// Pending operations (no answer: Outcome::kPending) return at +infinity and
// may also never take effect. They are kept out of the event list: they are
// candidates after the answered ones, once invoked by the time of the first
// return. When every answered operation is linearized the remaining pending
// ones are dropped. Trying them last lets the memo prune them well: a
// configuration that differs from an explored one only by pending operations
// linearized (with the same state) has no linearization either, since those
// operations could be dropped.
//
// Calls and returns at the same instant are taken as concurrent (calls
// first): simulated time cannot tell which came first, and the checker must
// not report a violation that a different order of equal-time events avoids.
//
// Bounded: at most `max_states` configurations are memoized, then the answer
// is kBudget. Deterministic: the order of everything depends only on times and
// history indexes.
#pragma once

#include <cstdint>
#include <span>

#include "sim/checkers/lin_model.h"

namespace consim::lin {

struct SearchOutcome {
  enum class Kind { kLinearizable, kViolation, kBudget } kind = Kind::kLinearizable;
  uint64_t states = 0;  // configurations memoized
};

// Searches for a linearization of `ops` (one key's operations, in any order)
// starting from state `initial`.
SearchOutcome search_linearization(std::span<const LinOp> ops, StateId initial, StateTable& table,
                                   uint64_t max_states);

}  // namespace consim::lin
