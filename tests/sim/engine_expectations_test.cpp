// Expectations through the engine (scenarios/README.md, `expect`): window counts
// of messages, elections and commits, and the leader_at / no_leader_at rule,
// on echo clusters whose counts are known in advance. Node 1 (when it is the
// echo leader) reports RoleChanged(leader) at every boot; every node
// recognizes it in status().
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/sim/support/echo_scenario.h"

namespace consim::test {
namespace {

EchoKnobs ticks_every_100() {
  EchoKnobs k;
  k.tick = Duration::ms(100);
  return k;
}

std::string describe(const std::vector<ExpectationResult>& results) {
  std::string out;
  for (const auto& e : results) out += std::string(expectation_kind_name(e.kind)) + (e.ok ? " ok: " : " FAILED: ") + e.detail + "\n";
  return out;
}

TEST_CASE("a messages window counts every send in it - both ends included", "[engine][expect]") {
  // Three nodes, each sending two pings at every multiple of 100 ms: 6 per tick.
  EchoWorld::get().reset(3, ticks_every_100());
  Scenario s = echo_scenario(3, 1000);
  s.expect.push_back(MessagesExpect{ms(150), ms(450), 18});
  s.expect.push_back(MessagesExpect{ms(200), ms(400), 17});
  s.expect.push_back(MessagesExpect{ms(0), ms(99), 0});
  s.expect.push_back(MessagesExpect{ms(1000), ms(1000), 6});  // sent, even if never delivered
  s.expect.push_back(MessagesExpect{ms(601), ms(700), 6});
  // Messages a cut loses at send still count as sent.
  add_fault(s, 550, CutFault{node(1), node(2), true});
  EchoRun r = run_echo(s);
  const auto& e = r.summary.expectations;
  INFO(describe(e));
  REQUIRE(e.size() == 5);
  CHECK(e[0].ok);
  CHECK(e[0].detail == "18 messages sent in 150..450 ms (expected <= 18)");
  CHECK_FALSE(e[1].ok);
  CHECK(e[1].detail == "18 messages sent in 200..400 ms (expected <= 17)");
  CHECK(e[2].ok);
  CHECK(e[3].ok);
  CHECK(e[4].ok);
  CHECK_FALSE(r.summary.pass);
  CHECK(r.summary.stats.messages_sent == 60);
}

TEST_CASE("an elections window counts the nodes that became leader in it", "[engine][expect]") {
  EchoWorld::get().reset(3, ticks_every_100(), 1);
  Scenario s = echo_scenario(3, 1000);
  add_fault(s, 500, CrashFault{node(1)});
  add_fault(s, 600, RestartFault{node(1)});  // reports leadership again
  s.expect.push_back(ElectionsExpect{ms(0), ms(0), 1});
  s.expect.push_back(ElectionsExpect{ms(1), ms(599), 0});
  s.expect.push_back(ElectionsExpect{ms(550), ms(650), 1});
  s.expect.push_back(ElectionsExpect{ms(0), ms(1000), 1});
  EchoRun r = run_echo(s);
  const auto& e = r.summary.expectations;
  INFO(describe(e));
  REQUIRE(e.size() == 4);
  CHECK(e[0].ok);
  CHECK(e[1].ok);
  CHECK(e[2].ok);
  CHECK_FALSE(e[3].ok);
  CHECK(e[3].detail == "2 leaders elected in 0..1000 ms (expected <= 1)");
  CHECK(r.summary.stats.leaders_elected == 2);
}

TEST_CASE("a commits window counts indexes first committed cluster-wide in it", "[engine][expect]") {
  // Nodes 1 and 2 report CommitAdvanced(k) at their k-th tick; the same index
  // from a second node is not a new commit. Node 1 restarts with its
  // counter, so its first commit after the restart is a new index.
  EchoWorld::get().reset(3, ticks_every_100(), 1);
  EchoWorld::get().knobs(1).report_commits = true;
  EchoWorld::get().knobs(2).report_commits = true;
  Scenario s = echo_scenario(3, 1000);
  add_fault(s, 250, CrashFault{node(1)});
  add_fault(s, 260, RestartFault{node(1)});
  s.expect.push_back(CommitsExpect{ms(150), ms(450), 3, 3});
  s.expect.push_back(CommitsExpect{ms(100), ms(100), 1, 1});
  s.expect.push_back(CommitsExpect{ms(0), ms(1000), std::nullopt, 9});
  s.expect.push_back(CommitsExpect{ms(0), ms(1000), 11, std::nullopt});
  EchoRun r = run_echo(s);
  const auto& e = r.summary.expectations;
  INFO(describe(e));
  REQUIRE(e.size() == 4);
  // Node 2 ticks 100..1000 (indexes 1..10); node 1 restarts at 260 with
  // counter 2 and reaches 3 at 360, after node 2 did at 300.
  CHECK(e[0].ok);
  CHECK(e[0].detail == "3 committed in 150..450 ms (expected 3..3)");
  CHECK(e[1].ok);
  CHECK_FALSE(e[2].ok);
  CHECK(e[2].detail == "10 committed in 0..1000 ms (expected <= 9)");
  CHECK_FALSE(e[3].ok);
  CHECK(e[3].detail == "10 committed in 0..1000 ms (expected >= 11)");
  CHECK(r.summary.stats.entries_committed == 10);
}

TEST_CASE("leader_at and no_leader_at follow reachability - liveness and recognition", "[engine][expect]") {
  EchoWorld::get().reset(3, ticks_every_100(), 1);
  Scenario s = echo_scenario(3, 1000);
  add_fault(s, 300, IsolateFault{node(1)});
  add_fault(s, 400, HealFault{});
  add_fault(s, 500, CutFault{node(1), node(2), false});  // one direction is enough to lose node 2
  add_fault(s, 600, CrashFault{node(3)});
  add_fault(s, 700, HealFault{});
  s.expect.push_back(LeaderAtExpect{ms(250)});
  s.expect.push_back(NoLeaderAtExpect{ms(300)});  // the fault at the same time comes first
  s.expect.push_back(LeaderAtExpect{ms(350)});
  s.expect.push_back(LeaderAtExpect{ms(450)});
  s.expect.push_back(LeaderAtExpect{ms(550)});
  s.expect.push_back(NoLeaderAtExpect{ms(650)});
  s.expect.push_back(LeaderAtExpect{ms(750)});
  s.expect.push_back(NoLeaderAtExpect{ms(2000)});
  EchoRun r = run_echo(s);
  const auto& e = r.summary.expectations;
  INFO(describe(e));
  REQUIRE(e.size() == 8);
  CHECK(e[0].ok);
  CHECK(e[0].detail == "node 1 leader of term 1 at 250 ms (3 of 3 nodes agree)");
  CHECK(e[1].ok);
  CHECK_FALSE(e[2].ok);
  CHECK(e[2].detail == "no leader recognized by a majority at 350 ms");
  CHECK(e[3].ok);
  CHECK(e[4].ok);
  CHECK(e[4].detail == "node 1 leader of term 1 at 550 ms (2 of 3 nodes agree)");
  CHECK(e[5].ok);
  CHECK(e[6].ok);
  CHECK(e[6].detail == "node 1 leader of term 1 at 750 ms (2 of 3 nodes agree)");
  CHECK_FALSE(e[7].ok);
  CHECK(e[7].detail == "the run ended before its time");
}

TEST_CASE("without a leader - no_leader_at holds and leader_at does not", "[engine][expect]") {
  EchoWorld::get().reset(3, ticks_every_100(), 0);
  Scenario s = echo_scenario(3, 500);
  s.expect.push_back(NoLeaderAtExpect{ms(100)});
  s.expect.push_back(LeaderAtExpect{ms(200)});
  EchoRun r = run_echo(s);
  const auto& e = r.summary.expectations;
  REQUIRE(e.size() == 2);
  CHECK(e[0].ok);
  CHECK_FALSE(e[1].ok);
  CHECK_FALSE(r.summary.pass);
}

TEST_CASE("client_ok counts the requests answered ok", "[engine][expect]") {
  EchoWorld::get().reset(3, ticks_every_100());
  Scenario s = echo_scenario(3, 1000);
  Workload w;
  w.clients = 2;
  w.think = {Duration::ms(0), Duration::ms(0)};
  w.max_requests = 12;
  s.workload = w;
  s.expect.push_back(ClientOkExpect{12, std::nullopt, std::nullopt});
  s.expect.push_back(ClientOkExpect{13, std::nullopt, std::nullopt});
  s.expect.push_back(ClientOkExpect{2, ms(0), ms(100)});  // each client's first answer comes at 100 ms
  EchoRun r = run_echo(s);
  const auto& e = r.summary.expectations;
  INFO(describe(e));
  REQUIRE(e.size() == 3);
  CHECK(e[0].ok);
  CHECK_FALSE(e[1].ok);
  CHECK(e[2].ok);
  CHECK(r.summary.stats.client_ok == 12);
  // The answers carry the node's counter at the time of the request.
  for (const auto& op : r.engine->history()) CHECK_FALSE(op.result.empty());
}

}  // namespace
}  // namespace consim::test
