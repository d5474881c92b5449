// The virtual disk (scenarios/README.md, `storage`): synced records survive a
// crash; written but unsynced ones are lost exactly when lose_unsynced is
// true. First sim/disk.h on its own, then through the engine with the echo
// node, whose counter is what it restores from its journal.
#include <algorithm>
#include <memory>
#include <set>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/disk.h"
#include "tests/sim/support/echo_scenario.h"

namespace consim::test {
namespace {

RecordPtr counter(uint64_t v) { return std::make_shared<CounterRecord>(v); }

std::vector<uint64_t> values(std::span<const RecordPtr> records) {
  std::vector<uint64_t> out;
  for (const auto& r : records) out.push_back(dynamic_cast<const CounterRecord&>(*r).value);
  return out;
}

TEST_CASE("disk: a write is durable only once a sync covering it completes", "[engine][disk]") {
  Disk d;
  d.write(counter(1));
  d.write(counter(2));
  CHECK(d.records() == 2);
  CHECK(d.durable_records() == 0);
  const Disk::PendingSync s = d.begin_sync();
  CHECK(s.covers == 2);
  d.write(counter(3));
  CHECK(d.durable_records() == 0);
  d.complete_sync(s);
  CHECK(d.durable_records() == 2);
  CHECK(values(d.durable()) == std::vector<uint64_t>{1, 2});
  CHECK(d.records() == 3);
}

TEST_CASE("disk: sync ids grow and an older sync never shrinks what is durable", "[engine][disk]") {
  Disk d;
  d.write(counter(1));
  const auto first = d.begin_sync();
  d.write(counter(2));
  const auto second = d.begin_sync();
  CHECK(second.id > first.id);
  d.complete_sync(second);
  d.complete_sync(first);
  CHECK(d.durable_records() == 2);
}

TEST_CASE("disk: a crash loses unsynced writes only when told to", "[engine][disk]") {
  SECTION("lose_unsynced") {
    Disk d;
    d.write(counter(1));
    d.complete_sync(d.begin_sync());
    d.write(counter(2));
    d.write(counter(3));
    CHECK(d.crash(true) == 2);
    CHECK(d.records() == 1);
    CHECK(values(d.durable()) == std::vector<uint64_t>{1});
  }
  SECTION("keep unsynced") {
    Disk d;
    d.write(counter(1));
    d.write(counter(2));
    CHECK(d.crash(false) == 0);
    CHECK(values(d.durable()) == std::vector<uint64_t>{1, 2});
  }
}

TEST_CASE("disk: a sync from before a crash or a rewrite makes nothing new durable", "[engine][disk]") {
  SECTION("crash") {
    Disk d;
    d.write(counter(1));
    const auto stale = d.begin_sync();
    d.crash(true);
    d.write(counter(7));
    d.complete_sync(stale);  // would cover one record, but of the old journal
    CHECK(d.durable_records() == 0);
  }
  SECTION("rewrite") {
    Disk d;
    d.write(counter(1));
    d.write(counter(2));
    const auto stale = d.begin_sync();
    d.rewrite({counter(5)});
    CHECK(values(d.durable()) == std::vector<uint64_t>{5});  // a rewrite is durable at once
    d.write(counter(6));
    d.complete_sync(stale);
    CHECK(d.durable_records() == 1);
    d.complete_sync(d.begin_sync());
    CHECK(values(d.durable()) == std::vector<uint64_t>{5, 6});
  }
}

// One node ticking every 100 ms; each tick writes counter k (and syncs it
// unless told not to); a crash at 1550 ms and a restart at 1600 ms. Returns
// what the restarted node restored.
struct CrashOutcome {
  uint64_t restored;
  size_t durable_records;
};

CrashOutcome crash_and_restart(Duration sync, bool lose_unsynced, bool sync_writes) {
  EchoKnobs k;
  k.tick = Duration::ms(100);
  k.sync_writes = sync_writes;
  EchoWorld::get().reset(1, k);
  Scenario s = echo_scenario(1, 2000);
  s.storage.sync = DurationRange{sync, sync};
  s.storage.lose_unsynced = lose_unsynced;
  add_fault(s, 1550, CrashFault{node(1)});
  add_fault(s, 1600, RestartFault{node(1)});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  const EchoNodeLog& log = EchoWorld::get().log(1);
  REQUIRE(log.boots.size() == 2);
  CHECK(log.boots[0].restored == 0);
  CHECK(log.boots[1].at == ms(1600));
  // The restarted node counts on from what it restored.
  const EchoBoot& b = log.boots[1];
  REQUIRE(log.ticks.size() > 15);
  CHECK(log.ticks[15].at == ms(1700));
  CHECK(log.ticks[15].counter == b.restored + 1);
  CHECK(r.engine->disk(1).durable_records() <= r.engine->disk(1).records());
  return CrashOutcome{b.restored, b.durable_records};
}

TEST_CASE("synced writes survive a crash", "[engine][disk]") {
  const CrashOutcome o = crash_and_restart(Duration::zero(), true, true);
  CHECK(o.restored == 15);
  CHECK(o.durable_records == 15);
}

TEST_CASE("a crash before a sync completes loses the write when lose_unsynced", "[engine][disk]") {
  // Syncs take 1 s: the sync of tick k (at 100k ms) completes at 100k + 1000
  // ms, so by 1550 ms only ticks 1..5 are durable.
  const CrashOutcome o = crash_and_restart(Duration::ms(1000), true, true);
  CHECK(o.restored == 5);
  CHECK(o.durable_records == 5);
  const EchoNodeLog& log = EchoWorld::get().log(1);
  // on_synced came for syncs 1..5 only in the first life (the rest died with it).
  size_t first_life = 0;
  for (const auto& sy : log.synced)
    if (sy.boot == 1) ++first_life;
  CHECK(first_life == 5);
  for (const auto& sy : log.synced)
    if (sy.boot == 1) CHECK(sy.at == ms(100.0 * static_cast<double>(sy.sync_id) + 1000));
}

TEST_CASE("unsynced writes survive a crash when lose_unsynced is false", "[engine][disk]") {
  const CrashOutcome o = crash_and_restart(Duration::ms(1000), false, true);
  CHECK(o.restored == 15);
  CHECK(o.durable_records == 15);
}

TEST_CASE("writes that are never synced", "[engine][disk]") {
  SECTION("are lost when lose_unsynced") {
    const CrashOutcome o = crash_and_restart(Duration::zero(), true, false);
    CHECK(o.restored == 0);
    CHECK(o.durable_records == 0);
    CHECK(EchoWorld::get().log(1).synced.empty());
  }
  SECTION("survive otherwise") {
    const CrashOutcome o = crash_and_restart(Duration::zero(), false, false);
    CHECK(o.restored == 15);
  }
}

// Nodes that tick every 100 ms, each tick writing and syncing its counter.
Scenario ticking(int nodes, double duration_ms) {
  EchoKnobs k;
  k.tick = Duration::ms(100);
  EchoWorld::get().reset(nodes, k);
  return echo_scenario(nodes, duration_ms);
}

TEST_CASE("on_synced follows each sync after storage.sync_ms - in order", "[engine][disk]") {
  Scenario s = ticking(1, 1000);
  s.storage.sync = DurationRange{Duration::ms(30), Duration::ms(30)};
  EchoRun r = run_echo(s);
  const EchoNodeLog& log = EchoWorld::get().log(1);
  REQUIRE(log.synced.size() == 9);  // the sync of the tick at 1000 ms is still running at the end
  for (size_t i = 0; i < log.synced.size(); ++i) {
    CHECK(log.synced[i].sync_id == i + 1);
    CHECK(log.synced[i].at == ms(100.0 * static_cast<double>(i + 1) + 30));
  }
  CHECK(r.engine->disk(1).durable_records() == 9);
  CHECK(r.engine->disk(1).records() == 10);
}

// Sync k starts with the tick at 100k ms; on_synced times by sync id.
std::vector<Time> sync_times(const EchoNodeLog& log) {
  std::vector<Time> at;
  for (const auto& sy : log.synced) {
    CHECK(sy.sync_id == at.size() + 1);  // in the order the syncs began
    at.push_back(sy.at);
  }
  return at;
}

TEST_CASE("a sync latency range draws each sync's latency - and syncs still complete in order", "[engine][disk]") {
  Scenario s = ticking(1, 5000);
  s.storage.sync = DurationRange{Duration::ms(10), Duration::ms(300)};
  run_echo(s);
  const std::vector<Time> at = sync_times(EchoWorld::get().log(1));
  REQUIRE(at.size() >= 45);
  std::set<int64_t> latencies;
  for (size_t i = 0; i < at.size(); ++i) {
    const Time began = ms(100.0 * static_cast<double>(i + 1));
    CHECK(at[i] >= began + Duration::ms(10));
    if (i > 0) {
      CHECK(at[i] >= at[i - 1]);  // a disk completes its syncs first come, first served
      CHECK(at[i] <= std::max(at[i - 1], began + Duration::ms(300)));
    }
    latencies.insert((at[i] - began).count_us());
  }
  CHECK(latencies.size() > 20);  // drawn, not fixed
  // The same seed draws the same latencies.
  Scenario again = ticking(1, 5000);  // resets the echo world
  again.storage.sync = s.storage.sync;
  run_echo(again);
  CHECK(sync_times(EchoWorld::get().log(1)) == at);
}

TEST_CASE("a disk fault changes one node's sync latency from then on - and all changes every node's", "[engine][disk]") {
  Scenario s = ticking(2, 2000);
  s.storage.sync = DurationRange{Duration::ms(5), Duration::ms(5)};
  add_fault(s, 450, DiskFault{node(2), DurationRange{Duration::ms(40), Duration::ms(40)}});
  add_fault(s, 1050, DiskFault{NodeRef{NodeRef::Kind::kAll, 0}, DurationRange{Duration::ms(70), Duration::ms(70)}});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  const auto latency_of = [](NodeId n, size_t sync) {
    const std::vector<Time> at = sync_times(EchoWorld::get().log(n));
    REQUIRE(at.size() > sync);
    return (at[sync - 1] - ms(100.0 * static_cast<double>(sync))).to_ms();
  };
  CHECK(latency_of(1, 4) == 5);
  CHECK(latency_of(2, 4) == 5);
  CHECK(latency_of(1, 5) == 5);   // the tick at 500 ms: node 1's disk is still fast
  CHECK(latency_of(2, 5) == 40);  // node 2's is slow
  CHECK(latency_of(1, 11) == 70);
  CHECK(latency_of(2, 11) == 70);
}

TEST_CASE("a crash while a slow disk syncs loses the writes not yet synced", "[engine][disk]") {
  Scenario s = ticking(1, 2000);
  // Fast until 1050 ms, then 1 s per sync: ticks 11..15 are unsynced at the crash.
  add_fault(s, 1050, DiskFault{node(1), DurationRange{Duration::ms(1000), Duration::ms(1000)}});
  add_fault(s, 1550, CrashFault{node(1)});
  add_fault(s, 1600, RestartFault{node(1)});
  run_echo(s);
  const EchoNodeLog& log = EchoWorld::get().log(1);
  REQUIRE(log.boots.size() == 2);
  CHECK(log.boots[1].restored == 10);
}

}  // namespace
}  // namespace consim::test
