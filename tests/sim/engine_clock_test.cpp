// Clock rates (scenarios/README.md, `clock`): a node's timers run at `rate`
// times real speed, and ctx.now() is the node's own clock, continuous across
// rate changes. A timer fires when the node's clock has advanced by its
// duration, never before, whatever the rate was when it was set.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "tests/sim/support/echo_scenario.h"

namespace consim::test {
namespace {

std::vector<double> tick_times(NodeId n) {
  std::vector<double> out;
  for (const auto& t : EchoWorld::get().log(n).ticks) out.push_back(t.at.to_ms());
  return out;
}

std::vector<double> every(double step, double first, double last) {
  std::vector<double> out;
  for (double t = first; t <= last + 1e-9; t += step) out.push_back(t);
  return out;
}

// Three nodes ticking every 100 ms of their own clocks; node 2 at rate 0.5
// and node 3 at rate 2 from the start.
EchoRun run_with_rates(double duration_ms) {
  EchoKnobs k;
  k.tick = Duration::ms(100);
  EchoWorld::get().reset(3, k);
  Scenario s = echo_scenario(3, duration_ms);
  add_fault(s, 0, ClockFault{node(2), 0.5});
  add_fault(s, 0, ClockFault{node(3), 2.0});
  return run_echo(s);
}

TEST_CASE("a slow clock fires timers half as often - a fast one twice as often", "[engine][clock]") {
  EchoRun r = run_with_rates(2000);
  REQUIRE(r.summary.pass);
  CHECK(EchoWorld::get().log(1).ticks.size() == 20);
  CHECK(EchoWorld::get().log(2).ticks.size() == 10);
  CHECK(EchoWorld::get().log(3).ticks.size() == 40);
}

TEST_CASE("ctx.now() runs at the clock rate", "[engine][clock]") {
  run_with_rates(2000);
  // Each node sees its ticks exactly 100 ms apart on its own clock...
  CHECK(tick_times(1) == every(100, 100, 2000));
  CHECK(tick_times(2) == every(100, 100, 1000));
  CHECK(tick_times(3) == every(100, 100, 4000));
  // ...and the pings it receives at its own time: node 1 sends at 100k ms
  // (simulated = its clock), due 50 ms later.
  for (const auto& rc : EchoWorld::get().log(2).receipts)
    if (rc.from == 1) CHECK(rc.at == ms((rc.sent_at.to_ms() + 50) * 0.5));
  for (const auto& rc : EchoWorld::get().log(3).receipts)
    if (rc.from == 1) CHECK(rc.at == ms((rc.sent_at.to_ms() + 50) * 2));
  // Node 2 stamps its pings with its own clock.
  for (const auto& rc : EchoWorld::get().log(1).receipts)
    if (rc.from == 2) CHECK(rc.at == ms(rc.sent_at.to_ms() * 2 + 50));
}

TEST_CASE("a rate change applies to timers already pending", "[engine][clock]") {
  EchoKnobs k;
  k.tick = Duration::ms(100);
  EchoWorld::get().reset(2, k);
  Scenario s = echo_scenario(2, 2000);
  // At 1030 ms node 2's clock reads 1030 and its next tick is due at 1100 of
  // its clock: at rate 2 that is 35 ms later, at 1065 ms.
  add_fault(s, 1030, ClockFault{node(2), 2.0});
  // At 1530 ms its clock reads 1030 + 500 * 2 = 2030; the tick due at 2100
  // of its clock comes 70 ms later at rate 1, at 1600 ms.
  add_fault(s, 1530, ClockFault{node(2), 1.0});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  // Continuous clock, ticks every 100 ms of it.
  CHECK(tick_times(2) == every(100, 100, 2500));
  const auto& ticks = EchoWorld::get().log(2).ticks;
  REQUIRE(ticks.size() == 25);
  // Simulated times, read from the pings node 1 received (50 ms delay).
  std::vector<double> sent_sim;
  for (const auto& rc : EchoWorld::get().log(1).receipts)
    if (rc.from == 2) sent_sim.push_back((rc.at - Duration::ms(50)).to_ms());
  std::vector<double> expected = every(100, 100, 1000);
  for (double t : every(50, 1065, 1515)) expected.push_back(t);
  for (double t : every(100, 1600, 1900)) expected.push_back(t);
  CHECK(sent_sim == expected);
}

TEST_CASE("a timer never fires before its time on the node's own clock", "[engine][clock]") {
  for (double rate : {3.0, 0.7, 1.3, 0.1, 7.0}) {
    CAPTURE(rate);
    EchoKnobs k;
    k.tick = Duration::ms(100);
    EchoWorld::get().reset(1, k);
    Scenario s = echo_scenario(1, 3000);
    add_fault(s, 0, ClockFault{node(1), rate});
    add_fault(s, 1234.567, ClockFault{node(1), 1.0 / rate});
    run_echo(s);
    const auto& ticks = EchoWorld::get().log(1).ticks;
    REQUIRE(ticks.size() >= 2);
    Time previous = Time::zero();
    for (const auto& t : ticks) {
      const Duration gap = t.at - previous;
      CHECK(gap >= Duration::ms(100));
      // Simulated time has microsecond resolution: a clock at rate r moves
      // in steps of up to r microseconds (the run uses rate and 1 / rate).
      const double step_us = std::max(rate, 1.0 / rate);
      CHECK(gap <= Duration::ms(100) + Duration::us(static_cast<int64_t>(step_us) + 1));
      previous = t.at;
    }
  }
}

TEST_CASE("a clock fault on a down node takes effect when it restarts", "[engine][clock]") {
  EchoKnobs k;
  k.tick = Duration::ms(100);
  EchoWorld::get().reset(2, k);
  Scenario s = echo_scenario(2, 1000);
  add_fault(s, 150, CrashFault{node(2)});
  add_fault(s, 200, ClockFault{node(2), 2.0});
  add_fault(s, 500, RestartFault{node(2)});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  // Its clock ran on while it was down: at 500 ms it reads 200 + 300 * 2 = 800.
  const auto& log = EchoWorld::get().log(2);
  REQUIRE(log.boots.size() == 2);
  CHECK(log.boots[1].at == ms(800));
  CHECK(tick_times(2) == std::vector<double>{100, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800});
}

}  // namespace
}  // namespace consim::test
