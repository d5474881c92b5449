// The run in Chrome's trace-event format (`consim run --perfetto FILE.json`),
// to open in the Perfetto UI (ui.perfetto.dev) or chrome://tracing.
//
// Process 1 is the cluster, with one thread track per node (tid = node id,
// named "node N" by metadata events). On a node's track: "up" or "crashed"
// slices; inside "up", one slice per role ("leader t3", with role and term
// as args); inside that, "paused" while a pause fault holds the node; and
// zero-length "send T" / "recv T" / "drop T" slices joined by flow events
// (s at the send, f at the delivery or drop; the flow id is the message id).
// Commits are instant events on the node's track; faults and violations are
// global instant events. Process 2 holds one track per client, with a slice
// per operation from its first invocation to its ok answer.
#pragma once

#include <cstdio>

#include "sim/summary.h"

namespace consim {

// Reads the run's trace (JSON Lines, from its start) and writes the JSON.
void write_perfetto_trace(std::FILE* trace, const Summary& s, std::FILE* out);

}  // namespace consim
