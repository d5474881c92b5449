// Phase 1 at the leader: PMMC's scout, pmax and adoption (section 3,
// Figures 6 and 7), folded into the node and run once for every open slot.
#include <catch2/catch.hpp>

#include "tests/protocols/multipaxos_harness.h"

namespace consim::test::mp {
namespace {

TEST_CASE("PMMC scout: a timed-out node sends p1a for every slot from its first undecided one with a higher ballot") {
  MpSolo s(2, 3);
  s.time_out();
  REQUIRE(s.role() == Role::kCandidate);
  CHECK(s.ballot() == make_ballot(1, 2));
  const auto p1a = sent_of<P1a>(s.ctx);
  REQUIRE(p1a.size() == 2);
  for (const auto& [to, m] : p1a) {
    CHECK(to != 2);
    CHECK(m.ballot == make_ballot(1, 2));
    CHECK(m.from_slot == 1);
  }
  const auto roles = s.ctx.observed<RoleChanged>();
  REQUIRE(!roles.empty());
  CHECK(roles.back().role == Role::kCandidate);
  CHECK(roles.back().term == make_ballot(1, 2));
  // Its own acceptor promises too, durably.
  REQUIRE(!records_of<PromisedBallot>(s.ctx.journal).empty());
  CHECK(records_of<PromisedBallot>(s.ctx.journal).back().ballot == make_ballot(1, 2));
}

TEST_CASE("PMMC scout: the scout's own promise counts only once it is durable") {
  MpSolo s(1, 3);
  s.time_out();
  const uint64_t b = s.ballot();
  s.deliver(2, P1b{b, b, 1, {}, nullptr});
  CHECK(s.role() == Role::kCandidate);  // 1 of 3: its own promise is not on disk yet
  s.sync();
  CHECK(s.role() == Role::kLeader);
  const auto roles = s.ctx.observed<RoleChanged>();
  CHECK(roles.back().role == Role::kLeader);
  CHECK(roles.back().term == b);
  CHECK(s.status().leader == 1);
}

TEST_CASE("PMMC pmax: a new leader re-proposes the highest-ballot value of every open slot and fills holes with no-ops") {
  MpSolo s(1, 5);
  s.time_out();
  s.sync();
  const uint64_t b = s.ballot();
  const uint64_t low = make_ballot(0, 2);  // two ballots below b
  const uint64_t high = make_ballot(0, 3);
  // Slot 1: two values; the one accepted in the higher ballot wins, whatever
  // the order the promises arrive in. Slot 2: nothing accepted anywhere in
  // the majority, a hole. Slot 3: one value.
  s.deliver(2, P1b{b, b, 1, {pvalue(1, low, put(7, 1, "k", "low")), pvalue(3, low, put(7, 3, "k", "three"))}, nullptr});
  REQUIRE(s.role() == Role::kCandidate);
  s.deliver(3, P1b{b, b, 1, {pvalue(1, high, put(7, 2, "k", "high"))}, nullptr});
  REQUIRE(s.role() == Role::kLeader);

  const auto p2a = last_sent_to<P2a>(s.ctx, 2);
  REQUIRE(p2a.has_value());
  CHECK(p2a->ballot == b);
  CHECK(p2a->first_slot == 1);
  REQUIRE(batch_size(p2a->proposals) == 3);
  CHECK(*(*p2a->proposals)[0].command == put(7, 2, "k", "high"));
  CHECK((*p2a->proposals)[1].command->op == OpType::kNoop);
  CHECK(*(*p2a->proposals)[2].command == put(7, 3, "k", "three"));
  // The leader's own acceptor accepted each of them in its ballot, durably
  // (and reports them once they are).
  s.sync();
  const auto accepted = s.ctx.observed<ValueAccepted>();
  REQUIRE(accepted.size() == 3);
  for (const auto& a : accepted) CHECK(a.ballot == b);
  const auto records = records_of<PValuesAccepted>(s.ctx.journal);
  REQUIRE(!records.empty());
  CHECK(records.back().ballot == b);
  CHECK(records.back().first_slot == 1);
  CHECK(records.back().count() == 3);
}

TEST_CASE("PMMC adopted: the leader's own accepted values count in pmax like any acceptor's") {
  // Node 1 accepted slot 1 in a ballot above the one node 2 reports.
  MpSolo s(1, 3);
  s.deliver(3, P2a{make_ballot(2, 3), 1, proposals({put(4, 1, "k", "mine")}), 0});
  s.sync();
  s.time_out();
  s.sync();
  const uint64_t b = s.ballot();
  s.deliver(2, P1b{b, b, 1, {pvalue(1, make_ballot(1, 2), put(4, 9, "k", "theirs"))}, nullptr});
  REQUIRE(s.role() == Role::kLeader);
  const auto p2a = last_sent_to<P2a>(s.ctx, 2);
  REQUIRE(p2a.has_value());
  REQUIRE(batch_size(p2a->proposals) == 1);
  CHECK(*(*p2a->proposals)[0].command == put(4, 1, "k", "mine"));
}

TEST_CASE("PMMC preempted: a p1b with a higher ballot makes the scout step down and adopt that ballot") {
  MpSolo s(1, 3);
  s.time_out();
  const uint64_t b = s.ballot();
  const uint64_t higher = make_ballot(5, 3);
  s.deliver(2, P1b{b, higher, 1, {}, nullptr});
  CHECK(s.role() == Role::kFollower);
  CHECK(s.ballot() == higher);
  CHECK(s.ctx.observed<RoleChanged>().back().role == Role::kFollower);
  // Its next scout picks a ballot above the one that preempted it.
  s.time_out();
  CHECK(s.ballot() == make_ballot(6, 1));
}

TEST_CASE("PMMC scout: a preemption answering an earlier scout's p1a is no promise for the current scout") {
  MpSolo s(1, 3);
  s.time_out();
  const uint64_t first = s.ballot();
  // The scout times out and starts again with a higher ballot.
  for (int i = 0; i < 10 && s.ballot() == first; ++i) s.ctx.fire(*s.node, kLeaderTimer);
  const uint64_t second = s.ballot();
  REQUIRE(second > first);
  s.sync();
  // Node 2 already promised `second` and answers the first p1a late: its
  // promise equals the current ballot, but the answer carries no pvalues.
  s.deliver(2, P1b{first, second, 1, {}, nullptr});
  CHECK(s.role() == Role::kCandidate);
  s.deliver(2, P1b{second, second, 1, {pvalue(1, make_ballot(0, 3), put(2, 1, "k", "v"))}, nullptr});
  REQUIRE(s.role() == Role::kLeader);
  const auto p2a = last_sent_to<P2a>(s.ctx, 3);
  REQUIRE(p2a.has_value());
  REQUIRE(batch_size(p2a->proposals) == 1);
  CHECK(*(*p2a->proposals)[0].command == put(2, 1, "k", "v"));
}

}  // namespace
}  // namespace consim::test::mp
