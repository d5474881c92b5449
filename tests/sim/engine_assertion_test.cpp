// A failed assertion is a finding of the run, not the end of the process
// (protocols/core/assert.h): the run stops at it and fails with class
// `crash`, naming where it fired, when in simulated time, at which event,
// in which node, with the run's repro line; summaries in every form say so.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "faults/generator.h"
#include "reports/summary_json.h"
#include "reports/summary_text.h"
#include "sim/engine.h"
#include "tests/support/provoked_assertion.h"

using namespace consim;

namespace {

Scenario generated(uint64_t seed) {
  GenOptions o;
  o.seed = seed;
  return generate_scenario(o);
}

RunOptions provoked(std::string repro) {
  RunOptions o;
  o.factory = &test::make_provoked_assertion_node;
  o.repro = std::move(repro);
  return o;
}

}  // namespace

TEST_CASE("engine: a failed assertion in protocol code fails the run with a crash finding", "[engine][assert]") {
  const Scenario s = generated(4);
  const Summary clean = run_scenario(s, RunOptions{});
  REQUIRE(clean.pass);
  REQUIRE_FALSE(clean.crash);

  const Summary r = run_scenario(s, provoked("consim run --seed 4"));
  CHECK_FALSE(r.pass);
  REQUIRE(r.crash);
  CHECK(r.crash->node == test::kProvokedNode);
  CHECK(r.crash->what == "++delivered_ < kProvokedAtMessage: provoked on purpose by a test");
  // The path inside the repository, never the build machine's.
  CHECK(r.crash->where.rfind("tests/support/provoked_assertion.h:", 0) == 0);
  CHECK(r.crash->events == r.events);  // the run stopped at the event that fired
  CHECK(r.crash->time_ms > 0);
  CHECK(r.crash->time_ms == r.sim_time_ms);
  CHECK(r.sim_time_ms < clean.sim_time_ms);
  CHECK(r.events < clean.events);
  CHECK(r.seed == 4);
  CHECK(r.repro == "consim run --seed 4");
  CHECK(r.expectations.empty());  // a crashed run is judged by its crash alone

  // Deterministic like every finding: the same crash, the same hash.
  const Summary again = run_scenario(s, provoked("consim run --seed 4"));
  CHECK(again.trace_hash == r.trace_hash);
  CHECK(again.crash->events == r.crash->events);
  CHECK(r.trace_hash != clean.trace_hash);
}

TEST_CASE("engine: a crash finding appears in the JSON and text summaries", "[engine][assert]") {
  const Summary r = run_scenario(generated(4), provoked("consim run --seed 4"));
  REQUIRE(r.crash);
  const nlohmann::json j = summary_to_json(r);
  CHECK(j["result"] == "fail");
  REQUIRE(j.contains("crash"));
  CHECK(j["crash"]["where"] == r.crash->where);
  CHECK(j["crash"]["what"] == r.crash->what);
  CHECK(j["crash"]["node"] == test::kProvokedNode);
  CHECK(j["crash"]["events"] == r.crash->events);
  CHECK_FALSE(summary_to_json(run_scenario(generated(4), RunOptions{})).contains("crash"));

  const std::string text = summary_to_text(r, {});
  CHECK(text.rfind("FAIL", 0) == 0);
  CHECK(text.find("crash: assertion failed at ") != std::string::npos);
  CHECK(text.find(r.crash->where) != std::string::npos);
  CHECK(text.find("node 2") != std::string::npos);
  CHECK(text.find("repro: consim run --seed 4") != std::string::npos);
}
