// The run summary as JSON, field for field as the README shows it, plus the
// project's documented additions (faults_skipped, stopped_early, extra stats,
// linearizability, a linearizability violation's witness).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "sim/summary.h"

namespace consim {

nlohmann::ordered_json summary_to_json(const Summary& s);

// The summary's `coverage`: `probes`, the hits of each probe hit at least
// once, by name; `states`, the AbstractState codes reached, ascending.
nlohmann::ordered_json coverage_to_json(const RunCoverage& c);

// A linearizability violation's witness (Violation::witness), as the
// summary's `violations[].witness`: one object per operation, by invocation,
// with `op`, `client`, `seq`, `invoke_ms`, `complete_ms` (null: no answer),
// `node` and `answer` (the value returned, whole; "" without an answer).
nlohmann::ordered_json witness_to_json(const std::vector<WitnessOp>& witness);

}  // namespace consim
