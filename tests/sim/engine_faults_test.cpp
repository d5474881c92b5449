// Fault selectors and skipped faults (scenarios/README.md, `faults`): selectors
// resolve when the fault fires, pick up nodes, and inside one fault pick
// distinct nodes; a fault that does not apply is skipped, and the summary
// lists it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/sim/support/echo_scenario.h"

namespace consim::test {
namespace {

using K = NodeRef::Kind;

// How many other nodes each node can send to (index 0 unused).
std::vector<int> reach(const Network& net) {
  std::vector<int> out(static_cast<size_t>(net.nodes()) + 1, 0);
  for (NodeId a = 1; a <= net.nodes(); ++a)
    for (NodeId b = 1; b <= net.nodes(); ++b)
      if (a != b && net.link_up(a, b)) ++out[static_cast<size_t>(a)];
  return out;
}

std::vector<NodeId> down_nodes(Engine& e, int nodes) {
  std::vector<NodeId> out;
  for (NodeId n = 1; n <= nodes; ++n)
    if (e.node(n) == nullptr) out.push_back(n);
  return out;
}

TEST_CASE("selectors inside one fault pick distinct nodes", "[engine][faults]") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    EchoWorld::get().reset(5, EchoKnobs{}, 1);
    Scenario s = echo_scenario(5, 100, seed);
    add_fault(s, 10, PartitionFault{{group({selector(K::kRandom), selector(K::kRandom), selector(K::kRandom)}),
                                     rest()}});
    EchoRun r = run_echo(s);
    REQUIRE(r.summary.faults_skipped.empty());
    // A group of three and a group of two: three nodes reach two others, two reach one.
    std::vector<int> degrees = reach(r.engine->network());
    degrees.erase(degrees.begin());
    std::sort(degrees.begin(), degrees.end());
    CHECK(degrees == std::vector<int>{1, 1, 2, 2, 2});
  }
}

TEST_CASE("random selectors avoid the nodes a fault names by id", "[engine][faults]") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    EchoWorld::get().reset(3);
    Scenario s = echo_scenario(3, 100, seed);
    add_fault(s, 10, CutFault{node(2), selector(K::kRandom), true});
    add_fault(s, 20, PartitionFault{{group({selector(K::kRandom), node(1)}), group({node(3)})}});
    EchoRun r = run_echo(s);
    REQUIRE(r.summary.faults_skipped.empty());
    // The random member can only be node 2: {1, 2} and {3}.
    const Network& net = r.engine->network();
    CHECK(net.link_up(1, 2));
    CHECK_FALSE(net.link_up(1, 3));
    CHECK_FALSE(net.link_up(2, 3));
  }
}

TEST_CASE("random-follower never picks the leader", "[engine][faults]") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    EchoWorld::get().reset(4, EchoKnobs{}, 1);
    Scenario s = echo_scenario(4, 100, seed);
    add_fault(s, 10, CrashFault{selector(K::kRandomFollower)});
    add_fault(s, 20, CrashFault{selector(K::kRandomFollower)});
    add_fault(s, 30, CrashFault{selector(K::kRandomFollower)});
    add_fault(s, 40, CrashFault{selector(K::kRandomFollower)});  // only the leader is left
    EchoRun r = run_echo(s);
    CHECK(down_nodes(*r.engine, 4) == std::vector<NodeId>{2, 3, 4});
    REQUIRE(r.summary.faults_skipped.size() == 1);
    CHECK(r.summary.faults_skipped[0].at_ms == 40);
  }
}

TEST_CASE("random picks any up node - the leader included", "[engine][faults]") {
  std::vector<int> picked(4, 0);
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    EchoWorld::get().reset(3, EchoKnobs{}, 1);
    Scenario s = echo_scenario(3, 100, seed);
    add_fault(s, 10, CrashFault{node(2)});
    add_fault(s, 20, CrashFault{selector(K::kRandom)});
    EchoRun r = run_echo(s);
    const auto down = down_nodes(*r.engine, 3);
    REQUIRE(down.size() == 2);
    for (NodeId n : down)
      if (n != 2) ++picked[static_cast<size_t>(n)];
  }
  CHECK(picked[2] == 0);  // down already: never picked
  CHECK(picked[1] > 10);
  CHECK(picked[3] > 10);
}

