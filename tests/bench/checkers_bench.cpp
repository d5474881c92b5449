// Throughput and memory of the always-on checkers on a steady Raft history:
// a 5-node cluster in which node 1 leads term 1 and every entry is appended,
// committed and applied on every node (15 observations per entry), with and
// without snapshots. BM_RaftCheckers runs make_checkers(raft) as the engine
// does; BM_OneChecker runs each checker alone (0 election_safety,
// 1 log_matching, 2 leader_completeness, 3 state_machine_safety).
//
// Run: build/bench/checkers_bench. "items/s" is observations per second.
// "heap_MB" is what the checkers hold at the end of the history (glibc
// mallinfo2, so it includes allocator overhead).
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "protocols/core/command.h"
#include "protocols/core/config.h"
#include "protocols/core/observation.h"
#include "sim/checkers/checker.h"
#include "sim/checkers/election_safety.h"
#include "sim/checkers/leader_completeness.h"
#include "sim/checkers/log_matching.h"
#include "sim/checkers/state_machine_safety.h"
#include "protocols/core/time.h"

namespace {

using namespace consim;

constexpr int kNodes = 5;

class CountingSink final : public ViolationSink {
 public:
  void report(Violation) override { ++count; }
  uint64_t count = 0;
};

struct History {
  std::vector<Command> commands;  // commands[i] is entry i + 1
  std::vector<uint64_t> digests;
};

const History& history(uint64_t entries) {
  static History h;
  if (h.commands.size() != entries) {
    h.commands.clear();
    h.digests.clear();
    for (uint64_t i = 1; i <= entries; ++i) {
      Command c;
      c.op = OpType::kPut;
      c.client = static_cast<ClientId>(i % 7 + 1);
      c.seq = i;
      c.key = "key" + std::to_string(i % 100);
      c.value = "c" + std::to_string(c.client) + "-" + std::to_string(i);
      h.digests.push_back(c.digest());
      h.commands.push_back(std::move(c));
    }
  }
  return h;
}

size_t heap_in_use() { return mallinfo2().uordblks; }

// Feeds the steady history; returns the number of observations.
uint64_t run_history(std::vector<std::unique_ptr<Checker>>& checkers, const History& h, uint64_t snapshot_every,
                     CountingSink& sink) {
  uint64_t observations = 0;
  auto feed = [&](Time t, NodeId node, const Observation& o) {
    for (auto& c : checkers) c->on_observation(t, node, o, sink);
    ++observations;
  };
  feed(Time::zero(), 1, RoleChanged{Role::kLeader, 1});
  for (uint64_t i = 1; i <= h.commands.size(); ++i) {
    const Time t = Time::from_us(static_cast<int64_t>(i) * 100);
    for (NodeId n = 1; n <= kNodes; ++n) feed(t, n, EntryAppended{i, 1, h.digests[i - 1]});
    for (NodeId n = 1; n <= kNodes; ++n) feed(t, n, CommitAdvanced{i});
    for (NodeId n = 1; n <= kNodes; ++n) feed(t, n, EntryApplied{i, &h.commands[i - 1], h.commands[i - 1].digest()});
    if (snapshot_every != 0 && i % snapshot_every == 0)
      for (NodeId n = 1; n <= kNodes; ++n) feed(t, n, SnapshotTaken{i, 1, false});
  }
  return observations;
}

std::unique_ptr<Checker> one_checker(int64_t which) {
  switch (which) {
    case 0: return make_election_safety_checker();
    case 1: return make_log_matching_checker(kNodes);
    case 2: return make_leader_completeness_checker(kNodes);
    default: return make_state_machine_safety_checker(kNodes);
  }
}

void measure(benchmark::State& state, int64_t which) {
  const History& h = history(static_cast<uint64_t>(state.range(0)));
  const auto snapshot_every = static_cast<uint64_t>(state.range(1));
  uint64_t observations = 0;
  double heap_mb = 0;
  CountingSink sink;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<std::unique_ptr<Checker>> checkers;
    if (which < 0) checkers = make_checkers(Protocol::kRaft, kNodes);
    else checkers.push_back(one_checker(which));
    const size_t before = heap_in_use();
    state.ResumeTiming();
    observations += run_history(checkers, h, snapshot_every, sink);
    state.PauseTiming();
    heap_mb = static_cast<double>(heap_in_use() - before) / (1024.0 * 1024.0);
    checkers.clear();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(observations));
  state.counters["heap_MB"] = heap_mb;
  state.counters["violations"] = static_cast<double>(sink.count);  // must be 0
}

void BM_RaftCheckers(benchmark::State& state) { measure(state, -1); }
void BM_OneChecker(benchmark::State& state) { measure(state, state.range(2)); }

}  // namespace

// Args: entries, snapshot every N entries (0: never).
BENCHMARK(BM_RaftCheckers)->Args({100'000, 0})->Args({100'000, 1'000})->Unit(benchmark::kMillisecond);
// Args: entries, snapshot every N entries, which checker.
BENCHMARK(BM_OneChecker)
    ->Args({100'000, 0, 0})
    ->Args({100'000, 0, 1})
    ->Args({100'000, 0, 2})
    ->Args({100'000, 0, 3})
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
