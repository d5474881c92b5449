// Clients of the write-once registers (scenarios/README.md, basic-paxos): every
// operation is answered with the value its instance chose; a get proposes
// nothing.
#include <catch2/catch.hpp>

#include "tests/protocols/paxos_harness.h"

namespace consim::paxos_test {
namespace {

using paxos::Accept;
using paxos::Accepted;
using paxos::Chosen;
using paxos::ChosenAck;
using paxos::make_ballot;
using paxos::Prepare;
using paxos::Promise;
using paxos::Value;

constexpr uint64_t kInstance = 4;
const char* const kKey = "k4";

// Node 1 of 3 after its acceptor promised (3, 3): its next ballot is (4, 1).
PaxosSolo node_behind_ballot_3() {
  PaxosSolo n(1, 3);
  n.deliver(3, Prepare{kInstance, make_ballot(3, 3)});
  n.sync();
  n.ctx.advance(Duration::ms(1000));  // that proposer has gone quiet
  n.ctx.clear_outputs();
  return n;
}

TEST_CASE("paxos: a get on an unlearned instance with nothing accepted answers empty", "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::get(1, 1, kKey));
  n.sync();
  const uint64_t b = n.last_prepare_ballot();
  n.deliver(2, Promise{kInstance, b, 0, Value{}});
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].ok);
  CHECK(n.ctx.replies[0].value.empty());
  CHECK(n.sent<Accept>().empty());
  CHECK(n.status().last_applied == 0);
  CHECK_FALSE(n.ctx.pending_timer(paxos::kRoundTimer));
}

TEST_CASE("paxos: a get on an unlearned instance finishes phase 2 with an accepted value", "[paxos]") {
  PaxosSolo n = node_behind_ballot_3();
  const Value other = value_of(test::put(7, 1, kKey, "other"));
  n.request(test::get(1, 1, kKey));
  n.sync();
  const uint64_t b = n.last_prepare_ballot();
  REQUIRE(b == make_ballot(4, 1));
  n.deliver(2, Promise{kInstance, b, make_ballot(2, 2), other});
  const auto accept = n.last_to<Accept>(2);
  REQUIRE(accept);
  CHECK(accept->value.digest == other.digest);
  n.sync();
  n.deliver(2, Accepted{kInstance, b});
  n.sync();
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].value == "other");
}

TEST_CASE("paxos: a get that arrives during phase 1 is answered empty only by a round begun after it", "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::get(1, 1, kKey));
  n.request(test::get(2, 1, kKey));
  n.sync();
  const uint64_t first = n.last_prepare_ballot();
  n.deliver(2, Promise{kInstance, first, 0, Value{}});
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].client == 1);
  n.sync();
  const uint64_t second = n.last_prepare_ballot();
  REQUIRE(second > first);
  n.deliver(2, Promise{kInstance, second, 0, Value{}});
  REQUIRE(n.ctx.replies.size() == 2);
  CHECK(n.ctx.replies[1].client == 2);
  CHECK(n.ctx.replies[1].value.empty());
}

TEST_CASE("paxos: a put that loses is answered with the value chosen", "[paxos]") {
  PaxosSolo n = node_behind_ballot_3();
  const Value other = value_of(test::put(7, 1, kKey, "other"));
  n.request(test::put(1, 1, kKey, "mine"));
  n.sync();
  const uint64_t b = n.last_prepare_ballot();
  n.deliver(2, Promise{kInstance, b, make_ballot(2, 2), other});
  n.sync();
  n.deliver(2, Accepted{kInstance, b});
  n.sync();
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].ok);
  CHECK(n.ctx.replies[0].value == "other");
}

TEST_CASE("paxos: every request waiting on an instance is answered and a learned instance answers at once",
          "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::put(1, 1, kKey, "first"));
  n.request(test::get(2, 1, kKey));
  n.request(test::put(3, 1, kKey, "second"));
  n.sync();
  const uint64_t b = n.last_prepare_ballot();
  n.deliver(2, Promise{kInstance, b, 0, Value{}});
  REQUIRE(n.last_to<Accept>(2));
  CHECK(n.last_to<Accept>(2)->value.digest == test::put(1, 1, kKey, "first").digest());
  n.sync();
  n.deliver(3, Accepted{kInstance, b});
  n.sync();
  REQUIRE(n.ctx.replies.size() == 3);
  for (const ClientReply& r : n.ctx.replies) CHECK(r.value == "first");

  n.request(append(4, 1, kKey, "late"));
  REQUIRE(n.ctx.replies.size() == 4);
  CHECK(n.ctx.replies[3].client == 4);
  CHECK(n.ctx.replies[3].value == "first");
  CHECK(n.sent<Prepare>().size() == 2);  // no new round
}

