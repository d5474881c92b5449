// Coverage through the CLI (the real binary): a sweep counts, per probe, the
// seeds whose runs hit it; --require-coverage fails a sweep in which a probe
// not marked rare went unhit, and names it; the JSON report carries the
// table and the gate.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_consim.h"

using consim_test::run_consim;
using consim_test::TempDir;
using nlohmann::json;

TEST_CASE("coverage CLI: the probe gate fails on a probe no seed reached - and names it", "[coverage][cli]") {
  // Without faults nothing ever conflicts: no follower truncates its log.
  const std::vector<std::string> sweep{"sweep", "--protocol", "raft", "--seeds", "1..20", "--jobs", "2", "--faults", "none"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = sweep;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_consim(args);
  };
  const auto plain = with({});
  CHECK(plain.exit_code == 0);
  CHECK(plain.out.find("coverage: ") != std::string::npos);
  const auto gated = with({"--require-coverage"});
  INFO(gated.out);
  CHECK(gated.exit_code == 1);
  CHECK(gated.out.rfind("FAIL coverage gate: ", 0) == 0);  // the verdict that decides the exit code comes first
  CHECK(gated.out.find("raft.conflict-truncated") != std::string::npos);
  const auto as_json = with({"--require-coverage", "--json"});
  CHECK(as_json.exit_code == 1);
  const json report = json::parse(as_json.out);
  CHECK(report["result"] == "pass");  // every seed passed: the gate is what failed
  CHECK(report["coverage_gate"]["ok"] == false);
  const auto& unhit = report["coverage_gate"]["unhit"];
  CHECK(std::find(unhit.begin(), unhit.end(), "raft.conflict-truncated") != unhit.end());
  // A probe that is hit is not named.
  CHECK(std::find(unhit.begin(), unhit.end(), "raft.redirected") == unhit.end());
}

TEST_CASE("coverage CLI: the gate passes when faults reach every probe not marked rare", "[coverage][cli]") {
  const auto r = run_consim({"sweep", "--protocol", "raft", "--seeds", "1..60", "--jobs", "2", "--require-coverage"});
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("coverage gate: ok") != std::string::npos);
}

TEST_CASE("coverage CLI: a sweep's seeds per probe are the seeds whose summaries hit it", "[coverage][cli]") {
  const TempDir dir("coverage-count");
  const auto r = run_consim({"sweep", "--protocol", "multi-paxos", "--seeds", "1..30", "--jobs", "2", "--out",
                             dir.str("out.jsonl"), "--json"});
  REQUIRE(r.exit_code == 0);
  std::map<std::string, uint64_t> seeds_per_probe;
  std::istringstream in(consim_test::slurp(dir / "out.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    const json s = json::parse(line);
    if (s.contains("sweep")) continue;
    for (const auto& [name, hits] : s["coverage"]["probes"].items()) {
      CHECK(hits.get<uint64_t>() > 0);
      ++seeds_per_probe[name];
    }
  }
  const json report = json::parse(r.out);
  REQUIRE_FALSE(report["coverage"]["probes"].empty());
  for (const auto& p : report["coverage"]["probes"]) {
    INFO(p["probe"]);
    CHECK(p["probe"].get<std::string>().rfind("multipaxos.", 0) == 0);  // Multi-Paxos's own, no other protocol's
    CHECK(p["seeds"].get<uint64_t>() == seeds_per_probe[p["probe"].get<std::string>()]);
  }
  CHECK(report["coverage"]["distinct_states"].get<uint64_t>() > 0);
  CHECK(report["coverage"]["matrix"]["rows"].size() == 13);
}
