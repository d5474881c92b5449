// A hand-driven Context for protocol rule tests: it records everything a node
// does (messages, timers, journal writes, syncs, replies, observations) and
// lets a test deliver inputs one at a time, so that each test can walk a
// node through one rule of the paper.
#pragma once

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "protocols/core/node.h"
#include "protocols/raft/messages.h"
#include "protocols/raft/node.h"
#include "protocols/raft/records.h"

namespace consim::test {

class FakeContext final : public Context {
 public:
  struct Sent {
    NodeId to;
    MessagePtr message;
  };
  struct TimerSet {
    TimerHandle handle;
    Time due;
    int kind;
    bool cancelled = false;
    bool fired = false;
  };
  struct Applied {
    uint64_t index;
    Command command;
  };
  struct SyncStarted {
    uint64_t id;
    size_t covers;
    uint64_t epoch;
  };

  FakeContext(NodeId id, int nodes, uint64_t seed = 1) : id_(id), nodes_(nodes), rng_(seed) {}

  // --- Context
  NodeId id() const override { return id_; }
  int cluster_size() const override { return nodes_; }
  Time now() const override { return now_; }
  Rng& rng() override { return rng_; }
  bool bug(Bug b) const override { return bugs.has(b); }
  void send(NodeId to, MessagePtr message) override { sent.push_back(Sent{to, std::move(message)}); }
  TimerHandle set_timer(Duration after, int kind) override {
    TimerHandle h{0, next_timer_seq_++};
    timers.push_back(TimerSet{h, now_ + after, kind});
    return h;
  }
  void cancel_timer(TimerHandle handle) override {
    for (auto& t : timers)
      if (t.handle.seq == handle.seq) t.cancelled = true;
  }
  void write(RecordPtr record) override {
    journal.push_back(std::move(record));
    ++writes;
  }
  uint64_t sync() override {
    const uint64_t id = next_sync_id_++;
    syncs_started.push_back(SyncStarted{id, journal.size(), epoch_});
    return id;
  }
  void rewrite(std::vector<RecordPtr> records) override {
    journal = std::move(records);
    durable = journal.size();
    ++rewrites;
    ++epoch_;  // a sync started before the rewrite covers nothing new
  }
  void reply(const ClientReply& r) override { replies.push_back(r); }
  void observe(const Observation& o) override {
    if (const auto* a = std::get_if<EntryApplied>(&o)) {
      applied.push_back(Applied{a->index, *a->command});
      observations.push_back(EntryApplied{a->index, nullptr, a->digest});
      return;
    }
    observations.push_back(o);
  }
  void probe(Probe p) override { ++probes[static_cast<size_t>(p)]; }
  uint64_t probed(Probe p) const { return probes[static_cast<size_t>(p)]; }

  // --- driving a node
  // Completes every started sync, in order, telling the node.
  void complete_syncs(Node& node) {
    while (!syncs_started.empty()) {
      const SyncStarted s = syncs_started.front();
      syncs_started.erase(syncs_started.begin());
      complete_sync(node, s);
    }
  }
  void complete_sync(Node& node, const SyncStarted& s) {
    if (s.epoch == epoch_) durable = std::max(durable, s.covers);
    node.on_synced(*this, s.id);
  }
  // The earliest pending timer of `kind`, if any.
  std::optional<TimerSet> pending_timer(int kind) const {
    std::optional<TimerSet> best;
    for (const auto& t : timers)
      if (!t.cancelled && !t.fired && t.kind == kind && (!best || t.due < best->due)) best = t;
    return best;
  }
  // Advances time to the earliest pending timer of `kind` and fires it.
  // Returns false if none is pending.
  bool fire(Node& node, int kind) {
    auto t = pending_timer(kind);
    if (!t) return false;
    for (auto& x : timers)
      if (x.handle.seq == t->handle.seq) x.fired = true;
    now_ = std::max(now_, t->due);
    node.on_timer(*this, kind);
    return true;
  }
  // Fires the election timer until the node leaves the follower role (the
  // lazily re-armed deadline may take more than one firing).
  void time_out(Node& node) {
    const Role before = node.status().role;
    for (int i = 0; i < 10 && node.status().role == before; ++i)
      if (!fire(node, raft::kElectionTimer)) break;
  }
  void advance(Duration d) { now_ += d; }
  // Forgets timers that fired or were cancelled (handles stay valid).
  void prune_timers() {
    if (timers.size() < 64) return;
    std::erase_if(timers, [](const TimerSet& t) { return t.cancelled || t.fired; });
  }
  void set_now(Time t) { now_ = t; }

