// Each injected paxos.* bug (the README's "Checkers and injected bugs") changes exactly the behaviour
// it names; the correct path is shown next to it.
#include <catch2/catch.hpp>

#include "tests/protocols/paxos_harness.h"

namespace consim::paxos_test {
namespace {

using paxos::Accept;
using paxos::Accepted;
using paxos::make_ballot;
using paxos::Nack;
using paxos::Prepare;
using paxos::Promise;
using paxos::Value;

constexpr uint64_t kInstance = 4;
const char* const kKey = "k4";

TEST_CASE("paxos.minority-accept: one acceptance makes a value chosen", "[paxos]") {
  auto learned_after_own_acceptance = [](BugSet bugs) {
    PaxosSolo n(1, 5, bugs);
    n.request(test::put(1, 1, kKey, "mine"));
    n.sync();
    const uint64_t b = n.last_prepare_ballot();
    n.deliver(2, Promise{kInstance, b, 0, Value{}});
    n.deliver(3, Promise{kInstance, b, 0, Value{}});
    n.sync();  // only its own acceptor has accepted
    return n.node->learned_value(kInstance) != nullptr && !n.ctx.observed<ValueLearned>().empty();
  };
  CHECK_FALSE(learned_after_own_acceptance(BugSet{}));
  CHECK(learned_after_own_acceptance(with_bug(Bug::kPaxosMinorityAccept)));
}

TEST_CASE("paxos.minority-accept: a proposer cut off in phase 2 and the majority answer different values", "[paxos]") {
  auto answers = [](BugSet bugs) {
    PaxosCluster c(3, bugs);
    // Node 1 completes phase 1 and accepts its own proposal; its Accepts to
    // the others are lost when it is cut off.
    c.submit(1, test::put(1, 1, "k1", "alone"));
    REQUIRE(c.run_until([&] {
      const paxos::AcceptorState* a = c.node(1)->acceptor_state(1);
      return a && a->accepted_ballot != 0;
    }));
    c.isolate(1);
    c.submit(2, test::put(2, 1, "k1", "majority"));
    c.run_until([&] { return !c.ok_replies(2, 1).empty() && c.now() > Time::zero() + Duration::ms(1000); });
    std::vector<std::string> out;
    for (ClientId client = 1; client <= 2; ++client)
      for (const ClientReply& r : c.ok_replies(client, 1)) out.push_back(r.value);
    return out;
  };
  CHECK(answers(BugSet{}) == std::vector<std::string>{"majority"});
  CHECK(answers(with_bug(Bug::kPaxosMinorityAccept)) == std::vector<std::string>{"alone", "majority"});
}

TEST_CASE("paxos.first-promise-value: the first promise's value is adopted even when it carries none", "[paxos]") {
  const Value low = value_of(test::put(2, 1, kKey, "low"));
  const Value high = value_of(test::put(3, 1, kKey, "high"));
  const Value mine = value_of(test::put(1, 1, kKey, "mine"));
  // Node 1's own promise comes first: empty when its acceptor accepted
  // nothing, "low" when it accepted that.
  auto adopted = [&](BugSet bugs, bool own_accepted_low) {
    PaxosSolo n(1, 5, bugs);
    n.deliver(5, Prepare{kInstance, make_ballot(3, 5)});
    n.sync();
    if (own_accepted_low) {
      n.deliver(5, Accept{kInstance, make_ballot(3, 5), low});
      n.sync();
    }
    n.ctx.advance(Duration::ms(1000));
    n.request(test::put(1, 1, kKey, "mine"));
    n.sync();
    const uint64_t b = n.last_prepare_ballot();
    n.deliver(3, Promise{kInstance, b, make_ballot(4, 3), high});
    n.deliver(2, Promise{kInstance, b, 0, Value{}});
    const auto accept = n.last_to<Accept>(4);
    REQUIRE(accept);
    return accept->value.digest;
  };
  CHECK(adopted(BugSet{}, false) == high.digest);
  CHECK(adopted(BugSet{}, true) == high.digest);
  CHECK(adopted(with_bug(Bug::kPaxosFirstPromiseValue), false) == mine.digest);
  CHECK(adopted(with_bug(Bug::kPaxosFirstPromiseValue), true) == low.digest);
}

TEST_CASE("paxos.accept-below-promise: an Accept below the promise is accepted", "[paxos]") {
  const Value v = value_of(test::put(3, 1, kKey, "v"));
  auto accepts_low = [&](BugSet bugs) {
    PaxosSolo n(1, 3, bugs);
    n.deliver(2, Prepare{kInstance, make_ballot(5, 2)});
    n.sync();
    n.deliver(3, Accept{kInstance, make_ballot(4, 3), v});
    n.sync();
    const bool accepted = n.last_to<Accepted>(3).has_value();
    CHECK(accepted != n.last_to<Nack>(3).has_value());
    // The promise itself is unchanged either way.
    CHECK(n.node->acceptor_state(kInstance)->promised_ballot == make_ballot(5, 2));
    return accepted && n.node->acceptor_state(kInstance)->accepted_ballot == make_ballot(4, 3);
  };
  CHECK_FALSE(accepts_low(BugSet{}));
  CHECK(accepts_low(with_bug(Bug::kPaxosAcceptBelowPromise)));
  // A Prepare below the promise is still refused.
  PaxosSolo n(1, 3, with_bug(Bug::kPaxosAcceptBelowPromise));
  n.deliver(2, Prepare{kInstance, make_ballot(5, 2)});
  n.deliver(3, Prepare{kInstance, make_ballot(4, 3)});
  CHECK(n.last_to<Nack>(3));
}

}  // namespace
}  // namespace consim::paxos_test
