// Clients bound to nodes (docs/scenarios.md, workload "bound"), as Jepsen's
// are: client i asks only node ((i - 1) mod nodes) + 1, is refused and asks
// it again, and gives up on an operation that times out (its outcome unknown)
// to go on with the next.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/traced_run.h"

namespace {

using consim_test::of_kind;
using consim_test::traced;
using nlohmann::json;

// 3 nodes, a client bound to each; the first leader is cut off from 1000 to
// 3000 ms, so its client's requests time out meanwhile.
const std::string kScenario = R"({"name": "bound", "protocol": "raft", "nodes": 3, "seed": 2, "duration_ms": 5000,
    "config": {"check_quorum": false},
    "workload": {"clients": 3, "bound": true, "keys": 2},
    "faults": [{"at_ms": 1000, "type": "isolate", "node": "leader"}, {"at_ms": 3000, "type": "heal"}],
    "expect": [{"type": "leader_at", "at_ms": 4900}]})";

}  // namespace

TEST_CASE("bound clients ask only their own node - and go on past a timed-out operation", "[clients][bound]") {
  const auto trace = traced(kScenario, "bound-clients");
  const auto invokes = of_kind(trace, "invoke");
  REQUIRE(invokes.size() > 30);
  std::map<int, std::set<uint64_t>> seqs;  // per client, the requests it sent
  for (const auto& e : invokes) {
    const int client = e["client"].get<int>();
    CHECK(e["to"].get<int>() == (client - 1) % 3 + 1);
    seqs[client].insert(e["seq"].get<uint64_t>());
  }
  CHECK(seqs.size() == 3);
  // The cut-off leader's client: requests it gave up on, answered or not,
  // and yet it kept sending new ones while cut off.
  const auto isolate = std::find_if(trace.begin(), trace.end(), [](const json& e) {
    return e["kind"] == "fault" && e["type"] == "isolate";
  });
  REQUIRE(isolate != trace.end());
  const int cut_node = std::stoi((*isolate)["detail"].get<std::string>().substr(std::string("isolate node ").size()));
  std::set<uint64_t> sent_while_cut;
  for (const auto& e : invokes)
    if (e["client"].get<int>() == cut_node && e["t_ms"].get<double>() > 1400 && e["t_ms"].get<double>() < 3000)
      sent_while_cut.insert(e["seq"].get<uint64_t>());
  CHECK(sent_while_cut.size() >= 2);
}

TEST_CASE("a bound workload round-trips and is refused where it is not a bool", "[clients][bound]") {
  const consim_test::TempDir dir("bound-validate");
  std::ofstream(dir.str("bad.json")) << R"({"name": "b", "protocol": "raft", "nodes": 3, "duration_ms": 1000,
      "workload": {"bound": "yes"}})";
  const auto bad = consim_test::run_consim({"validate", dir.str("bad.json")});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("/workload/bound: expected"));
  std::ofstream(dir.str("good.json")) << kScenario;
  const auto gen = consim_test::run_consim({"gen", "--scenario", dir.str("good.json"), "--seed", "2"});
  REQUIRE(gen.exit_code == 0);
  CHECK(json::parse(gen.out)["workload"]["bound"] == true);
}
