// Multi-Paxos test helpers: one node on a FakeContext (MpSolo) with
// shortcuts for the steps rule tests start from, and a small in-memory
// cluster (MpCluster, on cluster_driver.h's Cluster).
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "protocols/multipaxos/ballot.h"
#include "protocols/multipaxos/messages.h"
#include "protocols/multipaxos/node.h"
#include "protocols/multipaxos/records.h"
#include "tests/protocols/cluster_driver.h"
#include "tests/protocols/fake_context.h"

namespace consim::test::mp {

using namespace consim::multipaxos;

inline std::unique_ptr<MultiPaxosNode> make_mp_node(NodeId id, int nodes, MultiPaxosConfig config = {}) {
  return std::make_unique<MultiPaxosNode>(id, nodes, config);
}

template <typename T>
MessagePtr mp_msg(T body) {
  return make_message(std::move(body));
}

// Every message of type T the context sent, with its destination.
template <typename T>
std::vector<std::pair<NodeId, T>> sent_of(const FakeContext& ctx) {
  std::vector<std::pair<NodeId, T>> out;
  for (const auto& s : ctx.sent) {
    const auto& m = static_cast<const MultiPaxosMessage&>(*s.message);
    if (const T* body = std::get_if<T>(&m.payload())) out.emplace_back(s.to, *body);
  }
  return out;
}

template <typename T>
std::optional<T> last_sent_to(const FakeContext& ctx, NodeId to) {
  for (auto it = ctx.sent.rbegin(); it != ctx.sent.rend(); ++it) {
    if (it->to != to) continue;
    const auto& m = static_cast<const MultiPaxosMessage&>(*it->message);
    if (const T* body = std::get_if<T>(&m.payload())) return *body;
  }
  return std::nullopt;
}

template <typename T>
std::vector<T> records_of(const std::vector<RecordPtr>& journal) {
  std::vector<T> out;
  for (const auto& r : journal)
    if (const T* x = std::get_if<T>(&static_cast<const MultiPaxosRecord&>(*r).body())) out.push_back(*x);
  return out;
}

inline ProposalBatch proposals(std::vector<Command> commands) {
  std::vector<Proposal> out;
  for (auto& c : commands) out.push_back(make_proposal(std::move(c)));
  return make_batch(std::move(out));
}

inline PValue pvalue(uint64_t slot, uint64_t ballot, Command c) { return PValue{slot, ballot, make_proposal(std::move(c))}; }

// One node on a FakeContext.
struct MpSolo {
  explicit MpSolo(NodeId id = 1, int nodes = 3, MultiPaxosConfig config = {}, BugSet bugs = {},
                  std::vector<RecordPtr> journal = {})
      : ctx(id, nodes), node(make_mp_node(id, nodes, config)), id_(id), nodes_(nodes), config_(config) {
    ctx.bugs = bugs;
    ctx.journal = journal;
    ctx.durable = journal.size();
    node->boot(ctx, journal);
  }

  template <typename T>
  void deliver(NodeId from, T body) {
    node->on_message(ctx, from, *mp_msg(std::move(body)));
  }
  void sync() { ctx.complete_syncs(*node); }
  NodeStatus status() const { return node->status(); }
  Role role() const { return node->status().role; }
  uint64_t ballot() const { return node->status().term; }

  // Fires the leader timer until the node leaves the follower role (the
  // lazily re-armed deadline may take more than one firing).
  void time_out() {
    for (int i = 0; i < 10 && role() == Role::kFollower; ++i)
      if (!ctx.fire(*node, kLeaderTimer)) break;
  }

  // Leader timeout, own promise synced, a promise from every peer with no
  // pvalues: an adopted leader.
  void win_phase1() {
    time_out();
    REQUIRE(role() == Role::kCandidate);
    sync();
    for (NodeId p = 1; p <= nodes_; ++p) {
      if (p == id_ || role() != Role::kCandidate) continue;
      const auto p1a = last_sent_to<P1a>(ctx, p);
      REQUIRE(p1a.has_value());
      deliver(p, P1b{p1a->ballot, p1a->ballot, p1a->from_slot, {}, nullptr});
    }
    REQUIRE(role() == Role::kLeader);
  }

  // The crashed node's synced journal booted into a fresh node.
  void crash_and_restart() {
    ctx.crash();
    node = make_mp_node(id_, nodes_, config_);
    node->boot(ctx, ctx.durable_journal());
  }

  FakeContext ctx;
  std::unique_ptr<MultiPaxosNode> node;

 private:
  NodeId id_;
  int nodes_;
  MultiPaxosConfig config_;
};

// A small cluster of Multi-Paxos nodes (cluster_driver.h has the rules).
class MpCluster : public Cluster<MultiPaxosNode, MultiPaxosConfig> {
 public:
  MpCluster(int nodes, MultiPaxosConfig config, BugSet bugs = {})
      : Cluster(nodes, config, bugs, &make_mp_node, 2000) {}

  // Every up node applied the same commands through `slot`.
  bool converged_at(uint64_t slot) {
    std::optional<NodeStatus> first;
    for (NodeId id = 1; id <= size(); ++id) {
      if (node(id) == nullptr) continue;
      const NodeStatus s = node(id)->status();
      if (s.last_applied != slot) return false;
      if (!first) first = s;
      else if (s.applied_digest != first->applied_digest) return false;
    }
    return true;
  }
};

}  // namespace consim::test::mp
