#include "sim/cli/swept_scenario.h"

#include <algorithm>
#include <utility>

namespace consim::cli {

Scenario swept_scenario(const Scenario& base, uint64_t seed, const std::vector<FaultKind>& kinds) {
  Scenario s = base;
  s.seed = seed;
  GenOptions o{base.protocol, base.nodes, seed, kinds, base.duration, {}};
  Scenario g = generate_scenario(o);
  s.faults = std::move(g.faults);
  s.expect = std::move(g.expect);
  // Clients stop before the quiet period, or convergence cannot be asked for.
  if (s.workload && g.workload) s.workload->stop = std::min(s.workload->stop, g.workload->stop);
  return s;
}

}  // namespace consim::cli
