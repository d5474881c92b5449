// Hot keys (docs/scenarios.md, workload "key_skew"): requests draw their keys
// by Zipf weights, k1 the hottest; the field round-trips through the file
// format and bad values are refused with the path and what was expected.
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "scenarios/loader.h"
#include "sim/engine.h"

namespace consim {
namespace {

std::string scenario(const std::string& workload) {
  return R"({"name": "hot", "protocol": "raft", "nodes": 3, "seed": 5, "duration_ms": 4000,
      "workload": )" + workload + "}";
}

// Requests per key over a run.
std::map<std::string, int> keys_asked(const std::string& text) {
  const LoadResult r = parse_scenario(text, "hot.json");
  for (const auto& e : r.errors) UNSCOPED_INFO(e);
  REQUIRE(r.ok());
  Engine engine(*r.scenario, {});
  engine.run();
  std::map<std::string, int> n;
  for (const HistoryOp& op : engine.history()) ++n[op.key];
  return n;
}

}  // namespace

TEST_CASE("hot keys: with key_skew most requests go to k1 - without it keys are even", "[clients][hot-keys]") {
  const auto skewed = keys_asked(scenario(R"({"clients": 2, "keys": 8, "key_skew": 1.5})"));
  const auto even = keys_asked(scenario(R"({"clients": 2, "keys": 8})"));
  int skewed_total = 0, even_total = 0;
  for (const auto& [key, count] : skewed) skewed_total += count;
  for (const auto& [key, count] : even) even_total += count;
  REQUIRE(skewed_total > 200);
  // Zipf(1.5) over 8 keys gives k1 about 45% and k8 about 2%.
  CHECK(skewed.at("k1") > skewed_total * 35 / 100);
  CHECK(skewed.at("k1") > 5 * skewed.at("k8"));
  CHECK(even.at("k1") < even_total * 25 / 100);
}

TEST_CASE("hot keys: key_skew round-trips - and a bad one is refused with its path", "[clients][hot-keys]") {
  const LoadResult r = parse_scenario(scenario(R"({"clients": 1, "key_skew": 1.25})"), "hot.json");
  REQUIRE(r.ok());
  REQUIRE(r.scenario->workload->key_skew == 1.25);
  const LoadResult back = parse_scenario(scenario_to_json(*r.scenario).dump(), "back.json");
  REQUIRE(back.ok());
  CHECK(back.scenario->workload == r.scenario->workload);
  for (const char* bad : {"0", "-1", "11", "\"high\""}) {
    const LoadResult e = parse_scenario(scenario(std::string(R"({"clients": 1, "key_skew": )") + bad + "}"), "hot.json");
    INFO(bad);
    REQUIRE_FALSE(e.ok());
    CHECK(e.errors.at(0).find("/workload/key_skew") != std::string::npos);
  }
}

}  // namespace consim
