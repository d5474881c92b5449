// Bound everything (STYLE.md 8): a run that reaches its events-per-run bound
// stops, says so in the summary and fails; it never hangs.
#include <catch2/catch.hpp>

#include <string>

#include "tests/sim/support/echo_scenario.h"

namespace consim::test {
namespace {

TEST_CASE("a run that reaches max_events stops early and fails", "[engine][bounds]") {
  EchoWorld::get().reset(3);
  const Scenario s = echo_scenario(3, 10'000);
  EchoRun r = run_echo(s, echo_options(100));
  CHECK_FALSE(r.summary.pass);
  CHECK(r.summary.events == 100);
  REQUIRE(r.summary.stopped_early);
  CHECK(r.summary.stopped_early->reason == StopReason::kEventBound);
  CHECK(r.summary.stopped_early->describe().find("100 events") != std::string::npos);
  CHECK(r.summary.sim_time_ms < 10'000);
  CHECK(r.summary.sim_time_ms > 0);
}

TEST_CASE("a node that never lets time advance cannot hang the run", "[engine][bounds]") {
  // A zero tick: every tick schedules the next at the same instant.
  EchoKnobs k;
  k.tick = Duration::zero();
  k.send_pings = false;
  EchoWorld::get().reset(2, k);
  const Scenario s = echo_scenario(2, 1000);
  EchoRun r = run_echo(s, echo_options(5000));
  CHECK_FALSE(r.summary.pass);
  CHECK(r.summary.events == 5000);
  CHECK(r.summary.stopped_early);
  CHECK(r.summary.sim_time_ms == 0);
  CHECK(EchoWorld::get().log(1).ticks.size() + EchoWorld::get().log(2).ticks.size() <= 5000);
}

TEST_CASE("a run within its bound ends at duration_ms and passes", "[engine][bounds]") {
  EchoWorld::get().reset(3);
  const Scenario s = echo_scenario(3, 1000);
  EchoRun r = run_echo(s);
  CHECK(r.summary.pass);
  CHECK_FALSE(r.summary.stopped_early);
  CHECK(r.summary.sim_time_ms == 1000);
  CHECK(r.summary.events > 100);
  // Equal to the bound is still within it.
  EchoWorld::get().reset(3);
  EchoRun exact = run_echo(s, echo_options(r.summary.events));
  CHECK(exact.summary.pass);
  CHECK(exact.summary.trace_hash == r.summary.trace_hash);
}

}  // namespace
}  // namespace consim::test
