// One Raft node on a FakeContext, with shortcuts for the steps most rule
// tests start from (boot, win an election, deliver a message).
#pragma once

#include <catch2/catch.hpp>

#include "tests/protocols/fake_context.h"

namespace consim::test {

struct Solo {
  explicit Solo(NodeId id = 1, int nodes = 3, RaftConfig config = RaftConfig{}, BugSet bugs = BugSet{},
                std::vector<RecordPtr> journal = {})
      : ctx(id, nodes), node(make_node(id, nodes, config)), id_(id), nodes_(nodes), config_(config) {
    ctx.bugs = bugs;
    ctx.journal = journal;
    ctx.durable = journal.size();
    node->boot(ctx, journal);
  }

  template <typename T>
  void deliver(NodeId from, T body) {
    node->on_message(ctx, from, *msg(std::move(body)));
  }
  void sync() { ctx.complete_syncs(*node); }
  NodeStatus status() const { return node->status(); }
  uint64_t term() const { return node->status().term; }
  Role role() const { return node->status().role; }

  // Election timeout, term/vote synced, a grant from every peer: leader.
  void win_election() {
    ctx.time_out(*node);
    REQUIRE(role() == Role::kCandidate);
    sync();
    for (NodeId p = 1; p <= nodes_; ++p)
      if (p != id_) deliver(p, raft::RequestVoteReply{term(), true});
    REQUIRE(role() == Role::kLeader);
  }

  // The crashed node's synced journal booted into a fresh node.
  void crash_and_restart() {
    ctx.crash();
    node = make_node(id_, nodes_, config_);
    node->boot(ctx, ctx.durable_journal());
  }

  FakeContext ctx;
  std::unique_ptr<raft::RaftNode> node;

 private:
  NodeId id_;
  int nodes_;
  RaftConfig config_;
};

}  // namespace consim::test
