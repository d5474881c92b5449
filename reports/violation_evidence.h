// The evidence a report shows for a violation: the time window to open the
// diagram at and, for a linearizability violation, its witness operations
// read back from the violation's detail.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/message_sampler.h"
#include "sim/checkers/checker.h"

namespace consim {

// One operation of a linearizability witness, as the checker describes it
// (sim/checkers/linearizability.cpp, describe_op):
//   put k1=c3-78 (client 3, seq 78): 2397.197-2422.184 ms, node 1 answered "c3-78"
//   get k1 (client 1, seq 136): invoked 4695.613 ms, no answer (last sent to node 2)
struct WitnessOp {
  std::string op;  // "put k1=c3-78"
  uint64_t client = 0;
  uint64_t seq = 0;
  Time invoke;
  std::optional<Time> complete;  // none: no answer by the end of the run
  int node = 0;                  // the node that answered (or was last asked)
  std::string answer;            // as quoted in the detail; "" without an answer
};

// The witness operations listed in a linearizability violation's detail;
// empty for another invariant or a detail in another form.
std::vector<WitnessOp> witness_operations(const Violation& v);

// The stretch of the run that shows a violation: its witness operations (if
// any) up to the moment it was found, with a margin either side.
TimeWindow evidence_window(const Violation& v, const std::vector<WitnessOp>& witness);

}  // namespace consim
