// log_matching: two logs holding an entry with the same index and term are
// identical up to that index (the README's "Checkers and injected bugs"; Raft paper, Figure 3 "Log
// Matching"). Built to fire on logs that break it, and to stay quiet on the
// histories Raft produces: truncation and overwrite, restarts, snapshots.
#include <catch2/catch.hpp>

#include "sim/checkers/evidence.h"
#include "sim/checkers/log_matching.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

CheckerHarness log_matching(int nodes = 5) { return CheckerHarness(make_log_matching_checker(nodes)); }

TEST_CASE("log_matching fires on equal (index - term) after different earlier entries", "[checkers][log_matching]") {
  auto h = log_matching();
  h.entries(1, 1, {1, 1, 3});
  // Node 2 holds entry 3 of term 3 too, but after an entry of term 2 at index 2
  // (raft.skip-log-matching: appended without checking prev_log_index/term).
  h.entries(2, 1, {1, 2});
  h.at_ms(40).append(2, 3, 3);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  const Violation& v = h.violations()[0];
  CHECK(v.invariant == Invariant::kLogMatching);
  CHECK(v.time == Time::from_us(40'000));
  CHECK(v.nodes == std::vector<NodeId>{1, 2});
  CHECK(v.detail == "nodes 1 and 2 both hold entry 3 of term 3, but their logs differ at index 2: node 1 has term 1 "
                    "(digest " + hex64(entry_digest(2, 1)) + "), node 2 has term 2 (digest " +
                        hex64(entry_digest(2, 2)) + ")");
}

TEST_CASE("log_matching fires on two different entries at one (index - term)", "[checkers][log_matching]") {
  auto h = log_matching();
  h.entries(3, 1, {1, 2});
  h.append(4, 1, 1);
  h.append(4, 2, 2, 0xbad);  // two leaders of term 2 made different entries at index 2
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  CHECK(h.violations()[0].nodes == std::vector<NodeId>{3, 4});
  CHECK(h.violations()[0].detail == "nodes 3 and 4 both hold entry 2 of term 2, with different commands: digest " +
                                        hex64(entry_digest(2, 2)) + " vs " + hex64(0xbad));
}

TEST_CASE("log_matching reports one divergence once - and a new one again", "[checkers][log_matching]") {
  auto h = log_matching();
  h.entries(1, 1, {1, 1, 3, 3, 3});
  h.entries(2, 1, {1, 2, 3, 3, 3});  // diverges at 2; entries 3..5 all inherit it
  h.entries(3, 1, {1, 2, 3});         // the same (3, 3) evidence from another node
  REQUIRE(h.count(Invariant::kLogMatching) == 1);
  h.crash(2);
  h.entries(2, 1, {1, 2, 3, 3, 3});  // re-reported on boot: still the same evidence
  REQUIRE(h.count(Invariant::kLogMatching) == 1);

  // Node 2 is repaired (truncated and overwritten), then diverges anew.
  h.truncate(2, 2);
  h.entries(2, 2, {1, 3, 3, 3});
  h.entries(1, 6, {3, 4});
  h.append(2, 6, 3);
  h.append(2, 7, 4, 0xbad);
  INFO(render(h.violations()));
  REQUIRE(h.count(Invariant::kLogMatching) == 2);
  CHECK(h.violations()[1].nodes == std::vector<NodeId>{1, 2});
}

TEST_CASE("log_matching is quiet on truncation and overwrite with a new term (Figure 7)", "[checkers][log_matching]") {
  auto h = log_matching();
  // Term 1: node 3 leads and reaches node 2 with entries 3 and 4, node 1 only up to 2.
  h.entries(3, 1, {1, 1, 1, 1});
  h.entries(2, 1, {1, 1, 1, 1});
  h.entries(1, 1, {1, 1});
  // Term 2: node 1 leads, appends, and overwrites the uncommitted entries.
  h.entries(1, 3, {2, 2, 2});
  h.truncate(2, 3);
  h.entries(2, 3, {2, 2, 2});
  // Node 3 sees an overwrite without a truncation report: Raft's "delete the
  // existing entry and all that follow it".
  h.entries(3, 3, {2});
  h.entries(3, 4, {2, 2});
  // Node 4 never had anything and catches up.
  h.entries(4, 1, {1, 1, 2, 2, 2});
  // Re-delivered entries re-reported in place change nothing.
  h.entries(4, 2, {1, 2});
  INFO(render(h.violations()));
  CHECK(h.violations().empty());
}

TEST_CASE("log_matching is quiet on a crash and the log re-reported on boot", "[checkers][log_matching]") {
  auto h = log_matching();
  h.entries(1, 1, {1, 1, 2, 2});
  h.entries(2, 1, {1, 1, 2, 2});
  h.crash(2);
  h.entries(2, 1, {1, 1, 2, 2});
  h.entries(2, 5, {3});
  h.entries(1, 5, {3});
  INFO(render(h.violations()));
  CHECK(h.violations().empty());
  // Still watching after the reboot.
  h.append(2, 6, 3, 0xbad);
  h.append(1, 6, 3);
  CHECK(h.count(Invariant::kLogMatching) == 1);
}

TEST_CASE("log_matching keeps checking across local and installed snapshots", "[checkers][log_matching]") {
  auto h = log_matching(3);
  h.entries(1, 1, {1, 1, 1, 2, 2, 2});
  h.entries(2, 1, {1, 1, 1, 2});
  // Local snapshots: the prefix hash at the snapshot comes from the node's own chain.
  h.snapshot(1, 5, 2, false);
  h.snapshot(2, 3, 1, false);
  h.entries(2, 5, {2, 2});
  h.entries(1, 7, {3, 3});
  h.entries(2, 7, {3});
  // Node 3 was away: it gets node 1's snapshot, then the entries after it.
  h.snapshot(3, 5, 2, true);
  h.entries(3, 6, {2, 3, 3});
  // After a crash each node re-reports its snapshot, then its entries.
  h.crash(3);
  h.snapshot(3, 5, 2, false);
  h.entries(3, 6, {2, 3, 3});
  h.crash(1);
  h.snapshot(1, 5, 2, false);
  h.entries(1, 6, {2, 3, 3});
  INFO(render(h.violations()));
  CHECK(h.violations().empty());

  // The snapshots were placed, so a divergence after them is still caught.
  h.entries(1, 9, {3});
  h.append(3, 9, 3, 0xbad);
  REQUIRE(h.count(Invariant::kLogMatching) == 1);
  CHECK(h.violations()[0].nodes == std::vector<NodeId>{1, 3});
}

TEST_CASE("log_matching skips logs it cannot place - without false alarms", "[checkers][log_matching]") {
  auto h = log_matching(3);
  h.entries(1, 1, {1, 1, 1});
  // A snapshot no log ever held, and a gap: neither node 2 nor 3 can be placed.
  h.snapshot(2, 100, 9, true);
  h.entries(2, 101, {9});
  h.append(3, 3, 1, 0xbad);  // entry 3 with nothing before it: a gap
  h.append(3, 4, 1);
  INFO(render(h.violations()));
  CHECK(h.violations().empty());
  // Node 3's crash resets it to an empty, known log.
  h.crash(3);
  h.entries(3, 1, {1, 1});
  h.append(3, 3, 1, 0xbad);
  CHECK(h.count(Invariant::kLogMatching) == 1);
}

TEST_CASE("log_matching shares its log mirror with leader_completeness", "[checkers][log_matching]") {
  // make_checkers gives both log checkers one LogHistory, each feeding it:
  // the second feed of every observation must change nothing.
  auto h = CheckerHarness::all(Protocol::kRaft, 3);
  h.leader(1, 1);
  h.entries(1, 1, {1, 1, 1});
  h.entries(2, 1, {1, 1});
  h.snapshot(1, 2, 1, false);
  h.truncate(2, 2);
  h.entries(2, 2, {1, 1});
  h.append(3, 5, 1);  // a gap
  h.crash(3);
  h.entries(3, 1, {1, 1, 1});
  CHECK(h.violations().empty());
  h.append(2, 4, 1, 0xbad);
  h.append(1, 4, 1);
  INFO(render(h.violations()));
  CHECK(h.count(Invariant::kLogMatching) == 1);
}

}  // namespace
}  // namespace consim::testing
