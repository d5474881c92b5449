// Whole clusters of Basic Paxos nodes on the in-memory driver: liveness once
// the proposers stop colliding, and learners catching up after partitions
// and crashes.
#include <catch2/catch.hpp>

#include "tests/protocols/paxos_harness.h"

namespace consim::paxos_test {
namespace {

TEST_CASE("Paxos Made Simple 2.4: duelling proposers eventually choose one value", "[paxos]") {
  for (int nodes : {3, 5}) {
    INFO(nodes << " nodes");
    PaxosCluster c(nodes);
    for (NodeId id = 1; id <= 3; ++id) c.submit(id, test::put(id, 1, "k1", "v" + std::to_string(id)));
    REQUIRE(c.run_until([&] {
      for (ClientId client = 1; client <= 3; ++client)
        if (c.ok_replies(client, 1).empty()) return false;
      return c.all_learned(1);
    }));
    const std::string chosen = c.ok_replies(1, 1)[0].value;
    for (ClientId client = 1; client <= 3; ++client)
      for (const ClientReply& r : c.ok_replies(client, 1)) CHECK(r.value == chosen);
    for (NodeId id = 2; id <= nodes; ++id) CHECK(c.learned(id, 1) == c.learned(1, 1));
    // Once every node acknowledged the value, nothing is left to do.
    CHECK(c.run_to_quiet());
  }
}

TEST_CASE("paxos: concurrent gets and puts on several keys all complete", "[paxos]") {
  PaxosCluster c(5);
  for (NodeId id = 1; id <= 5; ++id) {
    const ClientId client = id;
    const std::string key = "k" + std::to_string(1 + id % 2);
    if (id % 3 == 0) c.submit(id, test::get(client, 1, key));
    else c.submit(id, test::put(client, 1, key, "v" + std::to_string(id)));
  }
  REQUIRE(c.run_until([&] {
    for (ClientId client = 1; client <= 5; ++client)
      if (c.ok_replies(client, 1).empty()) return false;
    return true;
  }));
  REQUIRE(c.run_to_quiet());
  for (NodeId id = 2; id <= 5; ++id) {
    CHECK(c.node(id)->status().last_applied == c.node(1)->status().last_applied);
    CHECK(c.node(id)->status().applied_digest == c.node(1)->status().applied_digest);
  }
}

TEST_CASE("paxos: a node cut off during the decision learns it once the partition heals", "[paxos]") {
  PaxosCluster c(3);
  c.isolate(3);
  c.submit(1, test::put(1, 1, "k2", "a"));
  REQUIRE(c.run_until([&] { return !c.ok_replies(1, 1).empty() && c.learned(2, 2).has_value(); }));
  c.run_until([&] { return c.now() > Time::zero() + Duration::ms(500); });
  CHECK_FALSE(c.learned(3, 2));
  c.heal();
  REQUIRE(c.run_until([&] { return c.all_learned(2); }));
  CHECK(c.learned(3, 2) == c.learned(1, 2));
  CHECK(c.run_to_quiet());
}

TEST_CASE("paxos: a node down during the decision learns it after its restart", "[paxos]") {
  PaxosCluster c(3);
  c.crash(3);
  c.submit(1, test::put(1, 1, "k2", "a"));
  REQUIRE(c.run_until([&] { return !c.ok_replies(1, 1).empty() && c.learned(2, 2).has_value(); }));
  c.restart(3);
  REQUIRE(c.run_until([&] { return c.all_learned(2); }));
  CHECK(c.learned(3, 2) == c.learned(1, 2));
}

TEST_CASE("Paxos Made Simple 2.2: a value accepted by a majority is the one the next proposer finds", "[paxos]") {
  PaxosCluster c(3);
  c.submit(1, test::put(1, 1, "k1", "a"));
  // Nodes 2 and 3 accept node 1's proposal; node 1 crashes before it hears so.
  REQUIRE(c.run_until([&] {
    const paxos::AcceptorState* a2 = c.node(2)->acceptor_state(1);
    const paxos::AcceptorState* a3 = c.node(3)->acceptor_state(1);
    return a2 && a3 && a2->accepted_ballot != 0 && a3->accepted_ballot != 0;
  }));
  c.crash(1);
  CHECK_FALSE(c.learned(2, 1));
  c.submit(2, test::put(2, 1, "k1", "b"));
  REQUIRE(c.run_until([&] { return !c.ok_replies(2, 1).empty(); }));
  CHECK(c.ok_replies(2, 1)[0].value == "a");
  c.restart(1);
  REQUIRE(c.run_until([&] { return c.all_learned(1); }));
  CHECK(c.learned(1, 1) == c.learned(2, 1));
}

TEST_CASE("paxos: a chosen value outlives a crash of every node", "[paxos]") {
  PaxosCluster c(3);
  c.submit(1, test::put(1, 1, "k1", "a"));
  REQUIRE(c.run_until([&] { return !c.ok_replies(1, 1).empty(); }));
  for (NodeId id = 1; id <= 3; ++id) c.crash(id);
  for (NodeId id = 1; id <= 3; ++id) c.restart(id);
  c.submit(3, test::put(3, 1, "k1", "c"));
  c.submit(2, test::get(2, 1, "k1"));
  REQUIRE(c.run_until([&] { return !c.ok_replies(3, 1).empty() && !c.ok_replies(2, 1).empty(); }));
  CHECK(c.ok_replies(3, 1)[0].value == "a");
  CHECK(c.ok_replies(2, 1)[0].value == "a");
}

}  // namespace
}  // namespace consim::paxos_test
