// Counts read as English: "1 crash", "2 crashes", in the summaries and
// reports (sim/plural.h).
#include <catch2/catch.hpp>

#include <string>

#include "sim/plural.h"
#include "tests/support/run_consim.h"

namespace {

using consim_test::run_consim;

TEST_CASE("counted picks the singular for one and the plural otherwise", "[reports][plural]") {
  CHECK(consim::counted(0, "crash", "crashes") == "0 crashes");
  CHECK(consim::counted(1, "crash", "crashes") == "1 crash");
  CHECK(consim::counted(2, "entry", "entries") == "2 entries");
}

TEST_CASE("a run's summary says 1 leader and 1 crash in the singular", "[reports][plural]") {
  const auto r =
      run_consim({"run", std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-log-with-snapshots.json"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("1 leader elected, ") && Catch::Contains(" entries committed, 1 crash, 1 restart\n"));
}

TEST_CASE("a sweep of one seed says 1 seed", "[reports][plural]") {
  const auto r = run_consim({"sweep", "--seeds", "1..1", "--quiet"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("PASS 1 seed: 1 passed"));
}

}  // namespace
