// Basic Paxos test fixtures: one node on a FakeContext (PaxosSolo) and a
// small in-memory cluster (PaxosCluster), with the same delivery rules as
// ClusterDriver (FIFO, instant; when idle, time jumps to the earliest timer,
// lowest node id first on ties), which builds Raft nodes only.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "protocols/paxos/ballot.h"
#include "protocols/paxos/instance.h"
#include "protocols/paxos/node.h"
#include "tests/protocols/fake_context.h"

namespace consim::paxos_test {

using test::FakeContext;

inline BugSet bugs_with(Bug b) {
  BugSet s;
  s.enable(b);
  return s;
}

inline Command append(ClientId client, uint64_t seq, std::string key, std::string value) {
  Command c = test::put(client, seq, std::move(key), std::move(value));
  c.op = OpType::kAppend;
  return c;
}

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

class PaxosCluster {
 public:
  explicit PaxosCluster(int nodes, BugSet bugs = BugSet{}, BasicPaxosConfig config = BasicPaxosConfig{})
      : config_(config) {
    for (NodeId id = 1; id <= nodes; ++id) {
      auto ctx = std::make_unique<FakeContext>(id, nodes, 1000 + static_cast<uint64_t>(id));
      ctx->bugs = bugs;
      ctxs_.push_back(std::move(ctx));
      nodes_.push_back(nullptr);
    }
    incarnation_.assign(nodes_.size(), 0);
    for (NodeId id = 1; id <= nodes; ++id) boot(id);
  }

  int size() const { return static_cast<int>(nodes_.size()); }
  paxos::PaxosNode* node(NodeId id) { return nodes_[idx(id)].get(); }
  FakeContext& ctx(NodeId id) { return *ctxs_[idx(id)]; }
  Time now() const { return now_; }

  bool step() {
    collect();
    if (!fifo_.empty()) {
      Pending p = std::move(fifo_.front());
      fifo_.pop_front();
      Node* n = node(p.to);
      if (n == nullptr || p.incarnation != incarnation_[idx(p.to)]) return true;
      if (p.message) {
        if (!cut_.count({p.from, p.to})) n->on_message(ctx(p.to), p.from, *p.message);
      } else {
        ctx(p.to).complete_sync(*n, p.sync);
      }
      return true;
    }
    std::optional<std::pair<Time, NodeId>> best;
    int kind = 0;
    for (NodeId id = 1; id <= size(); ++id) {
      if (node(id) == nullptr) continue;
      ctx(id).prune_timers();
      for (const auto& t : ctx(id).timers) {
        if (t.cancelled || t.fired) continue;
        if (!best || t.due < best->first) {
          best = std::make_pair(t.due, id);
          kind = t.kind;
        }
      }
    }
    if (!best) return false;
    now_ = std::max(now_, best->first);
    for (auto& c : ctxs_) c->set_now(now_);
    ctx(best->second).fire(*node(best->second), kind);
    return true;
  }

  bool run_until(const std::function<bool()>& done, int max_steps = 200000) {
    for (int i = 0; i < max_steps; ++i) {
      if (done()) return true;
      if (!step()) return done();
    }
    return done();
  }
  // Runs until nothing is left to do (every timer idle), or max_steps.
  bool run_to_quiet(int max_steps = 200000) {
    for (int i = 0; i < max_steps; ++i)
      if (!step()) return true;
    return false;
  }

  void submit(NodeId to, const Command& c) {
    if (node(to) != nullptr) node(to)->on_client_request(ctx(to), test::request(c));
  }
  std::vector<ClientReply> ok_replies(ClientId client, uint64_t seq) const {
    std::vector<ClientReply> out;
    for (const auto& c : ctxs_)
      for (const auto& r : c->replies)
        if (r.ok && r.client == client && r.seq == seq) out.push_back(r);
    return out;
  }
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

  void cut(NodeId a, NodeId b) {
    cut_.insert({a, b});
    cut_.insert({b, a});
  }
  void isolate(NodeId a) {
    for (NodeId b = 1; b <= size(); ++b)
      if (b != a) cut(a, b);
  }
  void heal() { cut_.clear(); }

  void crash(NodeId id) {
    nodes_[idx(id)].reset();
    ++incarnation_[idx(id)];
    ctx(id).crash();
  }
  void restart(NodeId id) {
    ctx(id).timers.clear();
    boot(id);
  }

 private:
  struct Pending {
    NodeId from = 0;
    NodeId to = 0;
    MessagePtr message;
    FakeContext::SyncStarted sync{};
    uint64_t incarnation = 0;
  };

  static size_t idx(NodeId id) { return static_cast<size_t>(id - 1); }

  void boot(NodeId id) {
    nodes_[idx(id)] = make_paxos_node(id, size(), config_);
    ctx(id).set_now(now_);
    nodes_[idx(id)]->boot(ctx(id), ctx(id).durable_journal());
  }

  void collect() {
    for (NodeId id = 1; id <= size(); ++id) {
      FakeContext& c = ctx(id);
      for (auto& s : c.sent) {
        Pending p;
        p.from = id;
        p.to = s.to;
        p.message = std::move(s.message);
        p.incarnation = incarnation_[idx(s.to)];
        fifo_.push_back(std::move(p));
      }
      c.sent.clear();
      for (const auto& s : c.syncs_started) {
        Pending p;
        p.to = id;
        p.sync = s;
        p.incarnation = incarnation_[idx(id)];
        fifo_.push_back(std::move(p));
      }
      c.syncs_started.clear();
    }
  }

  BasicPaxosConfig config_;
  std::vector<std::unique_ptr<FakeContext>> ctxs_;
  std::vector<std::unique_ptr<paxos::PaxosNode>> nodes_;
  std::vector<uint64_t> incarnation_;
  std::deque<Pending> fifo_;
  std::set<std::pair<NodeId, NodeId>> cut_;
  Time now_ = Time::zero();
};

}  // namespace consim::paxos_test
