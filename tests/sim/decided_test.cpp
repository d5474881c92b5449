// The `decided` expectation (scenarios/README.md) on real Basic Paxos runs: every
// up node has learned the chosen value of every instance a client proposed to.
#include <catch2/catch.hpp>

#include "sim/engine.h"

namespace consim {
namespace {

Scenario registers(int keys) {
  Scenario s;
  s.protocol = Protocol::kBasicPaxos;
  s.config = BasicPaxosConfig{};
  s.nodes = 5;
  s.duration = Duration::ms(3000);
  Workload w;
  w.clients = 3;
  w.keys = keys;
  w.stop = Time::from_us(2'000'000);
  s.workload = w;
  return s;
}

const ExpectationResult& only(const Summary& s) {
  REQUIRE(s.expectations.size() == 1);
  return s.expectations[0];
}

TEST_CASE("decided holds once every up node learned every proposed instance", "[engine][decided]") {
  Scenario s = registers(6);
  s.expect.push_back(DecidedExpect{Time::from_us(2'900'000)});
  const Summary sum = run_scenario(s, {});
  INFO(only(sum).detail);
  CHECK(only(sum).ok);
  CHECK_THAT(only(sum).detail, Catch::Contains("every up node learned the same 6 instances (6 proposed)"));
  CHECK(sum.stats.entries_committed == 6);  // an instance counts once, when first learned
}

TEST_CASE("decided fails while a minority cannot learn and names what each node learned", "[engine][decided]") {
  Scenario s = registers(6);
  // Nodes 4 and 5 are cut off for good: they learn nothing after 100 ms.
  PartitionFault p;
  PartitionGroup a, b;
  a.members = {NodeRef{NodeRef::Kind::kId, 1}, NodeRef{NodeRef::Kind::kId, 2}, NodeRef{NodeRef::Kind::kId, 3}};
  b.members = {NodeRef{NodeRef::Kind::kId, 4}, NodeRef{NodeRef::Kind::kId, 5}};
  p.groups = {a, b};
  s.faults.push_back(Fault{Time::zero(), p});
  s.expect.push_back(DecidedExpect{Time::from_us(2'900'000)});
  const Summary sum = run_scenario(s, {});
  INFO(only(sum).detail);
  CHECK_FALSE(only(sum).ok);
  CHECK_THAT(only(sum).detail, Catch::StartsWith("up nodes learned different instances") &&
                                   Catch::Contains("node 4: 0") && Catch::Contains("node 1: 6"));
  CHECK_FALSE(sum.pass);
}

TEST_CASE("decided fails when no instance a client proposed to was chosen", "[engine][decided]") {
  Scenario s = registers(3);
  s.faults.push_back(Fault{Time::zero(), IsolateFault{NodeRef{NodeRef::Kind::kId, 1}}});
  s.faults.push_back(Fault{Time::zero(), IsolateFault{NodeRef{NodeRef::Kind::kId, 2}}});
  s.faults.push_back(Fault{Time::zero(), IsolateFault{NodeRef{NodeRef::Kind::kId, 3}}});
  s.expect.push_back(DecidedExpect{Time::from_us(2'900'000)});
  const Summary sum = run_scenario(s, {});
  INFO(only(sum).detail);
  CHECK_FALSE(only(sum).ok);
  CHECK_THAT(only(sum).detail, Catch::StartsWith("up nodes learned 0 instances, but clients proposed to "));
  CHECK(sum.stats.entries_committed == 0);
}

}  // namespace
}  // namespace consim
