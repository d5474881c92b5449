// The proposer's rules (Paxos Made Simple 2.2 to 2.5), one node at a time:
// the test plays the other acceptors.
#include <catch2/catch.hpp>

#include "tests/protocols/paxos_harness.h"

namespace consim::paxos_test {
namespace {

using paxos::Accept;
using paxos::Accepted;
using paxos::Chosen;
using paxos::make_ballot;
using paxos::Nack;
using paxos::Prepare;
using paxos::Promise;
using paxos::Value;

constexpr uint64_t kInstance = 4;
const char* const kKey = "k4";

// Node 1 of `nodes`, whose acceptor has already promised (3, nodes), runs a round
// for a put: its ballot is (4, 1), its Prepares are out and its own promise
// is counted.
PaxosSolo proposer_after_prepare(int nodes, BugSet bugs = BugSet{}) {
  PaxosSolo n(1, nodes, bugs);
  n.deliver(nodes, Prepare{kInstance, make_ballot(3, nodes)});
  n.sync();
  n.ctx.advance(Duration::ms(1000));  // that proposer has gone quiet
  n.ctx.clear_outputs();
  n.request(test::put(1, 1, kKey, "mine"));
  n.sync();
  REQUIRE(n.last_prepare_ballot() == make_ballot(4, 1));
  return n;
}

TEST_CASE("Paxos Made Simple 2.2 P2c: the proposer adopts the highest-ballot value among a majority of promises",
          "[paxos]") {
  const Value low = value_of(test::put(2, 1, kKey, "low"));
  const Value high = value_of(test::put(3, 1, kKey, "high"));
  const uint64_t b = make_ballot(4, 1);
  SECTION("lower ballot first") {
    PaxosSolo n = proposer_after_prepare(5);
    n.deliver(2, Promise{kInstance, b, make_ballot(1, 2), low});
    CHECK(n.sent<Accept>().empty());
    n.deliver(3, Promise{kInstance, b, make_ballot(2, 3), high});
    const auto accept = n.last_to<Accept>(4);
    REQUIRE(accept);
    CHECK(accept->ballot == b);
    CHECK(accept->value.digest == high.digest);
  }
  SECTION("higher ballot first") {
    PaxosSolo n = proposer_after_prepare(5);
    n.deliver(3, Promise{kInstance, b, make_ballot(2, 3), high});
    n.deliver(2, Promise{kInstance, b, make_ballot(1, 2), low});
    REQUIRE(n.last_to<Accept>(4));
    CHECK(n.last_to<Accept>(4)->value.digest == high.digest);
  }
}

TEST_CASE("Paxos Made Simple 2.2 P2c: with nothing accepted the proposer proposes its client's command", "[paxos]") {
  PaxosSolo n = proposer_after_prepare(3);
  n.deliver(2, Promise{kInstance, make_ballot(4, 1), 0, Value{}});
  const auto accepts = n.sent<Accept>();
  REQUIRE(accepts.size() == 2);
  CHECK(accepts[0].second.value.digest == test::put(1, 1, kKey, "mine").digest());
}

TEST_CASE("paxos: promises for another ballot and repeated promises do not count", "[paxos]") {
  PaxosSolo n = proposer_after_prepare(5);
  n.deliver(2, Promise{kInstance, make_ballot(2, 1), 0, Value{}});
  n.deliver(3, Promise{kInstance, make_ballot(4, 1), 0, Value{}});
  n.deliver(3, Promise{kInstance, make_ballot(4, 1), 0, Value{}});
  CHECK(n.sent<Accept>().empty());
  n.deliver(4, Promise{kInstance, make_ballot(4, 1), 0, Value{}});
  CHECK(n.sent<Accept>().size() == 4);
}

TEST_CASE("Paxos Made Simple 2.2: a rejection names the promised ballot and the next ballot is above it", "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::put(1, 1, kKey, "mine"));
  n.sync();
  const uint64_t first = n.last_prepare_ballot();
  REQUIRE(first == make_ballot(1, 1));
  n.deliver(2, Nack{kInstance, first, make_ballot(7, 3)});
  // It waits a random backoff from retry_backoff (10..50 ms by default).
  const auto timer = n.ctx.pending_timer(paxos::kRoundTimer);
  REQUIRE(timer);
  CHECK(timer->due - n.ctx.now() >= Duration::ms(10));
  CHECK(timer->due - n.ctx.now() <= Duration::ms(50));
  // A late promise for the abandoned ballot changes nothing.
  n.deliver(2, Promise{kInstance, first, 0, Value{}});
  CHECK(n.sent<Accept>().empty());
  REQUIRE(n.fire(paxos::kRoundTimer));
  n.sync();
  CHECK(n.last_prepare_ballot() == make_ballot(8, 1));
}

TEST_CASE("paxos: a rejected Accept abandons phase 2 too", "[paxos]") {
  PaxosSolo n = proposer_after_prepare(3);
  n.deliver(2, Promise{kInstance, make_ballot(4, 1), 0, Value{}});
  REQUIRE(n.sent<Accept>().size() == 2);
  n.deliver(3, Nack{kInstance, make_ballot(4, 1), make_ballot(9, 3)});
  n.sync();
  n.deliver(2, Accepted{kInstance, make_ballot(4, 1)});
  CHECK(n.node->learned_value(kInstance) == nullptr);
  REQUIRE(n.fire(paxos::kRoundTimer));
  n.sync();
  CHECK(n.last_prepare_ballot() == make_ballot(10, 1));
}

TEST_CASE("paxos: a round without a majority times out and retries with a higher ballot", "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::put(1, 1, kKey, "mine"));
  n.sync();
  const uint64_t first = n.last_prepare_ballot();
  REQUIRE(n.fire(paxos::kRoundTimer));
  CHECK(n.ctx.now() == Time::zero() + paxos::kRoundTimeout);  // syncs take no time here
  REQUIRE(n.fire(paxos::kRoundTimer));  // the backoff ends
  n.sync();
  CHECK(n.last_prepare_ballot() > first);
  // Consecutive timeouts double the round timeout.
  const auto timer = n.ctx.pending_timer(paxos::kRoundTimer);
  REQUIRE(timer);
  CHECK(timer->due - n.ctx.now() == paxos::kRoundTimeout * 2);
}

TEST_CASE("Paxos Made Simple 2.5: a proposer's Prepare leaves only after its own promise is durable", "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::put(1, 1, kKey, "mine"));
  CHECK(n.sent<Prepare>().empty());
  CHECK(n.node->acceptor_state(kInstance)->promised_ballot == make_ballot(1, 1));
  n.sync();
  CHECK(n.sent<Prepare>().size() == 2);
}

TEST_CASE("Paxos Made Simple 2.5: a restarted proposer never reuses a ballot", "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::put(1, 1, kKey, "mine"));
  n.sync();
  const uint64_t before = n.last_prepare_ballot();
  n.crash_and_restart();
  n.request(test::put(1, 2, kKey, "again"));
  n.sync();
  CHECK(n.last_prepare_ballot() > before);
}

TEST_CASE("Paxos Made Simple 2.2: a value is chosen once a majority accepts it", "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::put(1, 1, kKey, "mine"));
  n.sync();
  const uint64_t b = n.last_prepare_ballot();
  n.deliver(2, Promise{kInstance, b, 0, Value{}});
  n.sync();  // its own acceptance is durable and counted
  CHECK(n.node->learned_value(kInstance) == nullptr);
  n.deliver(3, Accepted{kInstance, b});
  REQUIRE(n.node->learned_value(kInstance) != nullptr);
  const auto learned = n.ctx.observed<ValueLearned>();
  REQUIRE(learned.size() == 1);
  CHECK(learned[0].digest == test::put(1, 1, kKey, "mine").digest());
  // The answer and the announcement wait for the LearnedValue record.
  CHECK(n.ctx.replies.empty());
  n.sync();
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].ok);
  CHECK(n.ctx.replies[0].value == "mine");
  CHECK(n.last_to<Chosen>(2));
  CHECK(n.last_to<Chosen>(3));
  CHECK(n.status().last_applied == 1);
  CHECK_FALSE(n.ctx.pending_timer(paxos::kRoundTimer));
}

