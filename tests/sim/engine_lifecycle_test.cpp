// Node lifecycle (scenarios/README.md, crash, restart and pause): a crash ends
// the node's timers and the messages in flight to it; a restart boots a new
// incarnation from durable state; a paused node processes nothing, and what
// was due for it waits, in order, until it resumes.
//
// Echo cluster, fixed 50 ms delay: a ping sent at t is due at t + 50.
#include <catch2/catch.hpp>

#include <algorithm>
#include <utility>
#include <vector>

#include "tests/sim/support/echo_scenario.h"

namespace consim::test {
namespace {

EchoKnobs ticks_every(int64_t tick_ms) {
  EchoKnobs k;
  k.tick = Duration::ms(tick_ms);
  return k;
}

std::vector<double> tick_times(NodeId n) {
  std::vector<double> out;
  for (const auto& t : EchoWorld::get().log(n).ticks) out.push_back(t.at.to_ms());
  return out;
}

TEST_CASE("a crash drops the node's timers and the messages in flight to it", "[engine][lifecycle]") {
  EchoWorld::get().reset(3, ticks_every(100));
  Scenario s = echo_scenario(3, 700);
  // At 130 ms the pings of 100 ms to node 2 are in flight (due 150) and its
  // tick timer is due at 200; it is back, as a new incarnation, at 140.
  add_fault(s, 130, CrashFault{node(2)});
  add_fault(s, 140, RestartFault{node(2)});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  const EchoNodeLog& log = EchoWorld::get().log(2);
  REQUIRE(log.boots.size() == 2);
  // The old timer (200 ms) never fires; the new incarnation's runs from 140 ms.
  CHECK(tick_times(2) == std::vector<double>{100, 240, 340, 440, 540, 640});
  CHECK(log.ticks[1].boot == 2);
  CHECK(log.boots[1].restored == 1);
  // Nothing sent to the first incarnation reaches the second.
  for (const auto& rc : log.receipts) {
    CHECK(rc.boot == 2);
    CHECK(rc.sent_at >= ms(200));
  }
  CHECK(log.receipts.size() == 2 * 5);  // pings of 200..600 ms from nodes 1 and 3
  CHECK(r.summary.stats.messages_dropped == 2);
  CHECK(r.summary.stats.crashes == 1);
  CHECK(r.summary.stats.restarts == 1);
}

TEST_CASE("messages sent to a node while it is down are lost - even if due after its restart",
          "[engine][lifecycle]") {
  EchoWorld::get().reset(3, ticks_every(100));
  Scenario s = echo_scenario(3, 700);
  add_fault(s, 160, CrashFault{node(2)});
  add_fault(s, 330, RestartFault{node(2)});  // the pings of 300 ms are due at 350
  EchoRun r = run_echo(s);
  const EchoNodeLog& log = EchoWorld::get().log(2);
  std::vector<double> first_life;
  std::vector<double> second_life;
  for (const auto& rc : log.receipts) (rc.boot == 1 ? first_life : second_life).push_back(rc.sent_at.to_ms());
  CHECK(first_life == std::vector<double>{100, 100});
  CHECK(second_life == std::vector<double>{400, 400, 500, 500, 600, 600});
  CHECK(tick_times(2) == std::vector<double>{100, 430, 530, 630});
  CHECK(r.engine->node(2) != nullptr);
  // Node 2 sent nothing while down; nodes 1 and 3 heard it again from 430 ms.
  for (NodeId n : {1, 3}) {
    std::vector<double> from2;
    for (const auto& rc : EchoWorld::get().log(n).receipts)
      if (rc.from == 2) from2.push_back(rc.sent_at.to_ms());
    CHECK(from2 == std::vector<double>{100, 430, 530, 630});
  }
}

TEST_CASE("a crashed node stays down until restarted and restart all boots every down node", "[engine][lifecycle]") {
  EchoWorld::get().reset(3, ticks_every(100));
  Scenario s = echo_scenario(3, 1000);
  add_fault(s, 250, CrashFault{node(1)});
  add_fault(s, 260, CrashFault{node(3)});
  add_fault(s, 500, RestartFault{selector(NodeRef::Kind::kAll)});
  add_fault(s, 700, CrashFault{node(3)});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  CHECK(EchoWorld::get().log(1).boots.size() == 2);
  CHECK(EchoWorld::get().log(2).boots.size() == 1);
  CHECK(EchoWorld::get().log(3).boots.size() == 2);
  CHECK(EchoWorld::get().log(1).boots[1].at == ms(500));
  CHECK(r.engine->node(1) != nullptr);
  CHECK(r.engine->node(2) != nullptr);
  CHECK(r.engine->node(3) == nullptr);
  // The crash at 700 ms comes before the tick due then (faults first at equal times).
  CHECK(tick_times(3) == std::vector<double>{100, 200, 600});
  // Through Engine::node: the live object is the echo node, with its counter.
  const auto* one = dynamic_cast<EchoNode*>(r.engine->node(1));
  REQUIRE(one != nullptr);
  CHECK(one->boot_number() == 2);
  CHECK(one->counter() == 2 + 5);  // restored 2, then ticks at 600..1000
}

TEST_CASE("a paused node gets its messages at resume - in the order they were due", "[engine][pause]") {
  EchoWorld::get().reset(3, ticks_every(100));
  EchoWorld::get().knobs(1).tick = Duration::ms(30);
  EchoWorld::get().knobs(3).tick = Duration::ms(70);
  Scenario s = echo_scenario(3, 800);
  add_fault(s, 205, PauseFault{node(2), Duration::ms(300)});  // until 505
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);

