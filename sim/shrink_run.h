// The engine's side of `consim shrink`: one whole run of a candidate, told
// back in the terms the shrinker (faults/shrinker.h) judges it by.
#pragma once

#include "faults/shrinker.h"
#include "scenarios/scenario.h"
#include "sim/summary.h"

namespace consim {

// The shrinker's view of a finished run.
ShrinkRun shrink_view(const Summary& summary, uint64_t requests);
// Runs `s` with the engine and returns its shrinker's view.
ShrinkRun run_for_shrink(const Scenario& s);

}  // namespace consim
