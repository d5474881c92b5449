// The sweep's nondeterminism check (README "consim sweep"): every failing
// seed runs twice, and a second trace hash that differs is a failure class
// of its own. consim's runs are deterministic, so the test gives the sweep a
// run that is not: the real run, with a trace hash that changes on every
// call for one failing seed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <new>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "faults/generator.h"
#include "sim/cli/sweep_runner.h"
#include "tests/support/provoked_assertion.h"

using namespace consim;
using consim::cli::run_sweep;
using consim::cli::SweepOutcome;
using consim::cli::SweepPlan;

namespace {

SweepPlan bug_sweep() {
  SweepPlan plan;
  plan.seeds = {1, 1, 8};
  plan.scenario_for = [](uint64_t seed) {
    GenOptions o;
    o.seed = seed;
    return with_run_settings(generate_scenario(o), std::nullopt, std::vector{Bug::kRaftApplyUncommitted});
  };
  plan.repro_for = [](uint64_t seed) { return fmt::format("consim run --seed {} --bug raft.apply-uncommitted", seed); };
  plan.jobs = 2;
  return plan;
}

// The same seeds of the generator's scenarios with no bug on.
SweepPlan correct_sweep() {
  SweepPlan plan = bug_sweep();
  plan.scenario_for = [](uint64_t seed) {
    GenOptions o;
    o.seed = seed;
    return generate_scenario(o);
  };
  plan.repro_for = [](uint64_t seed) { return fmt::format("consim run --seed {}", seed); };
  return plan;
}

bool has_class(const SweepFailure& f, const std::string& c) {
  return std::find(f.classes.begin(), f.classes.end(), c) != f.classes.end();
}

}  // namespace

TEST_CASE("sweep runner: a failing seed whose rerun gives another trace hash is reported as nondeterminism",
          "[sweep]") {
  SweepPlan plan = bug_sweep();
  const SweepOutcome honest = run_sweep(plan);
  REQUIRE(honest.report.failed() > 0);
  CHECK(honest.report.by_invariant().count("nondeterminism") == 0);
  const uint64_t flaky_seed = honest.report.failures().front().seed;

  std::atomic<int> calls{0};
  plan.run = [&](const Scenario& s, RunOptions o) {
    Summary r = run_scenario(s, std::move(o));
    if (s.seed == flaky_seed) r.trace_hash += fmt::format("-{}", calls++);
    return r;
  };
  const SweepOutcome flaky = run_sweep(plan);
  CHECK(calls.load() == 2);  // the run and its rerun
  CHECK(flaky.report.failed() == honest.report.failed());
  REQUIRE(flaky.report.by_invariant().count("nondeterminism") == 1);
  CHECK(flaky.report.by_invariant().at("nondeterminism") == 1);
  for (const SweepFailure& f : flaky.report.failures()) {
    INFO("seed " << f.seed << ": " << f.detail);
    CHECK(has_class(f, "nondeterminism") == (f.seed == flaky_seed));
    if (f.seed == flaky_seed) {
      CHECK(f.detail.find("rerun gave trace hash") != std::string::npos);
      CHECK(f.repro == fmt::format("consim run --seed {} --bug raft.apply-uncommitted", f.seed));
    }
  }
  CHECK(flaky.report.to_text(0, false).find("nondeterminism") != std::string::npos);
}

// A failed assertion in one seed is that seed's finding (class `crash`,
// with its repro); the sweep records it and runs every other seed.
TEST_CASE("sweep runner: a seed whose run fails an assertion is reported as a crash and the sweep carries on",
          "[sweep][assert]") {
  SweepPlan plan = correct_sweep();
  constexpr uint64_t kCrashingSeed = 5;
  plan.run = [](const Scenario& s, RunOptions o) {
    if (s.seed == kCrashingSeed) o.factory = &test::make_provoked_assertion_node;
    return run_scenario(s, std::move(o));
  };
  const SweepOutcome out = run_sweep(plan);
  CHECK(out.report.seeds() == 8);
  REQUIRE(out.report.failed() == 1);
  const SweepFailure f = out.report.failures().front();
  CHECK(f.seed == kCrashingSeed);
  CHECK(f.classes == std::vector<std::string>{"crash"});
  CHECK(f.detail.find("assertion failed at tests/support/provoked_assertion.h:") == 0);
  CHECK(f.repro == "consim run --seed 5");
  CHECK(out.report.by_invariant().at("crash") == 1);
  CHECK(out.report.to_text(0, false).find("crash") != std::string::npos);
}

TEST_CASE("sweep runner: a seed whose run throws is reported as a crash and the sweep carries on", "[sweep][assert]") {
  SweepPlan plan = correct_sweep();
  plan.run = [](const Scenario& s, RunOptions o) {
    if (s.seed == 6) throw std::bad_alloc();
    return run_scenario(s, std::move(o));
  };
  const SweepOutcome out = run_sweep(plan);
  CHECK(out.report.seeds() == 8);
  REQUIRE(out.report.failed() == 1);
  const SweepFailure f = out.report.failures().front();
  CHECK(f.seed == 6);
  CHECK(f.classes == std::vector<std::string>{"crash"});
  CHECK(f.detail.find("std::bad_alloc") != std::string::npos);
  CHECK(f.repro == "consim run --seed 6");
}