  // Every ping to node 2 arrives: on time outside the pause, at 505 ms if it
  // was due during it.
  std::vector<Time> due_in_pause;
  size_t sent_to_2 = 0;
  for (NodeId from : {1, 3})
    for (const auto& t : EchoWorld::get().log(from).ticks) {
      const Time due = t.at + Duration::ms(50);
      if (due > ms(800)) continue;
      ++sent_to_2;
      if (due >= ms(205) && due < ms(505)) due_in_pause.push_back(due);
    }
  std::sort(due_in_pause.begin(), due_in_pause.end());
  REQUIRE(due_in_pause.size() == 14);

  const EchoNodeLog& log = EchoWorld::get().log(2);
  CHECK(log.receipts.size() == sent_to_2);
  std::vector<Time> batch;
  for (const auto& rc : log.receipts) {
    CHECK_FALSE((rc.at > ms(205) && rc.at < ms(505)));
    const Time due = rc.sent_at + Duration::ms(50);
    if (rc.at == ms(505)) batch.push_back(due);
    else CHECK(rc.at == due);
  }
  CHECK(batch == due_in_pause);  // in due order
}

TEST_CASE("what waited in a pause runs before what is due at the instant it ends", "[engine][pause]") {
  // Node 2 is paused 205..500 ms. At 500 ms three kinds of input meet: those
  // that waited (pings due 230..495 ms), its own tick timer, set at boot
  // for 500 ms, and the ping node 1 sent at 450 ms, due at 500 ms. Due order
  // puts the waiting ones first.
  EchoWorld::get().reset(3, ticks_every(100));
  EchoWorld::get().knobs(1).tick = Duration::ms(30);
  EchoWorld::get().knobs(2).tick = Duration::ms(500);
  Scenario s = echo_scenario(3, 800);
  add_fault(s, 205, PauseFault{node(2), Duration::ms(295)});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  const EchoNodeLog& log = EchoWorld::get().log(2);
  REQUIRE(log.ticks.size() == 1);
  CHECK(log.ticks[0].at == ms(500));
  // (due time, input number) of every input handled at 500 ms.
  std::vector<std::pair<Time, uint64_t>> at_resume;
  for (const auto& rc : log.receipts)
    if (rc.at == ms(500)) at_resume.emplace_back(rc.sent_at + Duration::ms(50), rc.input);
  at_resume.emplace_back(ms(500), log.ticks[0].input);
  REQUIRE(at_resume.size() > 10);
  std::sort(at_resume.begin(), at_resume.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });  // handling order
  for (size_t i = 1; i < at_resume.size(); ++i) {
    CAPTURE(i);
    CHECK(at_resume[i - 1].first <= at_resume[i].first);
  }
  CHECK(at_resume.back().first == ms(500));
}

TEST_CASE("a timer due during a pause fires at resume", "[engine][pause]") {
  EchoWorld::get().reset(3, ticks_every(100));
  Scenario s = echo_scenario(3, 800);
  add_fault(s, 205, PauseFault{node(2), Duration::ms(300)});
  EchoRun r = run_echo(s);
  CHECK(tick_times(2) == std::vector<double>{100, 200, 505, 605, 705});
  // A paused node sends nothing.
  std::vector<double> from2;
  for (const auto& rc : EchoWorld::get().log(1).receipts)
    if (rc.from == 2) from2.push_back(rc.sent_at.to_ms());
  CHECK(from2 == std::vector<double>{100, 200, 505, 605, 705});
}

