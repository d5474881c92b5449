// Each injected bug (the README's "Checkers and injected bugs") changes exactly the behaviour it names.
#include <catch2/catch.hpp>

#include "tests/protocols/multipaxos_harness.h"

namespace consim::test::mp {
namespace {

TEST_CASE("multipaxos.skip-prepare: a timed-out node leads at once and proposes without learning accepted values") {
  const uint64_t old_ballot = make_ballot(1, 3);
  auto prepare_follower = [&](MpSolo& s) {
    // Slot 1 accepted from node 3's leader; slot 2 was accepted elsewhere only.
    s.deliver(3, P2a{old_ballot, 1, proposals({put(1, 1, "k", "a")}), 0});
    s.sync();
    s.ctx.clear_outputs();
    s.time_out();
  };
  SECTION("without the bug: phase 1 first") {
    MpSolo s(2, 3);
    prepare_follower(s);
    CHECK(s.role() == Role::kCandidate);
    CHECK(sent_of<P1a>(s.ctx).size() == 2);
  }
  SECTION("with the bug: no p1a - leader of a higher ballot - proposing its own idea of the slots") {
    MpSolo s(2, 3, {}, with_bug(Bug::kMultiPaxosSkipPrepare));
    prepare_follower(s);
    CHECK(s.role() == Role::kLeader);
    CHECK(s.ballot() > old_ballot);
    CHECK(sent_of<P1a>(s.ctx).empty());
    // A client's command goes to slot 2, over whatever others accepted there.
    s.node->on_client_request(s.ctx, request(put(2, 1, "k", "b")));
    const auto p2a = last_sent_to<P2a>(s.ctx, 1);
    REQUIRE(p2a.has_value());
    CHECK(p2a->first_slot + batch_size(p2a->proposals) - 1 == 2);
  }
}

TEST_CASE("multipaxos.local-read: a leader answers get from its own state at once") {
  MpSolo s(1, 3, {}, with_bug(Bug::kMultiPaxosLocalRead));
  s.win_phase1();
  s.sync();
  s.ctx.clear_outputs();
  s.node->on_client_request(s.ctx, request(get(3, 1, "k")));
  REQUIRE(s.ctx.replies.size() == 1);
  CHECK(s.ctx.replies[0].ok);
  CHECK(sent_of<P2a>(s.ctx).empty());
}

TEST_CASE("Multi-Paxos paxos.minority-accept: a slot counts as chosen once one acceptor accepted it") {
  MpSolo s(1, 5, {}, with_bug(Bug::kPaxosMinorityAccept));
  s.win_phase1();
  s.sync();
  s.ctx.clear_outputs();
  s.node->on_client_request(s.ctx, request(put(5, 1, "k", "v")));
  s.sync();  // only the leader's own acceptance, 1 of 5
  CHECK(s.ctx.observed<ValueLearned>().size() == 1);
  REQUIRE(s.ctx.replies.size() == 1);
  CHECK(s.ctx.replies[0].ok);

  MpSolo correct(1, 5);
  correct.win_phase1();
  correct.sync();
  correct.ctx.clear_outputs();
  correct.node->on_client_request(correct.ctx, request(put(5, 1, "k", "v")));
  correct.sync();
  CHECK(correct.ctx.observed<ValueLearned>().empty());
}

TEST_CASE("Multi-Paxos paxos.first-promise-value: the scout keeps the value of the first promise instead of the highest ballot's") {
  auto adopt = [](BugSet bugs) {
    MpSolo s(1, 5, {}, bugs);
    s.time_out();
    s.sync();
    const uint64_t b = s.ballot();
    s.deliver(2, P1b{b, b, 1, {pvalue(1, make_ballot(0, 2), put(7, 1, "k", "low"))}, nullptr});
    s.deliver(3, P1b{b, b, 1, {pvalue(1, make_ballot(0, 3), put(7, 2, "k", "high"))}, nullptr});
    REQUIRE(s.role() == Role::kLeader);
    const auto p2a = last_sent_to<P2a>(s.ctx, 2);
    REQUIRE(p2a.has_value());
    REQUIRE(batch_size(p2a->proposals) == 1);
    return *(*p2a->proposals)[0].command;
  };
  CHECK(adopt(BugSet{}) == put(7, 2, "k", "high"));
  CHECK(adopt(with_bug(Bug::kPaxosFirstPromiseValue)) == put(7, 1, "k", "low"));
}

TEST_CASE("Multi-Paxos paxos.accept-below-promise: an acceptor accepts a ballot lower than its promise") {
  MpSolo s(2, 3, {}, with_bug(Bug::kPaxosAcceptBelowPromise));
  s.deliver(3, P1a{make_ballot(4, 3), 1});
  s.sync();
  s.ctx.clear_outputs();
  s.deliver(1, P2a{make_ballot(2, 1), 1, proposals({put(1, 1, "a", "x")}), 0});
  s.sync();
  const auto accepted = s.ctx.observed<ValueAccepted>();
  REQUIRE(accepted.size() == 1);
  CHECK(accepted[0].ballot == make_ballot(2, 1));
  CHECK(s.ballot() == make_ballot(4, 3));  // the promise stays
  const auto p2b = last_sent_to<P2b>(s.ctx, 1);
  REQUIRE(p2b.has_value());
  CHECK(p2b->promised == make_ballot(2, 1));  // claims acceptance
  CHECK(p2b->count == 1);
}

}  // namespace
}  // namespace consim::test::mp
