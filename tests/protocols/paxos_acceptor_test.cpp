// The acceptor's rules (Paxos Made Simple 2.2 and 2.5), one node at a time.
#include <catch2/catch.hpp>

#include "tests/protocols/paxos_harness.h"

namespace consim::paxos_test {
namespace {

using paxos::Accept;
using paxos::Accepted;
using paxos::AcceptorState;
using paxos::make_ballot;
using paxos::Nack;
using paxos::Prepare;
using paxos::Promise;

constexpr uint64_t kInstance = 4;

TEST_CASE("Paxos Made Simple 2.2 P1a: an acceptor never promises below its promise", "[paxos]") {
  PaxosSolo n(1, 3);
  const uint64_t high = make_ballot(5, 2);
  const uint64_t low = make_ballot(4, 3);
  n.deliver(2, Prepare{kInstance, high});
  n.sync();
  REQUIRE(n.last_to<Promise>(2));
  n.deliver(3, Prepare{kInstance, low});
  n.sync();
  CHECK_FALSE(n.last_to<Promise>(3));
  const auto nack = n.last_to<Nack>(3);
  REQUIRE(nack);
  CHECK(nack->ballot == low);
  CHECK(nack->promised_ballot == high);
  CHECK(n.node->acceptor_state(kInstance)->promised_ballot == high);

  // A higher ballot is promised, and the same ballot again.
  n.deliver(3, Prepare{kInstance, make_ballot(6, 3)});
  n.deliver(3, Prepare{kInstance, make_ballot(6, 3)});
  n.sync();
  CHECK(n.sent<Promise>().size() == 3);
}

TEST_CASE("Paxos Made Simple 2.2 P1a: an acceptor never accepts below its promise", "[paxos]") {
  PaxosSolo n(1, 3);
  const Command v = test::put(1, 1, "k4", "a");
  n.deliver(2, Prepare{kInstance, make_ballot(5, 2)});
  n.sync();
  n.deliver(3, Accept{kInstance, make_ballot(4, 3), value_of(v)});
  n.sync();
  CHECK_FALSE(n.last_to<Accepted>(3));
  REQUIRE(n.last_to<Nack>(3));
  CHECK(n.last_to<Nack>(3)->promised_ballot == make_ballot(5, 2));
  CHECK(n.node->acceptor_state(kInstance)->accepted_ballot == 0);
  CHECK(n.ctx.observed<ValueAccepted>().empty());

  // At the promised ballot it accepts, and accepting a higher one promises it.
  n.deliver(2, Accept{kInstance, make_ballot(5, 2), value_of(v)});
  n.deliver(3, Accept{kInstance, make_ballot(7, 3), value_of(v)});
  n.sync();
  CHECK(n.last_to<Accepted>(2));
  CHECK(n.last_to<Accepted>(3));
  const AcceptorState* a = n.node->acceptor_state(kInstance);
  CHECK(a->promised_ballot == make_ballot(7, 3));
  CHECK(a->accepted_ballot == make_ballot(7, 3));
  n.deliver(2, Prepare{kInstance, make_ballot(6, 2)});
  CHECK(n.last_to<Nack>(2));
}

TEST_CASE("Paxos Made Simple 2.2 phase 1b: a promise carries the highest-numbered proposal accepted", "[paxos]") {
  PaxosSolo n(1, 3);
  const Command v = test::put(1, 1, "k4", "a");
  n.deliver(2, Prepare{kInstance, make_ballot(1, 2)});
  n.deliver(2, Accept{kInstance, make_ballot(1, 2), value_of(v)});
  n.deliver(3, Prepare{kInstance, make_ballot(2, 3)});
  n.sync();
  const auto fresh = n.last_to<Promise>(2);
  REQUIRE(fresh);
  CHECK(fresh->accepted_ballot == 0);
  CHECK_FALSE(fresh->accepted_value);
  const auto p = n.last_to<Promise>(3);
  REQUIRE(p);
  CHECK(p->ballot == make_ballot(2, 3));
  CHECK(p->accepted_ballot == make_ballot(1, 2));
  REQUIRE(p->accepted_value);
  CHECK(*p->accepted_value.command == v);
}

TEST_CASE("Paxos Made Simple 2.5: a promise is synced before it is sent or observed", "[paxos]") {
  PaxosSolo n(1, 3);
  n.deliver(2, Prepare{kInstance, make_ballot(1, 2)});
  CHECK(records_of<AcceptorState>(n.ctx).size() == 1);
  CHECK(n.ctx.durable == 0);
  CHECK_FALSE(n.last_to<Promise>(2));
  CHECK(n.ctx.observed<Promised>().empty());
  n.sync();
  CHECK(n.ctx.durable == 1);
  CHECK(n.last_to<Promise>(2));
  REQUIRE(n.ctx.observed<Promised>().size() == 1);
  CHECK(n.ctx.observed<Promised>()[0].ballot == make_ballot(1, 2));
}

TEST_CASE("Paxos Made Simple 2.5: an acceptance is synced before Accepted is sent or observed", "[paxos]") {
  PaxosSolo n(1, 3);
  const Command v = test::put(1, 1, "k4", "a");
  n.deliver(2, Accept{kInstance, make_ballot(1, 2), value_of(v)});
  CHECK_FALSE(n.last_to<Accepted>(2));
  CHECK(n.ctx.observed<ValueAccepted>().empty());
  n.sync();
  CHECK(n.last_to<Accepted>(2));
  const auto accepted = n.ctx.observed<ValueAccepted>();
  REQUIRE(accepted.size() == 1);
  CHECK(accepted[0].ballot == make_ballot(1, 2));
  CHECK(accepted[0].digest == v.digest());
}

TEST_CASE("Paxos Made Simple 2.5: acceptor state survives a crash", "[paxos]") {
  PaxosSolo n(1, 3);
  const Command v = test::put(1, 1, "k4", "a");
  n.deliver(2, Prepare{kInstance, make_ballot(3, 2)});
  n.deliver(2, Accept{kInstance, make_ballot(3, 2), value_of(v)});
  n.sync();
  n.crash_and_restart();
  CHECK(n.status().log_entries == 1);

  n.deliver(3, Prepare{kInstance, make_ballot(2, 3)});
  REQUIRE(n.last_to<Nack>(3));
  CHECK(n.last_to<Nack>(3)->promised_ballot == make_ballot(3, 2));
  n.deliver(3, Prepare{kInstance, make_ballot(4, 3)});
  n.sync();
  const auto p = n.last_to<Promise>(3);
  REQUIRE(p);
  CHECK(p->accepted_ballot == make_ballot(3, 2));
  CHECK(p->accepted_value.digest == v.digest());
}

TEST_CASE("Paxos Made Simple 2.5: a promise lost in a crash was never sent", "[paxos]") {
  PaxosSolo n(1, 3);
  n.deliver(2, Prepare{kInstance, make_ballot(3, 2)});
  CHECK(n.ctx.sent.empty());
  n.crash_and_restart();
  CHECK(n.node->acceptor_state(kInstance) == nullptr);
  n.deliver(3, Prepare{kInstance, make_ballot(2, 3)});
  n.sync();
  CHECK(n.last_to<Promise>(3));
}

TEST_CASE("paxos: the journal is compacted once it outgrows the state it holds", "[paxos]") {
  PaxosSolo n(1, 3);
  const Command v = test::put(1, 1, "k4", "a");
  for (uint64_t round = 1; round <= 200; ++round) {
    n.deliver(2, Prepare{kInstance, make_ballot(round, 2)});
    n.sync();
  }
  n.deliver(2, Accept{kInstance, make_ballot(200, 2), value_of(v)});
  n.sync();
  CHECK(n.ctx.rewrites >= 1);
  CHECK(n.ctx.journal.size() < 100);
  n.crash_and_restart();
  const AcceptorState* a = n.node->acceptor_state(kInstance);
  REQUIRE(a);
  CHECK(a->promised_ballot == make_ballot(200, 2));
  CHECK(a->accepted_ballot == make_ballot(200, 2));
  CHECK(a->accepted_value.digest == v.digest());
}

}  // namespace
}  // namespace consim::paxos_test
