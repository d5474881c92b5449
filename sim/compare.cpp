#include "sim/compare.h"

#include "sim/engine.h"
#include "sim/percentile.h"

namespace consim {
namespace {

Scenario as_protocol(const Scenario& base, Protocol p) {
  Scenario s = base;
  s.protocol = p;
  s.config = config_for(p, base.config);
  s.expect.clear();
  s.bugs.clear();
  return s;
}

ProtocolFigures measure(const Scenario& base, Protocol p, uint64_t first_seed, uint64_t last_seed) {
  const Scenario s = as_protocol(base, p);
  ProtocolFigures f;
  f.protocol = p;
  std::vector<double> writes;
  std::vector<double> failovers;
  double availability_sum = 0;
  for (uint64_t seed = first_seed;; ++seed) {
    Engine engine(with_run_settings(s, seed, {}), RunOptions{});
    const Summary summary = engine.run();
    ++f.runs;
    if (!summary.violations.empty()) ++f.runs_with_violations;
    for (const HistoryOp& op : engine.history())
      if (op.outcome == Outcome::kOk && (op.op == OpType::kPut || op.op == OpType::kAppend))
        writes.push_back((op.complete - op.invoke).to_ms());
    const auto& fo = engine.recovery().failover_samples();
    failovers.insert(failovers.end(), fo.begin(), fo.end());
    f.messages_sent += summary.stats.messages_sent;
    f.entries_committed += summary.stats.entries_committed;
    f.leaders_elected += summary.stats.leaders_elected;
    f.client_ok += summary.stats.client_ok;
    availability_sum += summary.stats.availability;
    if (seed == last_seed) break;
  }
  f.writes_ok = writes.size();
  f.write_p50_ms = percentile(writes, 0.50);
  f.write_p99_ms = percentile(writes, 0.99);
  f.messages_per_commit =
      f.entries_committed == 0 ? 0 : static_cast<double>(f.messages_sent) / static_cast<double>(f.entries_committed);
  f.messages_per_op =
      f.client_ok == 0 ? 0 : static_cast<double>(f.messages_sent) / static_cast<double>(f.client_ok);
  f.failovers = failovers.size();
  f.failover_p50_ms = percentile(failovers, 0.50);
  f.failover_max_ms = percentile(failovers, 1.0);
  f.availability = s.workload ? availability_sum / f.runs : -1;
  return f;
}

}  // namespace

Comparison compare_protocols(const Scenario& scenario, std::span<const Protocol> protocols, uint64_t first_seed,
                             uint64_t last_seed) {
  Comparison c;
  c.scenario = scenario.name;
  c.first_seed = first_seed;
  c.last_seed = last_seed;
  c.nodes = scenario.nodes;
  c.rtt_ms = (scenario.network.delay.min + scenario.network.delay.max).to_ms();
  c.sync_ms = (scenario.storage.sync.min + scenario.storage.sync.max).to_ms() / 2;
  for (Protocol p : protocols) c.rows.push_back(measure(scenario, p, first_seed, last_seed));
  return c;
}

}  // namespace consim
