// The shrinker on real failures: generated runs with an injected Raft bug,
// at the first seed (found by looping) whose run violates an invariant. The
// shrunk scenario must be smaller, validate, carry its bugs and a `violates`
// expectation, and still fail with the same invariant when run on its own.
#include <catch2/catch.hpp>

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "faults/generator.h"
#include "faults/shrinker.h"
#include "scenarios/loader.h"
#include "sim/engine.h"
#include "sim/shrink_run.h"
#include "support/run_consim.h"

using namespace consim;
using consim_test::run_consim;

namespace {

struct FailingSeed {
  Scenario scenario;
  Invariant invariant;  // of the earliest violation
};

const Violation* earliest(const Summary& s) {
  const auto it = std::min_element(s.violations.begin(), s.violations.end(),
                                   [](const Violation& a, const Violation& b) { return a.time < b.time; });
  return it == s.violations.end() ? nullptr : &*it;
}

// The first generated 5-node Raft run from seed 1 on that violates a checker with `bug` on.
FailingSeed first_failing_seed(Bug bug) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    GenOptions o;
    o.seed = seed;
    Scenario s = generate_scenario(o);
    const Summary run = run_scenario(with_run_settings(s, std::nullopt, std::vector{bug}), {});
    if (const Violation* v = earliest(run)) return {std::move(s), v->invariant};
  }
  FAIL("no seed in 1..200 violates an invariant with " << bug_name(bug));
  return {};
}

bool has_violation(const Summary& s, Invariant inv) {
  return std::any_of(s.violations.begin(), s.violations.end(), [&](const Violation& v) { return v.invariant == inv; });
}

bool has_violation(const ShrinkRun& s, Invariant inv) {
  return std::any_of(s.violations.begin(), s.violations.end(), [&](const auto& v) { return v.invariant == inv; });
}

void check_shrinks(Bug bug) {
  const FailingSeed failing = first_failing_seed(bug);
  ShrinkOptions options;
  options.bugs = {bug};
  const ShrinkResult r = shrink_scenario(failing.scenario, options, run_for_shrink);
  INFO(fmt::format("{} seed {}: {}", bug_name(bug), failing.scenario.seed, r.error));
  REQUIRE(r.ok());
  INFO(describe_shrink(r.before, r.after) << " (" << r.runs << " runs)");
  REQUIRE(r.target.invariant);
  CHECK(*r.target.invariant == failing.invariant);
  CHECK(r.runs <= options.max_runs);

  // Smaller: nothing grew, and the faults or the duration shrank.
  CHECK(r.after.faults <= r.before.faults);
  CHECK(r.after.clients <= r.before.clients);
  CHECK(r.after.duration <= r.before.duration);
  CHECK((r.after.faults < r.before.faults || r.after.duration < r.before.duration));
  CHECK(r.minimal.nodes == failing.scenario.nodes);
  CHECK(r.minimal.seed == failing.scenario.seed);

  // It carries its bugs and says what it shows, so it reproduces alone.
  CHECK(r.minimal.bugs == std::vector<Bug>{bug});
  REQUIRE(r.minimal.expect.size() == 1);
  CHECK(r.minimal.expect[0] == Expectation{ViolatesExpect{failing.invariant}});

  // It validates, reads back as itself, and fails the same way when run.
  const LoadResult back = parse_scenario(scenario_to_json(r.minimal).dump(2), "min.json");
  std::string errors;
  for (const auto& e : back.errors) errors += e + "\n";
  INFO(errors);
  REQUIRE(back.ok());
  CHECK(scenario_to_json(*back.scenario) == scenario_to_json(r.minimal));
  const Summary rerun = run_scenario(*back.scenario, {});
  CHECK(has_violation(rerun, failing.invariant));
  CHECK(rerun.pass);  // the violates expectation is met
  CHECK(rerun.trace_hash == r.final_run.trace_hash);
}

}  // namespace

TEST_CASE("shrink: raft.apply-uncommitted keeps state machine safety firing", "[shrink]") {
  check_shrinks(Bug::kRaftApplyUncommitted);
}

TEST_CASE("shrink: raft.no-up-to-date-check keeps its invariant firing", "[shrink]") {
  check_shrinks(Bug::kRaftNoUpToDateCheck);
}

TEST_CASE("shrink: raft.skip-log-matching keeps its invariant firing", "[shrink]") {
  check_shrinks(Bug::kRaftSkipLogMatching);
}

TEST_CASE("shrink: raft.minority-quorum keeps its invariant firing", "[shrink]") {
  check_shrinks(Bug::kRaftMinorityQuorum);
}

TEST_CASE("shrink: the result depends only on the input", "[shrink]") {
  const FailingSeed failing = first_failing_seed(Bug::kRaftApplyUncommitted);
  ShrinkOptions options;
  options.bugs = {Bug::kRaftApplyUncommitted};
  const ShrinkResult a = shrink_scenario(failing.scenario, options, run_for_shrink);
  const ShrinkResult b = shrink_scenario(failing.scenario, options, run_for_shrink);
  REQUIRE(a.ok());
  CHECK(scenario_to_json(a.minimal) == scenario_to_json(b.minimal));
  CHECK(a.runs == b.runs);
}

