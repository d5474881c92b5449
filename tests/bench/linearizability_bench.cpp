// The linearizability checker on a closed-loop client history like the
// engine's: 10 clients, 10,000 operations (about a third each of put, get and
// append) over 5 keys. Each op takes effect at a random instant between its
// invocation and its answer (commit latency 0.5-5 ms, one op in 20 slowed by a
// timeout and a retry to 300-600 ms), clients think 0-10 ms between ops, one
// op in 200 is never answered (it took effect later, or never) and the client
// moves on, and every client's last op is left pending.
//
// BM_Linearizable checks that history (verdict: linearizable);
// BM_OneStaleRead corrupts one read, so the search must exhaust its key and
// then shrink the witness. Arguments: keys (5, and 1 for one hot key).
//
// Run: build/bench/linearizability_bench. The target is well under 1 s for
// the 10,000-op history.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "sim/checkers/linearizability.h"
#include "sim/history.h"
#include "protocols/core/random.h"

namespace {

using namespace consim;

constexpr int kClients = 10;
constexpr int kOps = 10'000;

History closed_loop_history(int keys, uint64_t seed) {
  Rng rng(seed);
  History h;
  struct Effect {
    int64_t at_us;
    size_t op;
  };
  std::vector<Effect> effects;
  std::vector<int64_t> next_invoke_us(kClients + 1);
  std::vector<uint64_t> next_seq(kClients + 1, 1);
  for (ClientId c = 1; c <= kClients; ++c) next_invoke_us[static_cast<size_t>(c)] = rng.uniform_int(0, 10'000);
  for (int i = 0; i < kOps; ++i) {
    // The client whose next request comes first.
    ClientId c = 1;
    for (ClientId d = 2; d <= kClients; ++d)
      if (next_invoke_us[static_cast<size_t>(d)] < next_invoke_us[static_cast<size_t>(c)]) c = d;
    int64_t& t = next_invoke_us[static_cast<size_t>(c)];
    HistoryOp op;
    op.client = c;
    op.seq = next_seq[static_cast<size_t>(c)]++;
    const int64_t kind = rng.uniform_int(0, 2);
    op.op = kind == 0 ? OpType::kPut : kind == 1 ? OpType::kAppend : OpType::kGet;
    op.key = "k" + std::to_string(rng.uniform_int(1, keys));
    if (op.op != OpType::kGet) op.value = "c" + std::to_string(c) + "-" + std::to_string(op.seq);
    op.invoke = Time::from_us(t);
    op.node = static_cast<NodeId>(rng.uniform_int(1, 5));
    op.attempts = 1;
    const bool last = i >= kOps - kClients;
    if (last || rng.uniform_int(0, 199) == 0) {
      if (rng.uniform_int(0, 1) == 0) effects.push_back({t + rng.uniform_int(0, 400'000), h.size()});
      t += 1'000'000;  // gave up; never in a real run, but a harder history
    } else {
      const bool slow = rng.uniform_int(0, 19) == 0;
      const int64_t latency = slow ? rng.uniform_int(300'000, 600'000) : rng.uniform_int(500, 5'000);
      const int64_t at = t + rng.uniform_int(0, latency);
      effects.push_back({at, h.size()});
      op.outcome = Outcome::kOk;
      op.complete = Time::from_us(t + latency + rng.uniform_int(0, 5'000));
      op.attempts = slow ? 2 : 1;
      t = op.complete.us() + rng.uniform_int(0, 10'000);
    }
    h.push_back(std::move(op));
  }
  std::sort(effects.begin(), effects.end(),
            [](const Effect& a, const Effect& b) { return std::tie(a.at_us, a.op) < std::tie(b.at_us, b.op); });
  std::map<std::string, std::string> state;
  for (const Effect& e : effects) {
    HistoryOp& op = h[e.op];
    std::string& s = state[op.key];
    if (op.op == OpType::kPut) s = op.value;
    if (op.op == OpType::kAppend) s += op.value;
    if (op.outcome == Outcome::kOk) op.result = s;
  }
  return h;
}

// A read two thirds into the history returns the value before a write that
// completed before the read began.
History with_stale_read(History h) {
  std::map<std::string, std::vector<size_t>> writes;  // ok puts by key, by completion
  for (size_t i = 0; i < h.size(); ++i)
    if (h[i].op == OpType::kPut && h[i].outcome == Outcome::kOk) writes[h[i].key].push_back(i);
  for (size_t i = h.size() * 2 / 3; i < h.size(); ++i) {
    if (h[i].op != OpType::kGet || h[i].outcome != Outcome::kOk) continue;
    const std::vector<size_t>& w = writes[h[i].key];
    size_t done = 0;  // puts answered before the read was invoked
    for (size_t j : w)
      if (h[j].complete < h[i].invoke) ++done;
    if (done < 2) continue;
    h[i].result = h[w[done - 2]].value;  // a value overwritten before the read began (puts are mostly sequential)
    return h;
  }
  return h;
}

void report(benchmark::State& state, const History& h, const LinResult& r) {
  state.counters["ops"] = static_cast<double>(h.size());
  state.counters["states"] = static_cast<double>(r.states_explored);
  state.counters["witness"] = static_cast<double>(r.witness.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(h.size()));
}

void BM_Linearizable(benchmark::State& state) {
  const History h = closed_loop_history(static_cast<int>(state.range(0)), 42);
  LinResult r;
  for (auto _ : state) {
    r = check_linearizability(h, LinModel::kKeyValue);
    benchmark::DoNotOptimize(r);
  }
  if (r.verdict != LinResult::Verdict::kLinearizable) state.SkipWithError(("not linearizable: " + r.reason).c_str());
  report(state, h, r);
}
BENCHMARK(BM_Linearizable)->Arg(5)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_OneStaleRead(benchmark::State& state) {
  const History h = with_stale_read(closed_loop_history(static_cast<int>(state.range(0)), 42));
  LinResult r;
  for (auto _ : state) {
    r = check_linearizability(h, LinModel::kKeyValue);
    benchmark::DoNotOptimize(r);
  }
  if (r.verdict != LinResult::Verdict::kViolation) state.SkipWithError(("no violation found: " + r.reason).c_str());
  report(state, h, r);
}
BENCHMARK(BM_OneStaleRead)->Arg(5)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
