// Multi-Paxos test helpers: one node on a FakeContext (MpSolo) with
// shortcuts for the steps rule tests start from, and a small in-memory
// cluster (MpCluster) with the same delivery rules as cluster_driver.h:
// messages and finished syncs one at a time in FIFO order; when none is
// pending, time jumps to the earliest timer (ties: lowest node id).
#pragma once

#include <catch2/catch.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "protocols/multipaxos/ballot.h"
#include "protocols/multipaxos/messages.h"
#include "protocols/multipaxos/node.h"
#include "protocols/multipaxos/records.h"
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

inline Command append_cmd(ClientId client, uint64_t seq, std::string key, std::string value) {
  Command c = put(client, seq, std::move(key), std::move(value));
  c.op = OpType::kAppend;
  return c;
}

inline ProposalBatch proposals(std::vector<Command> commands) {
  std::vector<Proposal> out;
  for (auto& c : commands) out.push_back(make_proposal(std::move(c)));
  return make_batch(std::move(out));
}

inline PValue pvalue(uint64_t slot, uint64_t ballot, Command c) { return PValue{slot, ballot, make_proposal(std::move(c))}; }

inline BugSet with_bug(Bug b) {
  BugSet s;
  s.enable(b);
  return s;
}

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

// A small cluster of Multi-Paxos nodes (see cluster_driver.h for the rules).
class MpCluster {
 public:
  MpCluster(int nodes, MultiPaxosConfig config, BugSet bugs = {}) : config_(config) {
    for (NodeId id = 1; id <= nodes; ++id) {
      auto c = std::make_unique<FakeContext>(id, nodes, 2000 + static_cast<uint64_t>(id));
      c->bugs = bugs;
      ctxs_.push_back(std::move(c));
      nodes_.push_back(nullptr);
    }
    incarnation_.assign(nodes_.size(), 0);
    for (NodeId id = 1; id <= nodes; ++id) boot(id);
  }

  int size() const { return static_cast<int>(nodes_.size()); }
  Node* node(NodeId id) { return nodes_[idx(id)].get(); }
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

  bool run_until(const std::function<bool()>& done, int max_steps = 400000) {
    for (int i = 0; i < max_steps; ++i) {
      if (done()) return true;
      if (!step()) return done();
    }
    return done();
  }
  void run_for(Duration d) {
    const Time end = now_ + d;
    run_until([&] { return quiet_until(end); });
  }

  // The up node that is leader in the highest ballot, if any.
  NodeId leader() {
    NodeId best = 0;
    uint64_t ballot = 0;
    for (NodeId id = 1; id <= size(); ++id) {
      if (node(id) == nullptr) continue;
      const NodeStatus s = node(id)->status();
      if (s.role == Role::kLeader && (best == 0 || s.term > ballot)) {
        best = id;
        ballot = s.term;
      }
    }
    return best;
  }

  void submit(NodeId to, const ClientRequest& r) {
    if (node(to) != nullptr) node(to)->on_client_request(ctx(to), r);
  }
  std::vector<ClientReply> ok_replies(ClientId client, uint64_t seq) const {
    std::vector<ClientReply> out;
    for (const auto& c : ctxs_)
      for (const auto& r : c->replies)
        if (r.ok && r.client == client && r.seq == seq) out.push_back(r);
    return out;
  }
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
    nodes_[idx(id)] = make_mp_node(id, size(), config_);
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

  bool quiet_until(Time end) {
    collect();
    if (!fifo_.empty()) return false;
    for (NodeId id = 1; id <= size(); ++id) {
      if (node(id) == nullptr) continue;
      for (const auto& t : ctx(id).timers)
        if (!t.cancelled && !t.fired && t.due <= end) return false;
    }
    return true;
  }

  MultiPaxosConfig config_;
  std::vector<std::unique_ptr<FakeContext>> ctxs_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<uint64_t> incarnation_;
  std::deque<Pending> fifo_;
  std::set<std::pair<NodeId, NodeId>> cut_;
  Time now_ = Time::zero();
};

}  // namespace consim::test::mp
