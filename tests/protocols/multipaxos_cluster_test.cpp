// Whole clusters on the in-memory driver: election, progress, failover and
// catch-up, restarts.
#include <catch2/catch.hpp>

#include <string>

#include "tests/protocols/multipaxos_harness.h"

namespace consim::test::mp {
namespace {

// Submits put(1, seq) to whoever leads until it is answered.
bool commit_one(MpCluster& c, uint64_t seq) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    if (!c.run_until([&] { return c.leader() != 0; })) return false;
    c.submit(c.leader(), request(put(1, seq, "k", "v" + std::to_string(seq))));
    const Time deadline = c.now() + Duration::ms(1000);
    if (c.run_until([&] { return !c.ok_replies(1, seq).empty() || c.now() > deadline; }) &&
        !c.ok_replies(1, seq).empty())
      return true;
  }
  return false;
}

TEST_CASE("Multi-Paxos cluster of 1 commits on its own") {
  MpCluster c(1, MultiPaxosConfig{});
  for (uint64_t seq = 1; seq <= 5; ++seq) REQUIRE(commit_one(c, seq));
  CHECK(c.node(1)->status().last_applied == 5);
}

TEST_CASE("Multi-Paxos cluster of 3 elects one leader and every node applies the same commands") {
  MpCluster c(3, MultiPaxosConfig{});
  for (uint64_t seq = 1; seq <= 20; ++seq) REQUIRE(commit_one(c, seq));
  c.run_for(Duration::ms(300));
  CHECK(c.converged_at(20));
  const NodeStatus l = c.node(c.leader())->status();
  for (NodeId id = 1; id <= 3; ++id) {
    CHECK(c.node(id)->status().term == l.term);
    CHECK(c.node(id)->status().leader == c.leader());
  }
}

TEST_CASE("Multi-Paxos cluster of 5 survives the leader's isolation - a new leader takes over and the old one catches up") {
  MpCluster c(5, MultiPaxosConfig{});
  for (uint64_t seq = 1; seq <= 10; ++seq) REQUIRE(commit_one(c, seq));
  const NodeId old = c.leader();
  c.isolate(old);
  REQUIRE(c.run_until([&] {
    for (NodeId id = 1; id <= 5; ++id)
      if (id != old && c.node(id)->status().role == Role::kLeader) return true;
    return false;
  }));
  for (uint64_t seq = 11; seq <= 20; ++seq) {
    bool done = false;
    for (int attempt = 0; attempt < 20 && !done; ++attempt) {
      NodeId l = 0;
      for (NodeId id = 1; id <= 5; ++id)
        if (id != old && c.node(id)->status().role == Role::kLeader) l = id;
      if (l == 0) {
        c.run_for(Duration::ms(100));
        continue;
      }
      c.submit(l, request(put(1, seq, "k", "v" + std::to_string(seq))));
      const Time deadline = c.now() + Duration::ms(1000);
      c.run_until([&] { return !c.ok_replies(1, seq).empty() || c.now() > deadline; });
      done = !c.ok_replies(1, seq).empty();
    }
    REQUIRE(done);
  }
  c.heal();
  c.run_for(Duration::ms(2000));
  const uint64_t last = c.node(c.leader())->status().last_applied;
  CHECK(last >= 20);
  CHECK(c.converged_at(last));
}

TEST_CASE("Multi-Paxos cluster of 3 - a crashed follower restarts and relearns the decided slots it forgot") {
  MpCluster c(3, MultiPaxosConfig{});
  for (uint64_t seq = 1; seq <= 10; ++seq) REQUIRE(commit_one(c, seq));
  const NodeId follower = c.leader() == 1 ? 2 : 1;
  c.crash(follower);
  for (uint64_t seq = 11; seq <= 15; ++seq) REQUIRE(commit_one(c, seq));
  c.restart(follower);
  CHECK(c.node(follower)->status().last_applied == 0);  // decisions are volatile
  c.run_for(Duration::ms(1000));
  const uint64_t last = c.node(c.leader())->status().last_applied;
  CHECK(last >= 15);
  CHECK(c.converged_at(last));
}

TEST_CASE("Multi-Paxos cluster of 3 - every node restarted keeps every chosen command") {
  MpCluster c(3, MultiPaxosConfig{});
  for (uint64_t seq = 1; seq <= 10; ++seq) REQUIRE(commit_one(c, seq));
  c.run_for(Duration::ms(300));
  REQUIRE(c.converged_at(10));
  const std::vector<FakeContext::Applied> before = c.ctx(1).applied;
  for (NodeId id = 1; id <= 3; ++id) c.crash(id);
  for (NodeId id = 1; id <= 3; ++id) c.restart(id);
  REQUIRE(commit_one(c, 11));
  c.run_for(Duration::ms(500));
  const uint64_t last = c.node(c.leader())->status().last_applied;
  CHECK(last >= 11);
  CHECK(c.converged_at(last));
  // The restarted nodes relearned the same commands in the same slots.
  const std::vector<FakeContext::Applied>& after = c.ctx(1).applied;
  REQUIRE(after.size() >= before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    CHECK(after[i].index == before[i].index);
    CHECK(after[i].command == before[i].command);
  }
}

}  // namespace
}  // namespace consim::test::mp
