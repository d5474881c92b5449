// leader_completeness: a leader of term T holds every entry committed in a
// term before T (the README's "Checkers and injected bugs"; Raft paper, Figure 3 "Leader
// Completeness", and Figure 8 for what "committed" must mean).
#include <catch2/catch.hpp>

#include "sim/checkers/evidence.h"
#include "sim/checkers/leader_completeness.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

CheckerHarness leader_completeness(int nodes = 5) { return CheckerHarness(make_leader_completeness_checker(nodes)); }

// Term 1: node 1 leads and commits entry 1 on every node.
void committed_first_entry(CheckerHarness& h) {
  h.leader(1, 1);
  for (NodeId n = 1; n <= 5; ++n) h.append(n, 1, 1);
  h.commit(1, 1);
  for (NodeId n = 2; n <= 5; ++n) h.commit(n, 1);
}

TEST_CASE("leader_completeness fires on a leader of term 5 missing an entry committed in term 3",
          "[checkers][leader_completeness]") {
  auto h = leader_completeness();
  committed_first_entry(h);
  // Term 3: node 1 leads again, replicates entry 2 to nodes 2 and 3 and commits it.
  h.leader(1, 3);
  for (NodeId n : {2, 3, 4, 5}) h.follower(n, 3);
  for (NodeId n : {1, 2, 3}) h.append(n, 2, 3);
  h.commit(1, 2);
  // Term 5: node 5, whose log ends at 1, wins (raft.no-up-to-date-check).
  h.at_ms(900).leader(5, 5);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  const Violation& v = h.violations()[0];
  CHECK(v.invariant == Invariant::kLeaderCompleteness);
  CHECK(v.time == Time::from_us(900'000));
  CHECK(v.nodes == std::vector<NodeId>{1, 5});
  CHECK(v.detail == "node 5, leader in term 5, lacks entry 2 (term 3, digest " + hex64(entry_digest(2, 3)) +
                        ") committed in term 3 (first reported by node 1): its log ends at index 1");
  // Reported once per leader and term, however its log changes.
  h.append(5, 2, 5);
  h.leader(5, 5);
  CHECK(h.violations().size() == 1);
}

TEST_CASE("leader_completeness fires on a leader holding another entry where one was committed (Figure 8)",
          "[checkers][leader_completeness]") {
  auto h = leader_completeness();
  committed_first_entry(h);
  // Term 2: node 1 puts entry 2 on nodes 1 and 2. Term 3: node 5 puts its own entry 2 on itself.
  h.leader(1, 2);
  h.append(1, 2, 2);
  h.append(2, 2, 2);
  h.leader(5, 3);
  h.append(5, 2, 3);
  // Term 4: node 1 gets entry 2 onto node 3 and commits it by counting
  // replicas (raft.commit-old-term), before any entry of term 4 is stored.
  h.leader(1, 4);
  h.append(3, 2, 2);
  h.commit(1, 2);
  CHECK(h.violations().empty());  // node 5 leads only term 3: below the commit's term 4
  // Term 5: node 5 wins with votes from nodes 2, 3, 4 (its last term, 3, beats their 2).
  h.leader(5, 5);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  CHECK(h.violations()[0].nodes == std::vector<NodeId>{1, 5});
  CHECK(h.violations()[0].detail == "node 5, leader in term 5, lacks entry 2 (term 2, digest " +
                                        hex64(entry_digest(2, 2)) +
                                        ") committed in term 4 (first reported by node 1): it holds term 3 (digest " +
                                        hex64(entry_digest(2, 3)) + ") there");
}

TEST_CASE("leader_completeness fires when an earlier term commits what a leader lacks",
          "[checkers][leader_completeness]") {
  auto h = leader_completeness();
  committed_first_entry(h);
  h.leader(2, 3);  // node 2 leads term 3 with entry 1 only
  // A stale leader of term 2 commits entry 2 afterwards. Raft cannot do this:
  // its majority must overlap node 2's voters (raft.minority-quorum can).
  h.leader(1, 2);
  h.append(1, 2, 2);
  h.append(3, 2, 2);
  CHECK(h.violations().empty());
  h.at_ms(77).commit(1, 2);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  CHECK(h.violations()[0].time == Time::from_us(77'000));
  CHECK(h.violations()[0].nodes == std::vector<NodeId>{1, 2});
}

TEST_CASE("leader_completeness fires when a leader loses a committed entry from its own log",
          "[checkers][leader_completeness]") {
  auto h = leader_completeness(3);
  h.leader(1, 1);
  h.entries(1, 1, {1, 1});
  h.entries(2, 1, {1, 1});
  h.commit(1, 2);
  h.leader(2, 2);
  CHECK(h.violations().empty());
  h.truncate(2, 2);  // no leader ever truncates its log
  REQUIRE(h.count(Invariant::kLeaderCompleteness) == 1);
  CHECK(h.violations()[0].nodes == std::vector<NodeId>{1, 2});
}

TEST_CASE("leader_completeness is quiet on a stale leader and on overwritten uncommitted entries (Figure 8)",
          "[checkers][leader_completeness]") {
  auto h = CheckerHarness::all(Protocol::kRaft, 5);
  committed_first_entry(h);
  // (a) Term 2: node 1 puts entry 2 on nodes 1 and 2; it is not committed.
  h.leader(1, 2);
  h.append(1, 2, 2);
  h.append(2, 2, 2);
  // (b) Term 3: node 5 leads with votes from 3, 4, 5 and makes its own entry 2.
  h.leader(5, 3);
  h.follower(3, 3);
  h.follower(4, 3);
  h.append(5, 2, 3);
  // (c) Term 4: node 1 leads, puts entries 2 and 3 on a majority and commits 3,
  // which commits entry 2 (term 2) in term 4. Node 5 still believes it leads
  // term 3 and lacks it: legal, since the commit came in a later term.
  h.leader(1, 4);
  for (NodeId n : {2, 3}) h.follower(n, 4);
  h.append(1, 3, 4);
  h.append(2, 3, 4);
  h.append(3, 2, 2);
  h.append(3, 3, 4);
  h.commit(1, 3);
  h.commit(2, 3);
  h.commit(3, 3);
  for (NodeId n : {1, 2, 3})
    for (uint64_t i : {1, 2, 3}) h.apply(n, i, i == 1 ? 1 : i == 2 ? 2 : 4);
  // Node 5 hears of term 4: its entry 2 is overwritten.
  h.follower(5, 4);
  h.truncate(5, 2);
  h.entries(5, 2, {2, 4});
  h.commit(5, 3);
  for (uint64_t i : {1, 2, 3}) h.apply(5, i, i == 1 ? 1 : i == 2 ? 2 : 4);
  // Node 4 catches up; node 3 leads term 5 holding everything committed.
  h.entries(4, 2, {2, 4});
  h.leader(3, 5);
  h.append(3, 4, 5);
  INFO(render(h.violations()));
  CHECK(h.violations().empty());
}

TEST_CASE("leader_completeness never puts a follower's commit report in too early a term",
          "[checkers][leader_completeness]") {
  auto h = leader_completeness();
  committed_first_entry(h);
  h.leader(1, 2);
  h.append(1, 2, 2);
  h.append(2, 2, 2);  // node 2 has reported no term since term 1
  h.leader(5, 3);     // and stays, stale, leader of term 3
  h.append(5, 2, 3);
  h.leader(1, 4);
  // Node 2 is the first to report entry 2 committed (as if node 1's report
  // had been missed). Node 1 committed it in term 4, so node 5 may lack it.
  h.commit(2, 2);
  CHECK(h.violations().empty());
  // A leader of a later term must hold it.
  h.leader(3, 5);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  CHECK(h.violations()[0].nodes == std::vector<NodeId>{2, 3});
}

TEST_CASE("leader_completeness is quiet on leaders with snapshots and after restarts",
          "[checkers][leader_completeness]") {
  auto h = CheckerHarness::all(Protocol::kRaft, 3);
  h.leader(1, 1);
  for (NodeId n : {1, 2, 3}) h.entries(n, 1, {1, 1, 1, 1});
  for (NodeId n : {1, 2, 3}) h.commit(n, 4);
  for (NodeId n : {1, 2, 3})
    for (uint64_t i = 1; i <= 4; ++i) h.apply(n, i, 1);
  for (NodeId n : {1, 2, 3}) h.snapshot(n, 3, 1, false);
  // Node 1 crashes; node 2 leads term 2 with a snapshot and commits more.
  h.crash(1);
  h.leader(2, 2);
  for (NodeId n : {2, 3}) h.entries(n, 5, {2, 2});
  h.commit(2, 6);
  h.commit(3, 6);
  // Node 1 reboots: its snapshot, its log, then it catches up and leads term 3.
  h.snapshot(1, 3, 1, false);
  h.entries(1, 4, {1});
  h.follower(1, 2);
  h.entries(1, 5, {2, 2});
  h.commit(1, 6);
  for (uint64_t i = 4; i <= 6; ++i) h.apply(1, i, i == 4 ? 1 : 2);
  h.snapshot(1, 6, 2, false);
  h.leader(1, 3);
  // Node 3 gets a snapshot installed and leads term 4.
  h.snapshot(3, 6, 2, true);
  h.leader(3, 4);
  INFO(render(h.violations()));
  CHECK(h.violations().empty());
}

TEST_CASE("leader_completeness leaves two different commits at one index to state_machine_safety",
          "[checkers][leader_completeness]") {
  auto h = CheckerHarness::all(Protocol::kRaft, 3);
  h.leader(1, 1);
  h.entries(1, 1, {1});
  h.commit(1, 1);
  h.apply(1, 1, 1);
  // Node 3 (a follower) commits and applies a different entry 1.
  h.append(3, 1, 2);
  h.commit(3, 1);
  h.apply(3, 1, 2);
  INFO(render(h.violations()));
  CHECK(h.count(Invariant::kLeaderCompleteness) == 0);
  CHECK(h.count(Invariant::kStateMachineSafety) == 1);
}

}  // namespace
}  // namespace consim::testing
