#include "sim/shrink_run.h"

#include "sim/engine.h"

namespace consim {

ShrinkRun shrink_view(const Summary& summary, uint64_t requests) {
  ShrinkRun r;
  r.pass = summary.pass;
  r.stopped_early = summary.stopped_early.has_value();
  for (const auto& v : summary.violations) r.violations.push_back({v.invariant, v.time, v.detail});
  for (const auto& e : summary.expectations) r.expectations.push_back({e.kind, e.ok, e.detail});
  r.requests = requests;
  r.trace_hash = summary.trace_hash;
  return r;
}

ShrinkRun run_for_shrink(const Scenario& s) {
  Engine engine(s, RunOptions{});
  const Summary summary = engine.run();
  return shrink_view(summary, engine.history().size());
}

}  // namespace consim
