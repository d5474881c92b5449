// Whole clusters on the in-memory driver: elections, commits, reads, leader
// changes, crashes and snapshots end to end, without the engine.
#include <catch2/catch.hpp>

#include <string>

#include "tests/protocols/cluster_driver.h"

namespace consim::test {
namespace {

// Sends (client, seq) to the leader, following redirections, until some node
// answers it successfully. Returns the answer's value.
std::string perform(ClusterDriver& c, Command command) {
  const ClientId client = command.client;
  const uint64_t seq = command.seq;
  for (int attempt = 0; attempt < 20; ++attempt) {
    REQUIRE(c.run_until([&] { return c.leader() != 0; }));
    c.submit(c.leader(), request(command));
    const Time deadline = c.now() + Duration::ms(300);
    if (c.run_until([&] { return !c.ok_replies(client, seq).empty() || c.now() > deadline; }) &&
        !c.ok_replies(client, seq).empty())
      return c.ok_replies(client, seq).front().value;
  }
  FAIL("no answer for client " << client << " seq " << seq);
  return {};
}

// Every up node has applied the same commands up to the same index.
void require_converged(ClusterDriver& c) {
  c.run_for(Duration::ms(500));
  std::optional<NodeStatus> first;
  for (NodeId id = 1; id <= c.size(); ++id) {
    if (c.node(id) == nullptr) continue;
    const NodeStatus s = c.node(id)->status();
    if (!first) first = s;
    INFO("node " << id);
    CHECK(s.last_applied == first->last_applied);
    CHECK(s.applied_digest == first->applied_digest);
  }
}

// At most one leader per term, as seen in what the nodes reported.
void require_one_leader_per_term(ClusterDriver& c) {
  std::map<uint64_t, NodeId> leaders;
  for (NodeId id = 1; id <= c.size(); ++id) {
    for (const auto& r : c.ctx(id).observed<RoleChanged>()) {
      if (r.role != Role::kLeader) continue;
      auto [it, fresh] = leaders.emplace(r.term, id);
      INFO("term " << r.term);
      CHECK((fresh || it->second == id));
    }
  }
}

TEST_CASE("Cluster of 3 elects a leader and commits entries") {
  ClusterDriver c(3, RaftConfig{});
  REQUIRE(c.run_until([&] { return c.leader() != 0; }));
  for (uint64_t seq = 1; seq <= 20; ++seq)
    CHECK(perform(c, put(1, seq, "k", "v" + std::to_string(seq))) == "v" + std::to_string(seq));
  CHECK(perform(c, get(1, 21, "k")) == "v20");
  require_converged(c);
  CHECK(c.node(1)->status().last_applied >= 21);  // the no-op and 20 puts
  require_one_leader_per_term(c);
}

TEST_CASE("Cluster of 5 elects a leader and commits entries") {
  ClusterDriver c(5, RaftConfig{});
  REQUIRE(c.run_until([&] { return c.leader() != 0; }));
  for (uint64_t seq = 1; seq <= 30; ++seq) perform(c, put(static_cast<ClientId>(1 + seq % 3), seq, "k", "x"));
  require_converged(c);
  const NodeId l = c.leader();
  for (NodeId id = 1; id <= 5; ++id) CHECK(c.node(id)->status().leader == l);
  require_one_leader_per_term(c);
}

TEST_CASE("Cluster of 1 commits on its own") {
  ClusterDriver c(1, RaftConfig{});
  CHECK(perform(c, put(1, 1, "k", "v")) == "v");
  CHECK(perform(c, get(1, 2, "k")) == "v");
}

TEST_CASE("Cluster of 5 survives the leader's isolation - a new leader takes over and the old one catches up") {
  RaftConfig config;
  config.pre_vote = GENERATE(false, true);
  config.check_quorum = GENERATE(false, true);
  ClusterDriver c(5, config);
  for (uint64_t seq = 1; seq <= 5; ++seq) perform(c, put(1, seq, "k", std::to_string(seq)));
  const NodeId old_leader = c.leader();
  const uint64_t old_term = c.node(old_leader)->status().term;
  c.isolate(old_leader);
  REQUIRE(c.run_until([&] {
    const NodeId l = c.leader();
    return l != 0 && l != old_leader;
  }));
  for (uint64_t seq = 6; seq <= 10; ++seq) perform(c, put(1, seq, "k", std::to_string(seq)));
  c.heal();
  c.run_for(Duration::ms(1000));
  CHECK(c.node(old_leader)->status().role == Role::kFollower);
  CHECK(c.node(old_leader)->status().term > old_term);
  require_converged(c);
  require_one_leader_per_term(c);
}

TEST_CASE("Cluster of 3 with snapshots keeps logs bounded and catches up a crashed node") {
  RaftConfig config;
  config.snapshot_threshold = 10;
  ClusterDriver c(3, config);
  REQUIRE(c.run_until([&] { return c.leader() != 0; }));
  const NodeId victim = c.leader() == 3 ? 2 : 3;
  c.crash(victim);
  for (uint64_t seq = 1; seq <= 60; ++seq) perform(c, put(1, seq, "k" + std::to_string(seq % 4), "v"));
  for (NodeId id = 1; id <= 3; ++id)
    if (c.node(id) != nullptr) CHECK(c.node(id)->status().log_entries <= 12);
  c.restart(victim);
  require_converged(c);
  CHECK(c.node(victim)->status().last_applied >= 61);
  CHECK_FALSE(c.ctx(victim).observed<SnapshotTaken>().empty());
  for (uint64_t seq = 61; seq <= 65; ++seq) perform(c, put(1, seq, "k", "w"));
  require_converged(c);
}

TEST_CASE("Cluster of 5 with every node restarted keeps its committed entries") {
  ClusterDriver c(5, RaftConfig{});
  for (uint64_t seq = 1; seq <= 10; ++seq) perform(c, put(1, seq, "k", std::to_string(seq)));
  for (NodeId id = 1; id <= 5; ++id) c.crash(id);
  for (NodeId id = 1; id <= 5; ++id) c.restart(id);
  // A retry of the last request is answered with its first result, not
  // appended again: the new leader finds it in its log.
  CHECK(perform(c, put(1, 10, "k", "10")) == "10");
  CHECK(perform(c, get(1, 11, "k")) == "10");
  require_converged(c);
  CHECK(c.node(1)->status().last_applied == 12);  // two no-ops and 10 puts: none twice
}

}  // namespace
}  // namespace consim::test
