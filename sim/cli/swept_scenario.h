// One seed of `sweep --scenario FILE`: the file's cluster, config, network
// and workload with this seed's generated faults and the expectations that go
// with them. The sweep, and `run`, `shrink` and `gen` with `--scenario FILE
// --seed S`, build it here, so a failing seed of such a sweep is one run.
#pragma once

#include <cstdint>
#include <vector>

#include "faults/generator.h"
#include "scenarios/scenario.h"

namespace consim::cli {

Scenario swept_scenario(const Scenario& base, uint64_t seed, const std::vector<FaultKind>& kinds);

}  // namespace consim::cli
