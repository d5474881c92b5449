// election_safety: no two different nodes leader in one term (the README's "Checkers and injected bugs";
// Raft paper, Figure 3 "Election Safety").
#include <catch2/catch.hpp>

#include "sim/checkers/election_safety.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

TEST_CASE("election_safety fires when two nodes lead term 3", "[checkers][election_safety]") {
  CheckerHarness h(make_election_safety_checker());
  h.at_ms(100).leader(4, 3);
  h.at_ms(250).leader(2, 3);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  const Violation& v = h.violations()[0];
  CHECK(v.invariant == Invariant::kElectionSafety);
  CHECK(v.time == Time::from_us(250'000));
  CHECK(v.nodes == std::vector<NodeId>{2, 4});
  CHECK(v.detail == "nodes 2 and 4 both leader in term 3");
}

TEST_CASE("election_safety reports each extra leader of a term once", "[checkers][election_safety]") {
  CheckerHarness h(make_election_safety_checker());
  h.leader(1, 5);
  h.leader(3, 5);
  h.leader(3, 5);  // the same evidence again
  h.leader(1, 5);  // the first leader re-reporting is no news
  REQUIRE(h.count(Invariant::kElectionSafety) == 1);
  h.leader(5, 5);  // a third leader is new evidence
  INFO(render(h.violations()));
  REQUIRE(h.count(Invariant::kElectionSafety) == 2);
  CHECK(h.violations()[1].nodes == std::vector<NodeId>{1, 5});
}

TEST_CASE("election_safety is quiet on one leader per term", "[checkers][election_safety]") {
  CheckerHarness h(make_election_safety_checker());
  // Candidates and followers of a term do not count; a node may lead many terms;
  // a crash and reboot do not make an old term's leader forgettable or a new one illegal.
  h.role(1, Role::kCandidate, 1);
  h.role(2, Role::kCandidate, 1);
  h.leader(1, 1);
  h.follower(2, 1);
  h.role(2, Role::kPreCandidate, 1);
  h.role(2, Role::kCandidate, 2);
  h.leader(2, 2);
  h.crash(2);
  h.follower(2, 2);
  h.leader(3, 3);
  h.leader(3, 4);
  h.leader(1, 7);
  INFO(render(h.violations()));
  CHECK(h.violations().empty());
}

TEST_CASE("election_safety catches a second leader of a term after the first crashed", "[checkers][election_safety]") {
  CheckerHarness h(make_election_safety_checker());
  h.leader(1, 2);
  h.crash(1);
  h.leader(2, 2);  // e.g. raft.volatile-vote: node 1's vote was lost with the crash
  REQUIRE(h.count(Invariant::kElectionSafety) == 1);
}

TEST_CASE("election_safety works on Multi-Paxos ballots", "[checkers][election_safety]") {
  auto h = CheckerHarness::all(Protocol::kMultiPaxos, 3);
  h.leader(1, 1 * 256 + 1);
  h.leader(2, 1 * 256 + 2);  // a different ballot
  CHECK(h.violations().empty());
  h.leader(3, 1 * 256 + 2);  // the same ballot: only a bug gets here
  REQUIRE(h.count(Invariant::kElectionSafety) == 1);
}

}  // namespace
}  // namespace consim::testing