TEST_CASE("Paxos Made Simple 2.4: a proposer does not pre-empt a rival still at work", "[paxos]") {
  PaxosSolo n(1, 3);
  const Value rival = value_of(test::put(2, 1, kKey, "rival"));
  n.deliver(2, Prepare{kInstance, make_ballot(1, 2)});
  n.sync();
  n.request(test::put(1, 1, kKey, "mine"));
  n.sync();
  CHECK(n.sent<Prepare>().empty());
  // The rival's Accept arrives while this node waits: it keeps waiting.
  n.ctx.advance(Duration::ms(60));
  n.deliver(2, Accept{kInstance, make_ballot(1, 2), rival});
  n.sync();
  REQUIRE(n.fire(paxos::kRoundTimer));
  n.sync();
  CHECK(n.sent<Prepare>().empty());

  SECTION("the rival finishes: the value is learned without a round") {
    n.deliver(2, Chosen{kInstance, rival});
    n.sync();
    REQUIRE(n.ctx.replies.size() == 1);
    CHECK(n.ctx.replies[0].value == "rival");
    CHECK(n.sent<Prepare>().empty());
  }
  SECTION("the rival goes quiet: a round starts above its ballot") {
    while (n.sent<Prepare>().empty() && n.fire(paxos::kRoundTimer)) n.sync();
    CHECK(n.last_prepare_ballot() == make_ballot(2, 1));
    CHECK(n.ctx.now() - (Time::zero() + Duration::ms(60)) >= paxos::kRoundTimeout);
  }
}

}  // namespace
}  // namespace consim::paxos_test
