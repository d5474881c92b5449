// the README's "Checkers and injected bugs", "What every build must show": with each injected bug, a
// sweep of generated seeds finds a violation of an invariant in the bug's
// "caught by" column within a bounded number of seeds (the sweep issue asks
// for at most 2,000), and that seed replays to the same violation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "faults/generator.h"
#include "sim/engine.h"

using namespace consim;

namespace {

struct BugCase {
  Bug bug;
  std::vector<Invariant> caught_by;
  int nodes = 5;
  std::vector<FaultKind> kinds = all_fault_kinds();
  Protocol protocol = Protocol::kRaft;
};

constexpr uint64_t kMaxSeeds = 2000;

void check_caught(const BugCase& c) {
  const std::string name = fmt::format("{} on {}", bug_name(c.bug), protocol_name(c.protocol));
  for (uint64_t seed = 1; seed <= kMaxSeeds; ++seed) {
    GenOptions o;
    o.protocol = c.protocol;
    o.nodes = c.nodes;
    o.seed = seed;
    o.kinds = c.kinds;
    const Scenario s = with_run_settings(generate_scenario(o), std::nullopt, std::vector{c.bug});
    const Summary first = run_scenario(s, {});
    const auto hit = std::find_if(first.violations.begin(), first.violations.end(), [&](const Violation& v) {
      return std::find(c.caught_by.begin(), c.caught_by.end(), v.invariant) != c.caught_by.end();
    });
    if (hit == first.violations.end()) continue;
    INFO(fmt::format("{} caught at seed {} by {}: {}", name, seed, invariant_name(hit->invariant), hit->detail));
    const Summary again = run_scenario(s, {});
    CHECK(again.trace_hash == first.trace_hash);
    REQUIRE_FALSE(again.violations.empty());
    CHECK(again.violations.front().invariant == first.violations.front().invariant);
    CHECK(again.violations.front().detail == first.violations.front().detail);
    SUCCEED(fmt::format("{}: first caught at seed {}", name, seed));
    return;
  }
  FAIL(fmt::format("{} was not caught within {} seeds", name, kMaxSeeds));
}

}  // namespace

TEST_CASE("bug catalog: raft.skip-log-matching is caught by log_matching or state_machine_safety", "[bugs]") {
  check_caught({Bug::kRaftSkipLogMatching, {Invariant::kLogMatching, Invariant::kStateMachineSafety}});
}

TEST_CASE("bug catalog: raft.minority-quorum is caught by election_safety in a 4-node cluster", "[bugs]") {
  check_caught({Bug::kRaftMinorityQuorum, {Invariant::kElectionSafety}, 4});
}

TEST_CASE("bug catalog: raft.commit-old-term is caught by leader_completeness or state_machine_safety", "[bugs]") {
  check_caught({Bug::kRaftCommitOldTerm, {Invariant::kLeaderCompleteness, Invariant::kStateMachineSafety}, 3});
}

TEST_CASE("bug catalog: raft.volatile-vote is caught by election_safety", "[bugs]") {
  check_caught({Bug::kRaftVolatileVote, {Invariant::kElectionSafety}, 3, {FaultKind::kCrash, FaultKind::kPartition}});
}

TEST_CASE("bug catalog: raft.no-up-to-date-check is caught by leader_completeness or state_machine_safety",
          "[bugs]") {
  check_caught({Bug::kRaftNoUpToDateCheck, {Invariant::kLeaderCompleteness, Invariant::kStateMachineSafety}});
}

TEST_CASE("bug catalog: raft.apply-uncommitted is caught by state_machine_safety", "[bugs]") {
  check_caught({Bug::kRaftApplyUncommitted, {Invariant::kStateMachineSafety}});
}

TEST_CASE("bug catalog: raft.local-read is caught by linearizability", "[bugs]") {
  check_caught({Bug::kRaftLocalRead, {Invariant::kLinearizability}});
}

TEST_CASE("bug catalog: paxos.minority-accept is caught by agreement on basic-paxos", "[bugs]") {
  check_caught({Bug::kPaxosMinorityAccept, {Invariant::kAgreement}, 5, all_fault_kinds(), Protocol::kBasicPaxos});
}

TEST_CASE("bug catalog: paxos.minority-accept is caught by agreement on multi-paxos", "[bugs]") {
  check_caught({Bug::kPaxosMinorityAccept, {Invariant::kAgreement}, 5, all_fault_kinds(), Protocol::kMultiPaxos});
}

TEST_CASE("bug catalog: paxos.first-promise-value is caught by agreement on basic-paxos", "[bugs]") {
  check_caught({Bug::kPaxosFirstPromiseValue, {Invariant::kAgreement}, 5, all_fault_kinds(), Protocol::kBasicPaxos});
}

TEST_CASE("bug catalog: paxos.first-promise-value is caught by agreement on multi-paxos", "[bugs]") {
  check_caught({Bug::kPaxosFirstPromiseValue, {Invariant::kAgreement}, 5, all_fault_kinds(), Protocol::kMultiPaxos});
}

TEST_CASE("bug catalog: paxos.accept-below-promise is caught by agreement on basic-paxos", "[bugs]") {
  check_caught({Bug::kPaxosAcceptBelowPromise, {Invariant::kAgreement}, 5, all_fault_kinds(), Protocol::kBasicPaxos});
}

TEST_CASE("bug catalog: paxos.accept-below-promise is caught by agreement on multi-paxos", "[bugs]") {
  check_caught({Bug::kPaxosAcceptBelowPromise, {Invariant::kAgreement}, 5, all_fault_kinds(), Protocol::kMultiPaxos});
}

TEST_CASE("bug catalog: multipaxos.skip-prepare is caught by agreement or state_machine_safety", "[bugs]") {
  check_caught({Bug::kMultiPaxosSkipPrepare, {Invariant::kAgreement, Invariant::kStateMachineSafety}, 5,
                all_fault_kinds(), Protocol::kMultiPaxos});
}

TEST_CASE("bug catalog: multipaxos.local-read is caught by linearizability", "[bugs]") {
  check_caught({Bug::kMultiPaxosLocalRead, {Invariant::kLinearizability}, 5, all_fault_kinds(), Protocol::kMultiPaxos});
}

TEST_CASE("bug catalog: raft.no-dedup is caught by linearizability", "[bugs]") {
  check_caught({Bug::kRaftNoDedup, {Invariant::kLinearizability}});
}
