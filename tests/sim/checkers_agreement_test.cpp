// agreement (the README's "Checkers and injected bugs"): at most one value is chosen per instance or
// slot, where chosen means accepted by a majority of acceptors in one ballot
// ("Paxos Made Simple" 2.2), and every value a node learns is that one.
#include <string>

#include <catch2/catch.hpp>

#include "sim/checkers/agreement.h"
#include "sim/checkers/chosen_tally.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

constexpr uint64_t ballot(uint64_t round, NodeId node) { return round * 256 + static_cast<uint64_t>(node); }

Command value(const char* v) {
  Command c;
  c.op = OpType::kPut;
  c.client = 1;
  c.seq = 1;
  c.key = "k1";
  c.value = v;
  return c;
}

TEST_CASE("agreement: one value chosen and learned by all is fine", "[checkers][agreement]") {
  CheckerHarness h(make_agreement_checker(3));
  for (NodeId n : {1, 2, 3}) h.accepted(n, 1, ballot(1, 1), value("a"));
  // A later ballot may re-propose the chosen value (P2b): still one value.
  for (NodeId n : {2, 3}) h.accepted(n, 1, ballot(2, 2), value("a"));
  for (NodeId n : {1, 2, 3}) h.learned(n, 1, value("a"));
  // Other instances are independent.
  for (NodeId n : {1, 2}) h.accepted(n, 2, ballot(1, 3), value("b"));
  CHECK(h.violations().empty());
}

TEST_CASE("agreement: a minority acceptance of another value is not a choice", "[checkers][agreement]") {
  CheckerHarness h(make_agreement_checker(5));
  for (NodeId n : {1, 2, 3}) h.accepted(n, 1, ballot(1, 1), value("a"));
  h.accepted(4, 1, ballot(1, 2), value("b"));
  h.accepted(5, 1, ballot(1, 2), value("b"));
  CHECK(h.violations().empty());
}

TEST_CASE("agreement fires when two majorities choose different values in one instance", "[checkers][agreement]") {
  CheckerHarness h(make_agreement_checker(3));
  h.at_ms(10);
  h.accepted(1, 4, ballot(1, 1), value("a"));
  h.accepted(2, 4, ballot(1, 1), value("a"));  // "a" chosen in ballot 1.1
  h.at_ms(20);
  h.accepted(3, 4, ballot(2, 3), value("b"));
  h.accepted(2, 4, ballot(2, 3), value("b"));  // "b" chosen in ballot 2.3
  REQUIRE(h.violations().size() == 1);
  const Violation& v = h.violations()[0];
  CHECK(v.invariant == Invariant::kAgreement);
  CHECK(v.time == Time::from_us(20'000));
  CHECK(v.nodes == std::vector<NodeId>{1, 2, 3});  // both majorities
  CHECK_THAT(v.detail, Catch::Contains("instance 4") && Catch::Contains("ballot 1.1 by nodes 1 and 2") &&
                           Catch::Contains("ballot 2.3 by nodes 2 and 3"));
  // Reported once per instance.
  h.accepted(1, 4, ballot(2, 3), value("b"));
  CHECK(h.violations().size() == 1);
}

TEST_CASE("agreement evidence names the commands clients sent", "[checkers][agreement]") {
  CheckerHarness h(make_agreement_checker(3));
  Command b = value("c2-5");
  b.client = 2;
  b.seq = 5;
  h.proposed(value("c1-1"));
  h.proposed(b);
  h.accepted(1, 4, ballot(1, 1), value("c1-1"));
  h.accepted(2, 4, ballot(1, 1), value("c1-1"));
  h.accepted(3, 4, ballot(2, 3), b);
  h.accepted(2, 4, ballot(2, 3), b);
  REQUIRE(h.violations().size() == 1);
  const std::string& detail = h.violations()[0].detail;
  CHECK_THAT(detail, Catch::Contains("put k1=c1-1 (client 1, seq 1) [digest ") &&
                         Catch::Contains("put k1=c2-5 (client 2, seq 5) [digest "));
  // A value no client sent is named as such, by its digest.
  CheckerHarness unsent(make_agreement_checker(3));
  unsent.proposed(value("a"));
  unsent.learned(1, 2, value("a"));
  unsent.learned(2, 2, value("forged"));
  REQUIRE(unsent.violations().size() == 1);
  CHECK_THAT(unsent.violations()[0].detail,
             Catch::Contains("put k1=a (client 1, seq 1)") && Catch::Contains("a value no client sent [digest "));
}

TEST_CASE("agreement fires when a node learns a value other than the chosen one", "[checkers][agreement]") {
  CheckerHarness h(make_agreement_checker(3));
  h.learned(1, 9, value("a"));  // e.g. paxos.minority-accept: one acceptance taken as a choice
  h.accepted(2, 9, ballot(2, 2), value("b"));
  h.accepted(3, 9, ballot(2, 2), value("b"));
  REQUIRE(h.violations().size() == 1);
  CHECK(h.violations()[0].invariant == Invariant::kAgreement);
  CHECK_THAT(h.violations()[0].detail, Catch::Contains("learned by node 1"));
}

TEST_CASE("agreement counts each acceptor once however often it reports", "[checkers][agreement]") {
  CheckerHarness h(make_agreement_checker(5));
  for (int i = 0; i < 4; ++i) h.accepted(1, 1, ballot(1, 1), value("a"));
  h.accepted(2, 1, ballot(1, 1), value("a"));  // two of five: not chosen
  for (NodeId n : {3, 4, 5}) h.accepted(n, 1, ballot(2, 3), value("b"));
  CHECK(h.violations().empty());
}

TEST_CASE("agreement keeps acceptances across crashes because acceptor state is durable", "[checkers][agreement]") {
  CheckerHarness h(make_agreement_checker(3));
  h.accepted(1, 1, ballot(1, 1), value("a"));
  h.crash(1);
  h.accepted(2, 1, ballot(1, 1), value("a"));
  h.learned(3, 1, value("b"));
  CHECK(h.count(Invariant::kAgreement) == 1);
}

TEST_CASE("agreement forgets slots below every node's snapshot", "[checkers][agreement]") {
  CheckerHarness h(make_agreement_checker(3));
  h.learned(1, 5, value("a"));
  for (NodeId n : {1, 2, 3}) h.snapshot(n, 10, 0, false);
  h.learned(2, 5, value("b"));  // below the floor: no record, no report
  h.learned(2, 11, value("b"));
  h.learned(3, 11, value("c"));
  CHECK(h.count(Invariant::kAgreement) == 1);
}

TEST_CASE("describe_ballot shows round and node", "[checkers][agreement]") {
  CHECK(describe_ballot(ballot(7, 3)) == "7.3");
  CHECK(describe_acceptors(0b1011) == "nodes 1, 2 and 4");
  CHECK(describe_acceptors(uint64_t{1} << 63) == "node 64");
}

}  // namespace
}  // namespace consim::testing