TEST_CASE("shrink: the bound on runs is kept and reported", "[shrink]") {
  const FailingSeed failing = first_failing_seed(Bug::kRaftSkipLogMatching);
  ShrinkOptions options;
  options.bugs = {Bug::kRaftSkipLogMatching};
  options.max_runs = 6;
  const ShrinkResult r = shrink_scenario(failing.scenario, options, run_for_shrink);
  REQUIRE(r.ok());
  CHECK(r.runs <= 6);
  CHECK(r.budget_hit);
  CHECK(has_violation(r.final_run, failing.invariant));
}

TEST_CASE("shrink: a passing run has nothing to shrink", "[shrink]") {
  GenOptions o;
  o.seed = 3;
  const ShrinkResult r = shrink_scenario(generate_scenario(o), {}, run_for_shrink);
  CHECK_FALSE(r.ok());
  CHECK(r.error == "the run does not fail: nothing to shrink");
  CHECK(r.runs == 1);
}

TEST_CASE("shrink: a run failing only by an expectation shrinks only against its bugs turned off", "[shrink]") {
  // Find a run with raft.commit-old-term that fails an expectation but no checker.
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    GenOptions o;
    o.seed = seed;
    const Scenario s = generate_scenario(o);
    const Summary run = run_scenario(with_run_settings(s, std::nullopt, std::vector{Bug::kRaftCommitOldTerm}), {});
    if (run.pass || !run.violations.empty() || !run_scenario(s, {}).pass) continue;
    INFO("seed " << seed);
    // Without the bug named there is no control run: not shrunk.
    Scenario no_bug = s;
    no_bug.workload->max_requests = 1;  // fails its liveness expectations for a reason of its own
    CHECK_FALSE(shrink_scenario(no_bug, {}, run_for_shrink).ok());

    ShrinkOptions options;
    options.bugs = {Bug::kRaftCommitOldTerm};
    const ShrinkResult r = shrink_scenario(s, options, run_for_shrink);
    REQUIRE(r.ok());
    CHECK_FALSE(r.target.invariant);
    CHECK(r.after.duration == r.before.duration);  // expectations keep their times
    const Summary buggy = run_scenario(r.minimal, {});
    CHECK_FALSE(buggy.pass);
    CHECK(buggy.violations.empty());
    Scenario fixed = r.minimal;
    fixed.bugs.clear();
    CHECK(run_scenario(fixed, {}).pass);
    return;
  }
  FAIL("no seed in 1..100 fails only by an expectation with raft.commit-old-term");
}

TEST_CASE("shrink CLI: writes a scenario that consim run reproduces alone", "[shrink][cli]") {
  const FailingSeed failing = first_failing_seed(Bug::kRaftApplyUncommitted);
  const consim_test::TempDir dir("shrink-cli");
  const std::string seed = std::to_string(failing.scenario.seed);
  const auto shrunk = run_consim({"shrink", "--protocol", "raft", "--nodes", "5", "--seed", seed, "--bug",
                                  "raft.apply-uncommitted", "--out", dir.str("min.json")});
  INFO(shrunk.out << shrunk.err);
  REQUIRE(shrunk.exit_code == 0);
  CHECK(shrunk.out.find("faults ") == 0);
  CHECK(shrunk.out.find("still fails with " + std::string(invariant_name(failing.invariant))) != std::string::npos);

  CHECK(run_consim({"validate", dir.str("min.json")}).exit_code == 0);
  const auto rerun = run_consim({"run", dir.str("min.json"), "--json"});
  REQUIRE(rerun.exit_code == 0);
  const auto summary = nlohmann::json::parse(rerun.out);
  bool fired = false;
  for (const auto& v : summary["violations"]) fired |= v["invariant"] == invariant_name(failing.invariant);
  CHECK(fired);
  CHECK(summary["bugs"] == nlohmann::json::array({"raft.apply-uncommitted"}));

  // The same from the generated scenario saved to a file, with --seed given.
  const auto gen = run_consim({"gen", "--seed", seed});
  REQUIRE(gen.exit_code == 0);
  consim_test::write_file(dir / "s.json", gen.out);
  const auto from_file = run_consim({"shrink", dir.str("s.json"), "--seed", seed, "--bug", "raft.apply-uncommitted",
                                     "--out", dir.str("min2.json")});
  REQUIRE(from_file.exit_code == 0);
  CHECK(consim_test::slurp(dir / "min2.json") == consim_test::slurp(dir / "min.json"));
}

TEST_CASE("shrink CLI: bad input and a passing run exit 2 and write nothing", "[shrink][cli]") {
  const consim_test::TempDir dir("shrink-bad");
  const auto pass = run_consim({"shrink", "--seed", "3", "--out", dir.str("min.json")});
  CHECK(pass.exit_code == 2);
  CHECK(pass.err.find("the run does not fail: nothing to shrink") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "min.json"));
  CHECK(run_consim({"shrink", "--seed", "3", "--bug", "raft.typo", "--out", dir.str("min.json")}).exit_code == 2);
  CHECK(run_consim({"shrink", "--seed", "3", "--bug", "raft.apply-uncommitted"}).exit_code == 2);  // no --out
  CHECK(run_consim({"shrink", dir.str("missing.json"), "--out", dir.str("min.json")}).exit_code == 2);
}
