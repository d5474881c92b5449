// Event queue throughput under the classic "hold" model: with N events
// pending, pop the earliest and schedule one more at its time plus a delay
// drawn from a pre-generated table, so the queue size stays at N. Measured
// for consim::EventQueue and, as a yardstick, for a std::priority_queue of
// the same events ordered by the same (time, seq) rule. The plain heap
// cannot cancel, so the cancellation variant runs on EventQueue only.
//
// Run: build/bench/event_queue_bench. "events/s" is hold operations (one pop
// plus one push) per second.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "sim/event_queue.h"
#include "protocols/core/random.h"
#include "protocols/core/time.h"

namespace {

using consim::EventId;
using consim::EventQueue;
using consim::Time;

// A realistic 32-byte event: what kind, for which node, and a few fields.
struct Payload {
  uint32_t kind;
  uint32_t node;
  int64_t term;
  int64_t index;
  int32_t from;
  int32_t to;
};
static_assert(sizeof(Payload) == 32);

// Delays in microseconds, 1 us to 10 ms; a power-of-two table indexed by a
// wrapping counter, so no random draw is timed.
constexpr size_t kDelayTableSize = 1 << 16;

const std::vector<int64_t>& delay_table() {
  static const std::vector<int64_t> table = [] {
    consim::Rng rng(42);
    std::vector<int64_t> t(kDelayTableSize);
    for (auto& d : t) d = rng.uniform_int(1, 10'000);
    return t;
  }();
  return table;
}

Payload make_payload(uint64_t i) {
  return Payload{static_cast<uint32_t>(i % 7), static_cast<uint32_t>(i % 5), static_cast<int64_t>(i),
                 static_cast<int64_t>(i * 3), static_cast<int32_t>(i % 11), static_cast<int32_t>(i % 13)};
}

void set_rate(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations());
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// --- consim::EventQueue ------------------------------------------------------

void BM_EventQueue_Hold(benchmark::State& state) {
  const auto pending = static_cast<size_t>(state.range(0));
  const std::vector<int64_t>& delays = delay_table();
  EventQueue<Payload> q;
  size_t d = 0;
  for (size_t i = 0; i < pending; ++i) {
    q.push(Time::from_us(delays[d++ & (kDelayTableSize - 1)]), make_payload(i));
  }
  uint64_t n = pending;
  for (auto _ : state) {
    auto e = q.pop();
    benchmark::DoNotOptimize(e->payload);
    Payload p = e->payload;
    p.index = static_cast<int64_t>(n++);
    q.push(e->time + consim::Duration::us(delays[d++ & (kDelayTableSize - 1)]), p);
  }
  set_rate(state);
}
BENCHMARK(BM_EventQueue_Hold)->Arg(1'000)->Arg(100'000);

// Every tenth step also arms a "timer" (as a node arms an election timeout)
// and cancels the one armed ten steps earlier, so about one event in eleven is
// cancelled and its dead entry stays in the heap until it surfaces.
void BM_EventQueue_HoldCancel10(benchmark::State& state) {
  const auto pending = static_cast<size_t>(state.range(0));
  const std::vector<int64_t>& delays = delay_table();
  EventQueue<Payload> q;
  size_t d = 0;
  for (size_t i = 0; i < pending; ++i) {
    q.push(Time::from_us(delays[d++ & (kDelayTableSize - 1)]), make_payload(i));
  }
  uint64_t n = pending;
  EventId timer;
  int64_t cancelled = 0;
  for (auto _ : state) {
    auto e = q.pop();
    benchmark::DoNotOptimize(e->payload);
    Payload p = e->payload;
    p.index = static_cast<int64_t>(n);
    q.push(e->time + consim::Duration::us(delays[d++ & (kDelayTableSize - 1)]), p);
    if (n++ % 10 == 0) {
      if (q.cancel(timer)) ++cancelled;
      timer = q.push(e->time + consim::Duration::us(delays[d++ & (kDelayTableSize - 1)]), p);
    }
  }
  set_rate(state);
  // Successful cancels per hold operation: about 0.1.
  state.counters["cancels/op"] =
      benchmark::Counter(static_cast<double>(cancelled), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_EventQueue_HoldCancel10)->Arg(1'000)->Arg(100'000);

// --- std::priority_queue, same events, same order -----------------------------

struct PlainEvent {
  int64_t time_us;
  uint64_t seq;
  Payload payload;
};

// priority_queue is a max-heap: "a after b" puts the earliest (time, seq) on top.
struct After {
  bool operator()(const PlainEvent& a, const PlainEvent& b) const {
    return a.time_us != b.time_us ? a.time_us > b.time_us : a.seq > b.seq;
  }
};

void BM_PriorityQueue_Hold(benchmark::State& state) {
  const auto pending = static_cast<size_t>(state.range(0));
  const std::vector<int64_t>& delays = delay_table();
  std::priority_queue<PlainEvent, std::vector<PlainEvent>, After> q;
  uint64_t seq = 0;
  size_t d = 0;
  for (size_t i = 0; i < pending; ++i) {
    q.push(PlainEvent{delays[d++ & (kDelayTableSize - 1)], seq++, make_payload(i)});
  }
  uint64_t n = pending;
  for (auto _ : state) {
    const PlainEvent e = q.top();
    q.pop();
    benchmark::DoNotOptimize(e.payload);
    Payload p = e.payload;
    p.index = static_cast<int64_t>(n++);
    q.push(PlainEvent{e.time_us + delays[d++ & (kDelayTableSize - 1)], seq++, p});
  }
  set_rate(state);
}
BENCHMARK(BM_PriorityQueue_Hold)->Arg(1'000)->Arg(100'000);

}  // namespace

BENCHMARK_MAIN();
