// Verdicts that are never silently wrong: a linearizability search that ran
// out of budget is UNKNOWN (exit 3), not a pass, in run, sweep and merge; a
// failed expectation is classed by what it is; every failing seed carries
// its trace hash.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "reports/sweep_report.h"
#include "support/run_consim.h"

using consim::SweepReport;
using consim_test::run_consim;
using consim_test::TempDir;
using nlohmann::json;

namespace {

json summary(uint64_t seed, const std::string& result, json expectations = json::array()) {
  return {{"seed", seed},           {"result", result},          {"violations", json::array()},
          {"expectations", expectations}, {"trace_hash", "00000000000000" + std::to_string(10 + seed)},
          {"repro", "consim run --seed " + std::to_string(seed)},
          {"linearizability", {{"verdict", result == "unknown" ? "unknown" : "ok"}, {"reason", "key k1: budget"}}}};
}

json failed(const std::string& type) { return json::array({{{"type", type}, {"ok", false}, {"detail", "no"}}}); }

}  // namespace

TEST_CASE("verdict: a failed expectation is classed by its type - liveness only for recovery", "[verdict][sweep]") {
  SweepReport r;
  r.add(summary(1, "fail", failed("client_ok")));
  r.add(summary(2, "fail", failed("leader_at")));
  r.add(summary(3, "fail", failed("converged")));
  r.add(summary(4, "fail", failed("no_leader_at")));
  r.add(summary(5, "fail", failed("violates")));
  const std::map<std::string, uint64_t> expected{{"client_ok", 1}, {"liveness", 2}, {"no_leader_at", 1}, {"violates", 1}};
  CHECK(r.by_invariant() == expected);
  CHECK(consim::expectation_class("commits") == "liveness");
  CHECK(consim::expectation_class("decided") == "liveness");
  CHECK(consim::expectation_class("elections") == "elections");
}

TEST_CASE("verdict: failing seeds carry their trace hash in the text and the JSON", "[verdict][sweep]") {
  SweepReport r;
  r.add(summary(7, "fail", failed("commits")));
  const auto j = r.to_json(1.0);
  CHECK(j["failures"][0]["trace_hash"] == "0000000000000017");
  CHECK(r.to_text(1.0, false).find("  seed 7 (trace 0000000000000017): liveness: commits: no\n") != std::string::npos);
  CHECK(r.to_text(1.0, false, true).find("  seed 7 (trace 0000000000000017): liveness: consim run --seed 7\n") !=
        std::string::npos);
}

TEST_CASE("verdict: an unknown seed is neither passed nor failed and makes a sweep UNKNOWN", "[verdict][sweep]") {
  SweepReport r;
  r.add(summary(1, "pass"));
  r.add(summary(2, "unknown"));
  CHECK(r.passed() == 1);
  CHECK(r.failed() == 0);
  CHECK(r.unknown() == 1);
  CHECK(r.verdict() == consim::RunResult::kUnknown);
  CHECK(r.by_invariant().empty());
  CHECK(r.to_text(1.0, false).starts_with("UNKNOWN 2 seeds: 1 passed, 0 failed, 1 unknown ("));
  const auto j = r.to_json(1.0);
  CHECK(j["result"] == "unknown");
  CHECK(j["unknown_seeds"][0]["detail"] == "linearizability: key k1: budget");
  // A failure outranks it.
  r.add(summary(3, "fail", failed("commits")));
  CHECK(r.verdict() == consim::RunResult::kFail);
}

TEST_CASE("verdict: run and sweep with the linearizability budget exhausted exit 3 with UNKNOWN", "[verdict][cli]") {
  const auto run = run_consim({"run", "--nodes", "3", "--seed", "1", "--lin-budget", "1"});
  CHECK(run.exit_code == 3);
  CHECK(run.out.starts_with("UNKNOWN gen-raft-n3-s1 (raft, 3 nodes, seed 1)\n"));
  CHECK(run.out.find("  unknown linearizability: key ") != std::string::npos);
  CHECK(run.out.find("repro: consim run --protocol raft --nodes 3 --seed 1 --lin-budget 1\n") != std::string::npos);
  const auto as_json = run_consim({"run", "--nodes", "3", "--seed", "1", "--lin-budget", "1", "--json"});
  CHECK(as_json.exit_code == 3);
  CHECK(json::parse(as_json.out)["result"] == "unknown");
  // With the default budget the same run passes.
  CHECK(run_consim({"run", "--nodes", "3", "--seed", "1"}).exit_code == 0);

  const TempDir dir("verdict-unknown");
  const auto sweep = run_consim({"sweep", "--nodes", "3", "--seeds", "1..4", "--jobs", "1", "--lin-budget", "1",
                                 "--out", dir.str("out.jsonl")});
  CHECK(sweep.exit_code == 3);
  CHECK(sweep.out.starts_with("UNKNOWN 4 seeds: 0 passed, 0 failed, 4 unknown ("));
  const auto merged = run_consim({"merge", dir.str("out.jsonl")});
  CHECK(merged.exit_code == 3);
  CHECK(merged.out.starts_with("UNKNOWN 4 seeds: "));
}
