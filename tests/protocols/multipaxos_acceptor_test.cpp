// The acceptor (PMMC Figure 4): promises, acceptances, and their durability
// (section 3: an acceptor's ballot_num and accepted must survive crashes).
#include <catch2/catch.hpp>

#include "tests/protocols/multipaxos_harness.h"

namespace consim::test::mp {
namespace {

TEST_CASE("PMMC acceptor p1a: a higher ballot is promised durably before the p1b leaves") {
  MpSolo s(2, 3);
  s.deliver(3, P2a{make_ballot(1, 3), 1, proposals({put(1, 1, "a", "x"), put(1, 2, "a", "y")}), 0});
  s.sync();
  s.ctx.clear_outputs();
  const uint64_t b = make_ballot(2, 1);
  s.deliver(1, P1a{b, 2});
  CHECK(s.ballot() == b);
  REQUIRE(!s.ctx.observed<Promised>().empty());
  CHECK(s.ctx.observed<Promised>().back().ballot == b);
  CHECK(s.ctx.observed<Promised>().back().instance == 2);
  CHECK(sent_of<P1b>(s.ctx).empty());  // waits for the sync
  CHECK(records_of<PromisedBallot>(s.ctx.journal).back().ballot == b);
  s.sync();
  const auto p1b = last_sent_to<P1b>(s.ctx, 1);
  REQUIRE(p1b.has_value());
  CHECK(p1b->ballot == b);
  CHECK(p1b->promised == b);
  // Only the pvalues from the asked slot on.
  REQUIRE(p1b->accepted.size() == 1);
  CHECK(p1b->accepted[0].slot == 2);
  CHECK(p1b->accepted[0].ballot == make_ballot(1, 3));
  CHECK(*p1b->accepted[0].value.command == put(1, 2, "a", "y"));
}

TEST_CASE("PMMC acceptor p1a: a p1a below the promise gets the promise back and no pvalues") {
  MpSolo s(2, 3);
  s.deliver(3, P1a{make_ballot(4, 3), 1});
  s.sync();
  s.deliver(1, P1a{make_ballot(2, 1), 1});
  s.sync();
  const auto p1b = last_sent_to<P1b>(s.ctx, 1);
  REQUIRE(p1b.has_value());
  CHECK(p1b->ballot == make_ballot(2, 1));
  CHECK(p1b->promised == make_ballot(4, 3));
  CHECK(p1b->accepted.empty());
  CHECK(s.ballot() == make_ballot(4, 3));
}

TEST_CASE("PMMC acceptor p2a: an acceptor never accepts below its promise") {
  MpSolo s(2, 3);
  s.deliver(3, P1a{make_ballot(4, 3), 1});
  s.sync();
  s.ctx.clear_outputs();
  s.deliver(1, P2a{make_ballot(2, 1), 1, proposals({put(1, 1, "a", "x")}), 0});
  s.sync();
  CHECK(s.ctx.observed<ValueAccepted>().empty());
  CHECK(records_of<PValuesAccepted>(s.ctx.journal).empty());
  const auto p2b = last_sent_to<P2b>(s.ctx, 1);
  REQUIRE(p2b.has_value());
  CHECK(p2b->ballot == make_ballot(2, 1));
  CHECK(p2b->promised == make_ballot(4, 3));  // the preemption
  CHECK(p2b->count == 0);
}

TEST_CASE("PMMC acceptor p2a: pvalues are synced before the p2b and its report and survive a crash") {
  MpSolo s(2, 3);
  const uint64_t b = make_ballot(1, 1);
  s.deliver(1, P2a{b, 1, proposals({put(1, 1, "a", "x")}), 0});
  // Neither the p2b nor the report to the checkers comes before the sync: an
  // acceptance a crash erases was never made.
  CHECK(s.ctx.observed<ValueAccepted>().empty());
  CHECK(sent_of<P2b>(s.ctx).empty());
  SECTION("a crash before the sync loses the acceptance, and nothing claimed it") {
    s.crash_and_restart();
    CHECK(s.ballot() == 0);
    CHECK(s.ctx.observed<ValueAccepted>().empty());
  }
  SECTION("after the sync the p2b leaves and the pvalue and promise survive a crash") {
    s.sync();
    CHECK(s.ctx.observed<ValueAccepted>().size() == 1);
    const auto p2b = last_sent_to<P2b>(s.ctx, 1);
    REQUIRE(p2b.has_value());
    CHECK(p2b->promised == b);
    CHECK(p2b->count == 1);
    s.crash_and_restart();
    CHECK(s.ballot() == b);
    // Boot re-reports what it recovered.
    const auto accepted = s.ctx.observed<ValueAccepted>();
    REQUIRE(accepted.size() == 1);
    CHECK(accepted[0].instance == 1);
    CHECK(accepted[0].ballot == b);
    // And a scout still learns the pvalue from it.
    const uint64_t b2 = make_ballot(2, 3);
    s.deliver(3, P1a{b2, 1});
    s.sync();
    const auto p1b = last_sent_to<P1b>(s.ctx, 3);
    REQUIRE(p1b.has_value());
    REQUIRE(p1b->accepted.size() == 1);
    CHECK(*p1b->accepted[0].value.command == put(1, 1, "a", "x"));
  }
}

TEST_CASE("PMMC acceptor: a p2a of a higher ballot makes the node follow its leader") {
  MpSolo s(2, 3);
  s.deliver(3, P2a{make_ballot(3, 3), 1, nullptr, 0});
  CHECK(s.ballot() == make_ballot(3, 3));
  CHECK(s.status().leader == 3);
  CHECK(s.role() == Role::kFollower);
}

}  // namespace
}  // namespace consim::test::mp
