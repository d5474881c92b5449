// make_checkers: which invariants run for which protocol (the README's "Checkers and injected bugs").
#include <catch2/catch.hpp>

#include "sim/checkers/checker.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

// One observation sequence that breaks each invariant a checker here knows.
void break_everything(CheckerHarness& h) {
  h.leader(1, 3);
  h.leader(2, 3);                       // election_safety
  h.entries(1, 1, {1, 2});
  h.append(2, 1, 1);
  h.append(2, 2, 2, 0xbad);             // log_matching
  h.commit(1, 2);
  h.leader(3, 4);                       // leader_completeness: node 3 holds nothing
  h.apply(1, 1, 1);
  h.apply(2, 1, 2);                     // state_machine_safety
}

TEST_CASE("make_checkers gives raft all four safety checkers", "[checkers]") {
  REQUIRE(make_checkers(Protocol::kRaft, 3).size() == 4);
  auto h = CheckerHarness::all(Protocol::kRaft, 3);
  break_everything(h);
  INFO(render(h.violations()));
  CHECK(h.count(Invariant::kElectionSafety) == 1);
  CHECK(h.count(Invariant::kLogMatching) == 1);
  CHECK(h.count(Invariant::kLeaderCompleteness) == 1);
  CHECK(h.count(Invariant::kStateMachineSafety) == 1);
}

TEST_CASE("make_checkers gives multi-paxos election and state machine safety with agreement and validity",
          "[checkers]") {
  REQUIRE(make_checkers(Protocol::kMultiPaxos, 3).size() == 4);
  auto h = CheckerHarness::all(Protocol::kMultiPaxos, 3);
  break_everything(h);
  h.accepted(1, 7, 0x101, entry_command(7, 1));
  h.accepted(2, 7, 0x101, entry_command(7, 1));
  h.learned(3, 7, entry_command(7, 2));  // agreement
  INFO(render(h.violations()));
  CHECK(h.count(Invariant::kElectionSafety) == 1);
  CHECK(h.count(Invariant::kStateMachineSafety) == 1);
  CHECK(h.count(Invariant::kAgreement) == 1);
  // No client proposed any of these commands.
  CHECK(h.count(Invariant::kValidity) >= 1);
  CHECK(h.count(Invariant::kLogMatching) == 0);
  CHECK(h.count(Invariant::kLeaderCompleteness) == 0);
}

TEST_CASE("make_checkers gives basic-paxos agreement and validity", "[checkers]") {
  REQUIRE(make_checkers(Protocol::kBasicPaxos, 3).size() == 2);
  auto h = CheckerHarness::all(Protocol::kBasicPaxos, 3);
  h.leader(1, 3);
  h.leader(2, 3);
  CHECK(h.violations().empty());  // basic-paxos has no leaders to check
  h.learned(1, 1, entry_command(1, 1));
  h.learned(2, 1, entry_command(1, 2));
  INFO(render(h.violations()));
  CHECK(h.count(Invariant::kAgreement) == 1);
  CHECK(h.count(Invariant::kValidity) == 2);
}

}  // namespace
TEST_CASE("invariant_checked_for names exactly the invariants make_checkers checks", "[checkers]") {
  for (const Protocol p : {Protocol::kRaft, Protocol::kMultiPaxos, Protocol::kBasicPaxos}) {
    auto h = CheckerHarness::all(p, 3);
    break_everything(h);
    h.accepted(1, 7, 0x101, entry_command(7, 1));
    h.accepted(2, 7, 0x101, entry_command(7, 1));
    h.learned(3, 7, entry_command(7, 2));
    for (const Invariant inv : all_invariants()) {
      if (inv == Invariant::kLinearizability) continue;  // the history check, not a checker here
      INFO(protocol_name(p) << " " << invariant_name(inv));
      CHECK((h.count(inv) > 0) == invariant_checked_for(inv, p));
    }
    CHECK(invariant_checked_for(Invariant::kLinearizability, p));
  }
}

}  // namespace consim::testing
