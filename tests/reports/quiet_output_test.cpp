// --quiet on run and sweep: the verdict and what failed with its repro,
// nothing else; exit codes as without it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>

#include "tests/support/run_consim.h"

namespace {

using consim_test::run_consim;

size_t lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST_CASE("run --quiet prints only the verdict and the repro command of a passing run", "[reports][quiet]") {
  const auto r =
      run_consim({"run", std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json", "--quiet"});
  REQUIRE(r.exit_code == 0);
  CHECK(lines(r.out) == 2);
  CHECK_THAT(r.out, Catch::StartsWith("PASS raft-leader-crash"));
  CHECK_THAT(r.out, Catch::Contains("\nrepro: consim run "));
  CHECK_THAT(r.out, !Catch::Contains("messages"));
}

TEST_CASE("run --quiet of a failing run prints the violations and keeps exit code 1", "[reports][quiet]") {
  const auto r =
      run_consim({"run", "--protocol", "raft", "--seed", "3", "--bug", "raft.no-up-to-date-check", "--quiet"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::StartsWith("FAIL "));
  CHECK_THAT(r.out, Catch::Contains("violation: leader_completeness"));
  CHECK_THAT(r.out, Catch::EndsWith("--seed 3 --bug raft.no-up-to-date-check\n"));
  // Nothing but the verdict, what failed and the repro line.
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);)
    CHECK((line.starts_with("FAIL ") || line.starts_with("  violation: ") || line.starts_with("  FAILED ") ||
           line.starts_with("repro: ")));
  const auto full = run_consim({"run", "--protocol", "raft", "--seed", "3", "--bug", "raft.no-up-to-date-check"});
  CHECK(lines(full.out) > lines(r.out));
}

TEST_CASE("sweep --quiet prints the verdict and one line per failing seed", "[reports][quiet]") {
  const auto r =
      run_consim({"sweep", "--seeds", "1..20", "--jobs", "2", "--bug", "raft.no-up-to-date-check", "--quiet"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::StartsWith("FAIL 20 seeds: "));
  const auto failing = lines(r.out) - 1;
  CHECK(failing >= 1);
  CHECK(static_cast<size_t>(std::count(r.out.begin(), r.out.end(), ':')) >= 2 * failing);
  CHECK(lines(r.out) == 1 + failing);
  CHECK_THAT(r.out, Catch::Contains(": consim run --protocol raft --nodes 5 --seed "));
  const auto ok = run_consim({"sweep", "--seeds", "1..4", "--jobs", "2", "--quiet"});
  CHECK(ok.exit_code == 0);
  CHECK(lines(ok.out) == 1);
}

}  // namespace