TEST_CASE("paxos: a retried request waits once and a stale copy is ignored", "[paxos]") {
  PaxosSolo n(1, 3);
  n.request(test::put(1, 2, kKey, "v2"));
  n.request(test::put(1, 2, kKey, "v2"));
  n.request(test::put(1, 1, kKey, "v1"));
  n.sync();
  const uint64_t b = n.last_prepare_ballot();
  n.deliver(2, Promise{kInstance, b, 0, Value{}});
  REQUIRE(n.last_to<Accept>(2));
  CHECK(n.last_to<Accept>(2)->value.digest == test::put(1, 2, kKey, "v2").digest());
  n.sync();
  n.deliver(2, Accepted{kInstance, b});
  n.sync();
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].seq == 2);
}

TEST_CASE("Paxos Made Simple 2.3: a learner acknowledges Chosen once its record is durable and passes it on",
          "[paxos]") {
  PaxosSolo n(1, 3);
  const Value v = value_of(test::put(7, 1, kKey, "v"));
  n.request(test::get(1, 1, kKey));
  n.ctx.clear_outputs();
  n.deliver(2, Chosen{kInstance, v});
  CHECK(n.ctx.observed<ValueLearned>().size() == 1);
  CHECK_FALSE(n.last_to<ChosenAck>(2));
  CHECK(n.ctx.replies.empty());
  n.sync();
  CHECK(n.last_to<ChosenAck>(2));
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].value == "v");
  // Node 2 has it; node 3 is told, again and again until it acknowledges.
  CHECK_FALSE(n.last_to<Chosen>(2));
  CHECK(n.last_to<Chosen>(3));
  n.ctx.clear_outputs();
  REQUIRE(n.fire(paxos::kChosenTimer));
  n.sync();
  CHECK(n.last_to<Chosen>(3));
  n.deliver(3, ChosenAck{kInstance});
  n.ctx.clear_outputs();
  if (n.fire(paxos::kChosenTimer)) n.sync();
  CHECK_FALSE(n.last_to<Chosen>(3));
  CHECK_FALSE(n.ctx.pending_timer(paxos::kChosenTimer));
}

TEST_CASE("paxos: a learned value survives a restart and is announced again", "[paxos]") {
  PaxosSolo n(1, 3);
  const Value v = value_of(test::put(7, 1, kKey, "v"));
  n.deliver(2, Chosen{kInstance, v});
  n.sync();
  n.crash_and_restart();
  REQUIRE(n.node->learned_value(kInstance) != nullptr);
  REQUIRE(n.ctx.observed<ValueLearned>().size() == 1);
  CHECK(n.ctx.observed<ValueLearned>()[0].digest == v.digest);
  CHECK(n.last_to<Chosen>(2));
  CHECK(n.last_to<Chosen>(3));
  n.request(test::get(1, 1, kKey));
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].value == "v");
}

TEST_CASE("paxos: an acceptor asked about an instance it learned tells the proposer the value", "[paxos]") {
  PaxosSolo n(1, 3);
  const Value v = value_of(test::put(7, 1, kKey, "v"));
  n.deliver(2, Chosen{kInstance, v});
  n.sync();
  n.ctx.clear_outputs();
  n.deliver(3, Prepare{kInstance, make_ballot(5, 3)});
  n.sync();
  CHECK(n.last_to<Promise>(3));
  REQUIRE(n.last_to<Chosen>(3));
  CHECK(n.last_to<Chosen>(3)->value.digest == v.digest);
}

TEST_CASE("paxos: status counts learned instances and does not depend on the order they were learned",
          "[paxos]") {
  const Value a = value_of(test::put(1, 1, "k1", "a"));
  const Value b = value_of(test::put(2, 1, "k2", "b"));
  PaxosSolo x(1, 3);
  PaxosSolo y(2, 3);
  CHECK(x.status().applied_digest == y.status().applied_digest);
  x.deliver(3, Chosen{1, a});
  x.deliver(3, Chosen{2, b});
  y.deliver(3, Chosen{2, b});
  CHECK(x.status().applied_digest != y.status().applied_digest);
  y.deliver(3, Chosen{1, a});
  CHECK(x.status().last_applied == 2);
  CHECK(y.status().last_applied == 2);
  CHECK(x.status().applied_digest == y.status().applied_digest);
  CHECK(x.status().role == Role::kFollower);
  CHECK(x.status().term == 0);
}

}  // namespace
}  // namespace consim::paxos_test
