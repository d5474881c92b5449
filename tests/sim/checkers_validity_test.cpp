// validity (the README's "Checkers and injected bugs"): only a value some client proposed may be
// chosen, learned or applied ("Paxos Made Simple" 2.1); a Multi-Paxos
// leader's no-op is allowed ("Paxos Made Moderately Complex" 3).
#include <catch2/catch.hpp>

#include "sim/checkers/validity.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

Command put(const char* v, uint64_t seq) {
  Command c;
  c.op = OpType::kPut;
  c.client = 2;
  c.seq = seq;
  c.key = "k1";
  c.value = v;
  return c;
}

TEST_CASE("validity: proposed values and no-ops may be chosen learned and applied", "[checkers][validity]") {
  CheckerHarness h(make_validity_checker(3));
  const Command a = put("a", 1);
  const Command noop;
  h.proposed(a);
  for (NodeId n : {1, 2, 3}) h.accepted(n, 1, 0x101, a);
  h.learned(1, 1, a);
  h.apply(1, 1, a);
  for (NodeId n : {1, 2}) h.accepted(n, 2, 0x101, noop);
  h.apply(2, 2, noop);
  CHECK(h.violations().empty());
}

TEST_CASE("validity: an invented value accepted by a minority is not yet a violation", "[checkers][validity]") {
  CheckerHarness h(make_validity_checker(5));
  h.accepted(1, 1, 0x101, put("invented", 9));
  h.accepted(2, 1, 0x101, put("invented", 9));
  CHECK(h.violations().empty());
  h.accepted(3, 1, 0x101, put("invented", 9));  // now chosen
  REQUIRE(h.violations().size() == 1);
  CHECK(h.violations()[0].invariant == Invariant::kValidity);
  CHECK_THAT(h.violations()[0].detail, Catch::Contains("chosen in ballot 1.1 by nodes 1, 2 and 3"));
}

TEST_CASE("validity fires on a learned or applied value no client proposed", "[checkers][validity]") {
  CheckerHarness h(make_validity_checker(3));
  h.proposed(put("a", 1));
  h.at_ms(5);
  h.learned(2, 1, put("a", 2));  // same value, different request: a different command
  h.apply(3, 4, put("b", 3));
  REQUIRE(h.violations().size() == 2);
  CHECK(h.violations()[0].nodes == std::vector<NodeId>{2});
  CHECK_THAT(h.violations()[0].detail, Catch::Contains("learned by node 2") && Catch::Contains("no client proposed"));
  CHECK_THAT(h.violations()[1].detail, Catch::Contains("applied by node 3 as put k1=b"));
  // Each (instance, value) is reported once.
  h.learned(3, 1, put("a", 2));
  CHECK(h.violations().size() == 2);
}

}  // namespace
}  // namespace consim::testing
