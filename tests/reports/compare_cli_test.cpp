// `consim compare` and `consim availability` as a user runs them.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/run_consim.h"

namespace {

using consim_test::run_consim;

const std::string kLeaderCrash = std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json";

TEST_CASE("compare prints one row per protocol and the round trip", "[cli][compare]") {
  const auto r = run_consim({"compare", kLeaderCrash, "--protocols", "raft", "--seeds", "1..2"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("COMPARED 1 protocol on raft-leader-crash"));
  CHECK_THAT(r.out, Catch::Contains("round trip (RTT)") && Catch::Contains("\nraft "));
}

TEST_CASE("compare --json gives the figures per protocol", "[cli][compare]") {
  const auto r = run_consim({"compare", kLeaderCrash, "--protocols", "raft", "--json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["protocols"].size() == 1);
  const auto& raft = j["protocols"][0];
  CHECK(raft["protocol"] == "raft");
  CHECK(raft["write_latency_rtt"]["p50"].get<double>() > 1.0);
  CHECK(raft["failovers"].get<int>() >= 1);
  CHECK(raft.contains("availability"));
}

TEST_CASE("compare rejects an unknown protocol and a missing file with exit 2", "[cli][compare]") {
  const auto bad = run_consim({"compare", kLeaderCrash, "--protocols", "raft,zab"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("unknown protocol \"zab\""));
  const auto missing = run_consim({"compare", "/nonexistent/s.json"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/s.json"));
}

TEST_CASE("availability compares the formula with Monte Carlo and a protocol run", "[cli][availability]") {
  const auto r = run_consim({"availability", "--protocols", "raft", "--run-s", "60", "--model-s", "1e7", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["formula"].get<double>() == Approx(0.99999).margin(1e-6));
  CHECK(j["monte_carlo"]["majority_up"].get<double>() == Approx(0.99999).margin(1e-4));
  REQUIRE(j["runs"].size() == 1);
  CHECK(j["runs"][0]["safe"] == true);
  CHECK(j["runs"][0]["could_commit"].get<double>() <= j["runs"][0]["majority_up"].get<double>());
}

}  // namespace

namespace {

TEST_CASE("compare runs the README's failover scenario on every protocol", "[cli][compare]") {
  const auto r = consim_test::run_consim({"compare",
                                          std::string(CONSIM_SOURCE_DIR) + "/scenarios/compare/leader-failover.json",
                                          "--protocols", "raft,multi-paxos,basic-paxos", "--seeds", "1..2", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["protocols"].size() == 3);
  for (const auto& row : j["protocols"]) {
    INFO(row.dump());
    CHECK(row["runs_with_violations"] == 0);
    CHECK(row["writes_ok"].get<int>() > 100);
    CHECK(row["availability"].get<double>() > 0.5);
  }
  // The leader protocols lose their leader three times a run; Basic Paxos has none to lose.
  CHECK(j["protocols"][0]["failovers"] == 6);
  CHECK(j["protocols"][1]["failovers"] == 6);
  CHECK(j["protocols"][2]["failovers"] == 0);
}

}  // namespace
