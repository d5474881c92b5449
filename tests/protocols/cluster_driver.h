// A small in-memory cluster for protocol tests, independent of the engine:
// messages and finished syncs are delivered instantly, one at a time, in the
// order they were produced (FIFO); when none is pending, simulated time jumps
// to the earliest timer (ties: lowest node id) and fires it. Links can be cut
// and nodes crashed and restarted. Deterministic by construction. One
// template serves every protocol (Cluster); ClusterDriver is Raft's, and
// paxos_harness.h and multipaxos_harness.h add their protocol's views.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "tests/protocols/fake_context.h"

namespace consim::test {

template <typename NodeT, typename ConfigT>
class Cluster {
 public:
  using Factory = std::unique_ptr<NodeT> (*)(NodeId id, int nodes, ConfigT config);

  // `rng_base`: node N's context draws from seed rng_base + N.
  Cluster(int nodes, ConfigT config, BugSet bugs, Factory make, uint64_t rng_base = 1000)
      : config_(config), make_(make) {
    for (NodeId id = 1; id <= nodes; ++id) {
      auto ctx = std::make_unique<FakeContext>(id, nodes, rng_base + static_cast<uint64_t>(id));
      ctx->bugs = bugs;
      ctxs_.push_back(std::move(ctx));
      nodes_.push_back(nullptr);
    }
    incarnation_.assign(nodes_.size(), 0);
    for (NodeId id = 1; id <= nodes; ++id) boot(id);
  }

  int size() const { return static_cast<int>(nodes_.size()); }
  NodeT* node(NodeId id) { return nodes_[idx(id)].get(); }
  FakeContext& ctx(NodeId id) { return *ctxs_[idx(id)]; }
  Time now() const { return now_; }

  // One input to one node. Returns false if nothing is left to do.
  bool step() {
    collect();
    if (!fifo_.empty()) {
      Pending p = std::move(fifo_.front());
      fifo_.pop_front();
      Node* n = node(p.to);
      // Lost: the node is down, or crashed since this was sent or started.
      if (n == nullptr || p.incarnation != incarnation_[idx(p.to)]) return true;
      if (p.message) {
        if (!cut_.count({p.from, p.to})) n->on_message(ctx(p.to), p.from, *p.message);
      } else {
        ctx(p.to).complete_sync(*n, p.sync);
      }
      return true;
    }
    // Earliest timer, lowest node id first on ties.
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

  // Steps until `done` holds; false if it did not within `max_steps`.
  bool run_until(const std::function<bool()>& done, int max_steps = 400000) {
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
  void run_for(Duration d) {
    const Time end = now_ + d;
    run_until([&] { return next_timer_after(end); });
  }

  // The up node that is leader in the highest term (ballot), if any.
  NodeId leader() {
    NodeId best = 0;
    uint64_t term = 0;
    for (NodeId id = 1; id <= size(); ++id) {
      if (node(id) == nullptr) continue;
      const NodeStatus s = node(id)->status();
      if (s.role == Role::kLeader && (best == 0 || s.term > term)) {
        best = id;
        term = s.term;
      }
    }
    return best;
  }

  void submit(NodeId to, const ClientRequest& r) {
    if (node(to) != nullptr) node(to)->on_client_request(ctx(to), r);
  }
  // Every ok reply any node gave for (client, seq).
  std::vector<ClientReply> ok_replies(ClientId client, uint64_t seq) const {
    std::vector<ClientReply> out;
    for (const auto& c : ctxs_)
      for (const auto& r : c->replies)
        if (r.ok && r.client == client && r.seq == seq) out.push_back(r);
    return out;
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
    MessagePtr message;  // null: a finished sync
    FakeContext::SyncStarted sync{};
    uint64_t incarnation = 0;
  };

  static size_t idx(NodeId id) { return static_cast<size_t>(id - 1); }

  void boot(NodeId id) {
    nodes_[idx(id)] = make_(id, size(), config_);
    ctx(id).set_now(now_);
    nodes_[idx(id)]->boot(ctx(id), ctx(id).durable_journal());
  }

  // Moves what nodes produced into the FIFO.
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

  bool next_timer_after(Time end) {
    collect();
    if (!fifo_.empty()) return false;
    for (NodeId id = 1; id <= size(); ++id) {
      if (node(id) == nullptr) continue;
      for (const auto& t : ctx(id).timers)
        if (!t.cancelled && !t.fired && t.due <= end) return false;
    }
    return true;
  }

  ConfigT config_;
  Factory make_;
  std::vector<std::unique_ptr<FakeContext>> ctxs_;
  std::vector<std::unique_ptr<NodeT>> nodes_;
  std::vector<uint64_t> incarnation_;
  std::deque<Pending> fifo_;
  std::set<std::pair<NodeId, NodeId>> cut_;
  Time now_ = Time::zero();
};

inline std::unique_ptr<Node> make_raft_node(NodeId id, int nodes, RaftConfig config) {
  return make_node(id, nodes, config);
}

class ClusterDriver : public Cluster<Node, RaftConfig> {
 public:
  ClusterDriver(int nodes, RaftConfig config, BugSet bugs = BugSet{})
      : Cluster(nodes, config, bugs, &make_raft_node) {}
};

}  // namespace consim::test
