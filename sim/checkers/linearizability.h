// linearizability (the README's "Checkers and injected bugs"): the client history has a linearization
// against the key-value model (write-once registers for basic-paxos). Each
// operation must take effect atomically at one instant between its invocation
// and its answer; a pending operation (no answer by the end of the run) at any
// instant after its invocation, or never.
//
// Method: linearizability is local (Herlihy & Wing, 1990), so each key is
// checked alone, keys in ascending order. A key's history is searched with
// Wing & Gong's algorithm as refined by Lowe (lin_search.h) against the model
// of lin_model.h. A violation is shrunk to a small witness (lin_witness.h).
//
// Bounded: at most `max_states` memoized configurations per key; a key that
// needs more is reported as kUnknown, never as a violation and never a hang.
// Deterministic: the verdict, witness and counts depend only on the history.
//
// Unlike the other checkers this one reads the finished history rather than a
// stream of observations: a violation can involve operations answered long
// after the first one of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/checkers/checker.h"
#include "sim/checkers/lin_model.h"
#include "sim/history.h"

namespace consim {

struct LinBudget {
  uint64_t max_states = 2'000'000;  // per key; memoized configurations explored
  // Total for shrinking a violation's witness; when it runs out the witness
  // is correct but less small.
  uint64_t max_shrink_states = 4'000'000;
};

struct LinResult {
  enum class Verdict { kLinearizable, kViolation, kUnknown } verdict = Verdict::kLinearizable;
  // kUnknown: why ("key k3: search budget of N states exhausted");
  // kViolation: a one-line summary.
  std::string reason;
  // kViolation: indexes into the history of a small set of operations that
  // has no linearization by itself, ascending.
  std::vector<size_t> witness;
  std::string key;  // the key of the violation
  uint64_t states_explored = 0;  // by the search of every key checked, the witness shrinking not counted
};

LinResult check_linearizability(const History& history, LinModel model, LinBudget budget = {});

// The violation for the run summary (invariant kLinearizability): the time of
// the latest answer among the witness ops, their nodes, the witness ops by
// invocation (Violation::witness), and a detail naming each of them with its
// times, client, node and values. Requires r.verdict == kViolation.
Violation to_violation(const LinResult& r, const History& history);

}  // namespace consim
