// The Raft benchmark of canonical/raft's deterministic test fixture, side by
// side: scenarios/bench/raft-canonical-100k.json (5 nodes, one-way delay
// 15 ms, disk sync 10 ms, heartbeat 100 ms, election timeout 1000-2000 ms,
// one client with no think time, 100,000 puts, no faults, every checker on,
// log compaction on). Reports committed entries per wall second, events per
// second, events per committed entry and peak memory (max RSS).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <string>

#include "scenarios/loader.h"
#include "sim/engine.h"

namespace {

std::string scenario_path() {
  const char* dir = std::getenv("CONSIM_SOURCE_DIR");
  return std::string(dir ? dir : ".") + "/scenarios/bench/raft-canonical-100k.json";
}

void BM_RaftCanonical100k(benchmark::State& state) {
  const consim::LoadResult loaded = consim::load_scenario_file(scenario_path());
  if (!loaded.ok()) {
    state.SkipWithError(("cannot load " + scenario_path() + " (run from the source tree or set CONSIM_SOURCE_DIR)").c_str());
    return;
  }
  uint64_t entries = 0, events = 0;
  bool pass = true;
  for (auto _ : state) {
    const consim::Summary s = consim::run_scenario(*loaded.scenario, {});
    entries += s.stats.entries_committed;
    events += s.events;
    pass = pass && s.pass;
  }
  if (!pass) state.SkipWithError("the benchmark scenario did not pass");
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["entries/s"] = benchmark::Counter(static_cast<double>(entries), benchmark::Counter::kIsRate);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events/entry"] = static_cast<double>(events) / static_cast<double>(entries);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_RaftCanonical100k)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
