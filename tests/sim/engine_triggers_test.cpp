// Triggered faults through the engine: the fault comes when the cluster does
// what its trigger waits for, to the node that did it, and a crash with
// restart_after comes back by itself. Checked in the trace of real runs.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run_consim.h"
#include "tests/support/traced_run.h"

namespace {

using consim_test::run_consim;
using consim_test::of_kind;
using consim_test::traced;
using nlohmann::json;

}  // namespace

TEST_CASE("a triggered crash hits the node that granted a vote - just after - and restart_after brings it back",
          "[engine][triggers]") {
  const auto trace = traced(R"({"name": "t", "protocol": "raft", "nodes": 3, "seed": 1, "duration_ms": 3000,
      "faults": [{"at_ms": 0, "type": "crash", "node": "trigger", "restart_after_ms": 20,
                  "on": {"event": "send", "message": "RequestVoteReply", "times": 2}}],
      "expect": [{"type": "leader_at", "at_ms": 2900}]})", "trig-vote");
  const auto triggers = of_kind(trace, "trigger");
  REQUIRE(triggers.size() == 2);  // times: 2
  for (const auto& t : triggers) {
    // The node's send of the grant, then the trigger, then the crash: all at one instant.
    const auto send = std::find_if(trace.begin(), trace.end(), [&](const json& e) {
      return e["kind"] == "send" && e["node"] == t["node"] && e["type"] == "RequestVoteReply" && e["t_ms"] == t["t_ms"];
    });
    CHECK(send != trace.end());
    const auto crash = std::find_if(trace.begin(), trace.end(), [&](const json& e) {
      return e["kind"] == "fault" && e["t_ms"] == t["t_ms"] &&
             e["detail"] == "crash node " + std::to_string(t["node"].get<int>()) + ", to restart 20 ms later";
    });
    CHECK(crash != trace.end());
    const auto restart = std::find_if(trace.begin(), trace.end(), [&](const json& e) {
      return e["kind"] == "fault" && e["detail"] == "restart node " + std::to_string(t["node"].get<int>());
    });
    REQUIRE(restart != trace.end());
    CHECK((*restart)["t_ms"].get<double>() == Approx(t["t_ms"].get<double>() + 20));
  }
}

TEST_CASE("a triggered isolation follows each new leader within its delay - until the window ends", "[engine][triggers]") {
  const auto trace = traced(R"({"name": "t", "protocol": "raft", "nodes": 5, "seed": 4, "duration_ms": 6000,
      "faults": [{"at_ms": 0, "type": "isolate", "node": "trigger",
                  "on": {"event": "leader", "after_ms": [5, 10], "times": 3, "until_ms": 3000}},
                 {"at_ms": 4000, "type": "heal"}],
      "expect": [{"type": "leader_at", "at_ms": 5900}]})", "trig-leader");
  const auto triggers = of_kind(trace, "trigger");
  REQUIRE(triggers.size() >= 2);
  REQUIRE(triggers.size() <= 3);
  for (const auto& t : triggers) {
    CHECK(t["t_ms"].get<double>() <= 3000);
    CHECK(t["after_us"].get<int64_t>() >= 5000);
    CHECK(t["after_us"].get<int64_t>() <= 10000);
    const double at = t["t_ms"].get<double>() + t["after_us"].get<double>() / 1000;
    const auto isolate = std::find_if(trace.begin(), trace.end(), [&](const json& e) {
      return e["kind"] == "fault" && e["type"] == "isolate" && e["t_ms"].get<double>() == Approx(at) &&
             e["detail"].get<std::string>().find("node " + std::to_string(t["node"].get<int>())) != std::string::npos;
    });
    CHECK(isolate != trace.end());
  }
}

TEST_CASE("a bundled run without triggered faults keeps the hash it had before triggers", "[engine][triggers]") {
  const auto r = run_consim({"run", std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json",
                             "--json"});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["trace_hash"] == "6b62f111cadd386e");  // as before triggers existed
}