TEST_CASE("a second pause extends the first", "[engine][pause]") {
  EchoWorld::get().reset(2, ticks_every(100));
  Scenario s = echo_scenario(2, 1000);
  add_fault(s, 205, PauseFault{node(2), Duration::ms(300)});  // until 505
  add_fault(s, 300, PauseFault{node(2), Duration::ms(400)});  // until 700
  add_fault(s, 320, PauseFault{node(2), Duration::ms(10)});   // inside: changes nothing
  EchoRun r = run_echo(s);
  CHECK(tick_times(2) == std::vector<double>{100, 200, 700, 800, 900, 1000});
  for (const auto& rc : EchoWorld::get().log(2).receipts) CHECK_FALSE((rc.at > ms(205) && rc.at < ms(700)));
}

TEST_CASE("a timer cancelled as the node resumes does not fire", "[engine][pause]") {
  // Node 2 cancels its tick timer on the first ping that reaches it at or
  // after 205 ms. The ping due at 230 ms waits in the pause, and so (in the
  // first case) does the timer due at 300 ms; at resume the ping comes
  // first and cancels the timer.
  EchoWorld::get().reset(2, ticks_every(100));
  EchoWorld::get().knobs(1).tick = Duration::ms(30);
  EchoWorld::get().knobs(2).cancel_tick_on_ping_after = ms(205);
  Scenario s = echo_scenario(2, 1000);
  SECTION("the timer was due during the pause") {
    add_fault(s, 205, PauseFault{node(2), Duration::ms(300)});
  }
  SECTION("the timer is not yet due at resume") {
    add_fault(s, 205, PauseFault{node(2), Duration::ms(50)});
  }
  SECTION("the timer waits through two pauses") {
    add_fault(s, 205, PauseFault{node(2), Duration::ms(300)});
    add_fault(s, 505, PauseFault{node(2), Duration::ms(100)});
  }
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  CHECK(EchoWorld::get().log(2).tick_cancelled);
  CHECK(tick_times(2) == std::vector<double>{100, 200});
}

TEST_CASE("a crash during a pause drops what was waiting", "[engine][pause]") {
  EchoWorld::get().reset(3, ticks_every(100));
  EchoWorld::get().knobs(1).tick = Duration::ms(30);
  Scenario s = echo_scenario(3, 800);
  s.storage.sync = DurationRange{Duration::ms(50), Duration::ms(50)};
  add_fault(s, 205, PauseFault{node(2), Duration::ms(300)});
  add_fault(s, 300, CrashFault{node(2)});
  add_fault(s, 350, RestartFault{node(2)});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  const EchoNodeLog& log = EchoWorld::get().log(2);
  // The sync of the tick at 200 ms reached the disk at 250 ms although the
  // node was paused: the restart finds two records.
  REQUIRE(log.boots.size() == 2);
  CHECK(log.boots[1].restored == 2);
  // Its on_synced was waiting in the pause and died with it.
  for (const auto& sy : log.synced)
    if (sy.boot == 1) CHECK(sy.at < ms(205));
  // The new incarnation is not paused and hears only what was sent to it.
  CHECK(tick_times(2) == std::vector<double>{100, 200, 450, 550, 650, 750});
  for (const auto& rc : log.receipts) {
    if (rc.boot == 1) CHECK(rc.at < ms(205));
    else CHECK(rc.sent_at > ms(350));
  }
}

TEST_CASE("on_synced for a paused node waits for the resume", "[engine][pause]") {
  EchoWorld::get().reset(1, ticks_every(100));
  Scenario s = echo_scenario(1, 800);
  s.storage.sync = DurationRange{Duration::ms(50), Duration::ms(50)};
  add_fault(s, 205, PauseFault{node(1), Duration::ms(300)});
  EchoRun r = run_echo(s);
  std::vector<double> at;
  for (const auto& sy : EchoWorld::get().log(1).synced) at.push_back(sy.at.to_ms());
  CHECK(at == std::vector<double>{150, 505, 555, 655, 755});
}

}  // namespace
}  // namespace consim::test