  // The synced journal, as the node would see it on restart.
  std::vector<RecordPtr> durable_journal() const {
    return std::vector<RecordPtr>(journal.begin(), journal.begin() + static_cast<std::ptrdiff_t>(durable));
  }
  // Forgets what a crashed node did (not its journal or its clock).
  void crash() {
    journal.resize(durable);
    ++epoch_;
    sent.clear();
    timers.clear();
    syncs_started.clear();
    replies.clear();
    observations.clear();
    applied.clear();
  }

  // --- inspecting what the node did
  template <typename T>
  std::vector<std::pair<NodeId, T>> sent_of() const {
    std::vector<std::pair<NodeId, T>> out;
    for (const auto& s : sent) {
      const auto& rm = static_cast<const raft::RaftMessage&>(*s.message);
      if (const T* m = std::get_if<T>(&rm.payload())) out.emplace_back(s.to, *m);
    }
    return out;
  }
  template <typename T>
  std::optional<T> last_sent_to(NodeId to) const {
    for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
      if (it->to != to) continue;
      const auto& rm = static_cast<const raft::RaftMessage&>(*it->message);
      if (const T* m = std::get_if<T>(&rm.payload())) return *m;
    }
    return std::nullopt;
  }
  template <typename T>
  std::vector<T> observed() const {
    std::vector<T> out;
    for (const auto& o : observations)
      if (const T* x = std::get_if<T>(&o)) out.push_back(*x);
    return out;
  }
  template <typename T>
  std::vector<T> records_of() const {
    std::vector<T> out;
    for (const auto& r : journal)
      if (const T* x = std::get_if<T>(&static_cast<const raft::RaftRecord&>(*r).body())) out.push_back(*x);
    return out;
  }
  void clear_outputs() {
    sent.clear();
    replies.clear();
    observations.clear();
    applied.clear();
  }

  BugSet bugs;
  std::vector<Sent> sent;
  std::vector<TimerSet> timers;
  std::vector<RecordPtr> journal;
  size_t durable = 0;
  uint64_t writes = 0;
  uint64_t rewrites = 0;
  std::vector<SyncStarted> syncs_started;
  std::vector<ClientReply> replies;
  std::vector<Observation> observations;
  std::vector<Applied> applied;
  std::array<uint64_t, kProbeCount> probes{};  // hits per probe, never cleared

 private:
  NodeId id_;
  int nodes_;
  Rng rng_;
  Time now_ = Time::zero();
  uint64_t next_timer_seq_ = 1;
  uint64_t next_sync_id_ = 1;
  uint64_t epoch_ = 0;
};

// Message construction for tests.
template <typename T>
std::shared_ptr<const raft::RaftMessage> msg(T body) {
  return std::make_shared<const raft::RaftMessage>(raft::RaftPayload(std::move(body)));
}

inline Command put(ClientId client, uint64_t seq, std::string key, std::string value) {
  Command c;
  c.op = OpType::kPut;
  c.client = client;
  c.seq = seq;
  c.key = std::move(key);
  c.value = std::move(value);
  return c;
}

inline Command get(ClientId client, uint64_t seq, std::string key) {
  Command c;
  c.op = OpType::kGet;
  c.client = client;
  c.seq = seq;
  c.key = std::move(key);
  return c;
}

inline Command append(ClientId client, uint64_t seq, std::string key, std::string value) {
  Command c = put(client, seq, std::move(key), std::move(value));
  c.op = OpType::kAppend;
  return c;
}

inline BugSet with_bug(Bug b) {
  BugSet s;
  s.enable(b);
  return s;
}

inline ClientRequest request(Command c) {
  ClientRequest r;
  r.client = c.client;
  r.command = std::move(c);
  return r;
}

inline raft::LogEntry entry(uint64_t term, Command c = Command{}) { return raft::make_entry(term, std::move(c)); }
inline raft::EntryBatch batch(std::vector<raft::LogEntry> entries) { return raft::make_batch(std::move(entries)); }

inline std::unique_ptr<raft::RaftNode> make_node(NodeId id, int nodes, RaftConfig config = RaftConfig{}) {
  return std::make_unique<raft::RaftNode>(id, nodes, config);
}

}  // namespace consim::test
