// state_machine_safety: no two nodes apply different commands at one index
// (the README's "Checkers and injected bugs"; Raft paper, Figure 3 "State Machine Safety").
#include <catch2/catch.hpp>

#include <string>

#include "sim/checkers/evidence.h"
#include "sim/checkers/state_machine_safety.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

CheckerHarness state_machine_safety(int nodes = 5) { return CheckerHarness(make_state_machine_safety_checker(nodes)); }

Command put(std::string key, std::string value, ClientId client, uint64_t seq) {
  Command c;
  c.op = OpType::kPut;
  c.client = client;
  c.seq = seq;
  c.key = std::move(key);
  c.value = std::move(value);
  return c;
}

TEST_CASE("state_machine_safety fires when nodes 2 and 4 apply different commands at index 7",
          "[checkers][state_machine_safety]") {
  auto h = state_machine_safety();
  const Command first = put("x", "c1-5", 1, 5);
  const Command second = put("x", "c2-9", 2, 9);
  h.at_ms(10).apply(4, 7, first);
  h.at_ms(20).apply(2, 7, second);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  const Violation& v = h.violations()[0];
  CHECK(v.invariant == Invariant::kStateMachineSafety);
  CHECK(v.time == Time::from_us(20'000));
  CHECK(v.nodes == std::vector<NodeId>{2, 4});
  CHECK(v.detail == "nodes 2 and 4 applied different commands at index 7: node 2 applied put x=c2-9 (client 2, "
                    "seq 9) with digest " + hex64(second.digest()) +
                        ", node 4 applied put x=c1-5 (client 1, seq 5) with digest " + hex64(first.digest()));
  // The same evidence again is not news.
  h.apply(2, 7, second);
  h.apply(3, 7, second);
  CHECK(h.violations().size() == 1);
}

TEST_CASE("state_machine_safety is quiet when a restarted node re-applies the same entries",
          "[checkers][state_machine_safety]") {
  auto h = state_machine_safety(3);
  for (NodeId n : {1, 2, 3})
    for (uint64_t i = 1; i <= 6; ++i) h.apply(n, i, 1);
  h.crash(2);
  for (uint64_t i = 1; i <= 6; ++i) h.apply(2, i, 1);  // replayed from the log after boot
  CHECK(h.violations().empty());
  // After a restart the same node applying something else is a violation
  // (raft.apply-uncommitted: entry 7 was never committed, and got replaced).
  h.apply(3, 7, 1);
  h.crash(3);
  for (uint64_t i = 1; i <= 6; ++i) h.apply(3, i, 1);
  h.apply(3, 7, 2);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  CHECK(h.violations()[0].nodes == std::vector<NodeId>{3});
  CHECK(h.violations()[0].detail.rfind("node 3 applied different commands at index 7: first put ", 0) == 0);
}

TEST_CASE("state_machine_safety reports a run of divergent indexes once", "[checkers][state_machine_safety]") {
  auto h = state_machine_safety(3);
  for (uint64_t i = 10; i <= 12; ++i) h.apply(1, i, 1);
  // raft.apply-uncommitted: node 3 applied entries that were later overwritten.
  for (uint64_t i = 10; i <= 12; ++i) h.apply(3, i, 2);
  CHECK(h.violations().size() == 1);
  h.crash(3);
  for (uint64_t i = 10; i <= 12; ++i) h.apply(3, i, 2);
  CHECK(h.violations().size() == 1);
  // A later, separate divergence between the same nodes is reported again.
  h.apply(1, 20, 1);
  h.apply(3, 20, 2);
  INFO(render(h.violations()));
  CHECK(h.violations().size() == 2);
}

TEST_CASE("state_machine_safety keeps checking above the snapshot floor", "[checkers][state_machine_safety]") {
  auto h = state_machine_safety(3);
  // Many indexes and snapshots, so old records and descriptions are dropped.
  for (uint64_t i = 1; i <= 5000; ++i) {
    for (NodeId n : {1, 2, 3}) h.apply(n, i, 1);
    if (i % 500 == 0)
      for (NodeId n : {1, 2, 3}) h.snapshot(n, i - 100, 1, false);
  }
  // A node restarts from its snapshot and replays what follows it.
  h.crash(1);
  for (uint64_t i = 4901; i <= 5000; ++i) h.apply(1, i, 1);
  CHECK(h.violations().empty());
  h.apply(2, 5001, 1);
  h.apply(3, 5001, 2);
  INFO(render(h.violations()));
  REQUIRE(h.violations().size() == 1);
  const Command one = entry_command(5001, 1);
  const Command two = entry_command(5001, 2);
  CHECK(h.violations()[0].detail == "nodes 2 and 3 applied different commands at index 5001: node 2 applied " +
                                        describe(one) + " with digest " + hex64(one.digest()) + ", node 3 applied " +
                                        describe(two) + " with digest " + hex64(two.digest()));
}

TEST_CASE("state_machine_safety checks Multi-Paxos slots from 0", "[checkers][state_machine_safety]") {
  CheckerHarness h(make_state_machine_safety_checker(3));
  h.apply(1, 0, 1);
  h.apply(2, 0, 1);
  CHECK(h.violations().empty());
  h.apply(3, 0, 2);
  CHECK(h.count(Invariant::kStateMachineSafety) == 1);
}

}  // namespace
}  // namespace consim::testing
