// Basic Paxos test fixtures: one node on a FakeContext (PaxosSolo) and a
// small in-memory cluster (PaxosCluster, on cluster_driver.h's Cluster).
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "protocols/paxos/ballot.h"
#include "protocols/paxos/instance.h"
#include "protocols/paxos/node.h"
#include "tests/protocols/cluster_driver.h"
#include "tests/protocols/fake_context.h"

namespace consim::paxos_test {

using test::FakeContext;

using test::append;
using test::with_bug;

inline paxos::Value value_of(Command c) { return paxos::make_value(std::move(c)); }

// Every message of type T the node sent, with its destination.
template <typename T>
std::vector<std::pair<NodeId, T>> sent_of(const FakeContext& ctx) {
  std::vector<std::pair<NodeId, T>> out;
  for (const auto& s : ctx.sent) {
    const auto& m = static_cast<const paxos::PaxosMessage&>(*s.message);
    if (const T* x = std::get_if<T>(&m.payload())) out.emplace_back(s.to, *x);
  }
  return out;
}

template <typename T>
std::optional<T> last_sent_to(const FakeContext& ctx, NodeId to) {
  for (auto it = ctx.sent.rbegin(); it != ctx.sent.rend(); ++it) {
    if (it->to != to) continue;
    const auto& m = static_cast<const paxos::PaxosMessage&>(*it->message);
    if (const T* x = std::get_if<T>(&m.payload())) return *x;
  }
  return std::nullopt;
}

template <typename T>
std::vector<T> records_of(const FakeContext& ctx) {
  std::vector<T> out;
  for (const auto& r : ctx.journal)
    if (const T* x = std::get_if<T>(&static_cast<const paxos::PaxosRecord&>(*r).body())) out.push_back(*x);
  return out;
}

inline std::unique_ptr<paxos::PaxosNode> make_paxos_node(NodeId id, int nodes, BasicPaxosConfig config) {
  return std::make_unique<paxos::PaxosNode>(id, nodes, config);
}

struct PaxosSolo {
  explicit PaxosSolo(NodeId id = 1, int nodes = 3, BugSet bugs = BugSet{}, BasicPaxosConfig config = BasicPaxosConfig{})
      : ctx(id, nodes), node(make_paxos_node(id, nodes, config)), id_(id), nodes_(nodes), config_(config) {
    ctx.bugs = bugs;
    node->boot(ctx, ctx.durable_journal());
  }

  template <typename T>
  void deliver(NodeId from, T body) {
    node->on_message(ctx, from, *paxos::make_message(std::move(body)));
  }
  void request(Command c) { node->on_client_request(ctx, test::request(std::move(c))); }
  void sync() { ctx.complete_syncs(*node); }
  bool fire(int kind) { return ctx.fire(*node, kind); }
  NodeStatus status() const { return node->status(); }

  template <typename T>
  std::vector<std::pair<NodeId, T>> sent() const {
    return sent_of<T>(ctx);
  }
  template <typename T>
  std::optional<T> last_to(NodeId to) const {
    return last_sent_to<T>(ctx, to);
  }
  // The ballot of the Prepare this node sent last (0 if none).
  uint64_t last_prepare_ballot() const {
    const auto prepares = sent<paxos::Prepare>();
    return prepares.empty() ? 0 : prepares.back().second.ballot;
  }

  // The crashed node's synced journal booted into a fresh node.
  void crash_and_restart() {
    ctx.crash();
    node = make_paxos_node(id_, nodes_, config_);
    node->boot(ctx, ctx.durable_journal());
  }

  FakeContext ctx;
  std::unique_ptr<paxos::PaxosNode> node;

 private:
  NodeId id_;
  int nodes_;
  BasicPaxosConfig config_;
};

// A small Basic Paxos cluster (cluster_driver.h has the delivery rules).
class PaxosCluster : public test::Cluster<paxos::PaxosNode, BasicPaxosConfig> {
 public:
  explicit PaxosCluster(int nodes, BugSet bugs = BugSet{}, BasicPaxosConfig config = BasicPaxosConfig{})
      : Cluster(nodes, config, bugs, &make_paxos_node) {}

  using Cluster::submit;
  void submit(NodeId to, const Command& c) { submit(to, test::request(c)); }
  // The digest this node learned for the instance (nullopt if none).
  std::optional<uint64_t> learned(NodeId id, uint64_t instance) {
    if (node(id) == nullptr) return std::nullopt;
    const paxos::Value* v = node(id)->learned_value(instance);
    return v ? std::optional<uint64_t>(v->digest) : std::nullopt;
  }
  bool all_learned(uint64_t instance) {
    for (NodeId id = 1; id <= size(); ++id)
      if (node(id) != nullptr && !learned(id, instance)) return false;
    return true;
  }
};

}  // namespace consim::paxos_test