TEST_CASE("the leader selector names the node that believes it leads", "[engine][faults]") {
  EchoWorld::get().reset(3, EchoKnobs{}, 2);
  Scenario s = echo_scenario(3, 100);
  add_fault(s, 10, PartitionFault{{group({selector(K::kLeader)}), rest()}});
  add_fault(s, 20, CrashFault{selector(K::kLeader)});
  add_fault(s, 30, CrashFault{selector(K::kLeader)});  // the leader is down now
  EchoRun r = run_echo(s);
  CHECK(down_nodes(*r.engine, 3) == std::vector<NodeId>{2});
  REQUIRE(r.summary.faults_skipped.size() == 1);
  CHECK(r.summary.faults_skipped[0].reason.find("no leader") != std::string::npos);
}

TEST_CASE("faults that do not apply are skipped and listed", "[engine][faults]") {
  EchoWorld::get().reset(3);
  Scenario s = echo_scenario(3, 1000);
  add_fault(s, 100, RestartFault{node(2)});                    // up: skipped
  add_fault(s, 200, CrashFault{node(2)});                      // applies
  add_fault(s, 300, CrashFault{node(2)});                      // down: skipped
  add_fault(s, 350, PauseFault{node(2), Duration::ms(10)});    // down: skipped
  add_fault(s, 400, RestartFault{node(2)});                    // applies
  add_fault(s, 500, RestartFault{selector(K::kAll)});          // nobody down: skipped
  add_fault(s, 600, CrashFault{selector(K::kLeader)});         // no leader: skipped
  add_fault(s, 700, CutFault{node(1), node(1), true});         // to itself: skipped
  EchoRun r = run_echo(s);
  CHECK(r.summary.pass);  // a skipped fault does not fail a run
  CHECK(r.summary.stats.crashes == 1);
  CHECK(r.summary.stats.restarts == 1);
  const auto& skipped = r.summary.faults_skipped;
  REQUIRE(skipped.size() == 6);
  CHECK(skipped[0].at_ms == 100);
  CHECK(skipped[0].type == "restart");
  CHECK(skipped[0].reason == "node 2 is already up");
  CHECK(skipped[1].at_ms == 300);
  CHECK(skipped[1].type == "crash");
  CHECK(skipped[1].reason == "node 2 is already down");
  CHECK(skipped[2].at_ms == 350);
  CHECK(skipped[2].type == "pause");
  CHECK(skipped[3].at_ms == 500);
  CHECK(skipped[3].type == "restart");
  CHECK(skipped[4].at_ms == 600);
  CHECK(skipped[4].type == "crash");
  CHECK(skipped[5].at_ms == 700);
  CHECK(skipped[5].type == "cut");
  CHECK(EchoWorld::get().log(2).boots.size() == 2);
}

TEST_CASE("a random selector with no up node is skipped", "[engine][faults]") {
  EchoWorld::get().reset(2);
  Scenario s = echo_scenario(2, 100);
  add_fault(s, 10, CrashFault{node(1)});
  add_fault(s, 10, CrashFault{node(2)});
  add_fault(s, 20, IsolateFault{selector(K::kRandom)});
  add_fault(s, 30, PauseFault{selector(K::kRandom), Duration::ms(5)});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.faults_skipped.size() == 2);
  for (const auto& f : r.summary.faults_skipped) CHECK(f.reason == "selector \"random\" found no up node");
}

TEST_CASE("faults at the same time run in file order", "[engine][faults]") {
  EchoWorld::get().reset(2);
  Scenario s = echo_scenario(2, 100);
  add_fault(s, 10, CrashFault{node(1)});
  add_fault(s, 10, RestartFault{node(1)});
  add_fault(s, 10, CrashFault{node(1)});
  EchoRun r = run_echo(s);
  CHECK(r.summary.faults_skipped.empty());
  CHECK(r.engine->node(1) == nullptr);
  CHECK(EchoWorld::get().log(1).boots.size() == 2);
}

}  // namespace
}  // namespace consim::test
