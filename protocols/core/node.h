// The one boundary every protocol implements. A node is a deterministic state
// machine with no I/O of its own (as in etcd's raft library): the engine hands
// it one input at a time together with a Context, through which it sends
// messages, sets timers, writes to its durable store, answers clients and
// reports observations. It never reads a clock, never draws randomness except
// from ctx.rng(), and never touches files, threads or sockets.
//
// Everything that must survive a crash goes through write()/sync(); all other
// state is lost, because the engine destroys the node object on crash and
// makes a fresh one on restart.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "protocols/core/bugs.h"
#include "protocols/core/command.h"
#include "protocols/core/config.h"
#include "protocols/core/message.h"
#include "protocols/core/observation.h"
#include "protocols/core/probe.h"
#include "protocols/core/random.h"
#include "protocols/core/time.h"

namespace consim {

// Opaque handle to a pending timer.
struct TimerHandle {
  uint32_t slot = UINT32_MAX;
  uint64_t seq = 0;
  bool valid() const { return slot != UINT32_MAX; }
};

class Context {
 public:
  virtual ~Context() = default;
  virtual NodeId id() const = 0;
  virtual int cluster_size() const = 0;
  // The node's own clock: simulated time scaled by its clock rate.
  virtual Time now() const = 0;
  virtual Rng& rng() = 0;
  virtual bool bug(Bug b) const = 0;

  virtual void send(NodeId to, MessagePtr message) = 0;
  // Fires on_timer(kind) after `after` of the node's own clock.
  virtual TimerHandle set_timer(Duration after, int kind) = 0;
  virtual void cancel_timer(TimerHandle handle) = 0;

  // Appends a record to the durable journal; it is durable only once a later
  // sync() completes (or at once if the disk does not lose unsynced writes).
  virtual void write(RecordPtr record) = 0;
  // Starts a sync of everything written so far; on_synced(id) follows after
  // storage.sync_ms. Syncs complete in the order they were started.
  virtual uint64_t sync() = 0;
  // Replaces the whole journal with `records`, durably and atomically (a
  // compaction written to a new file, synced, then renamed into place).
  virtual void rewrite(std::vector<RecordPtr> records) = 0;

  virtual void reply(const ClientReply& reply) = 0;
  virtual void observe(const Observation& observation) = 0;
  // The node reached a path marked for coverage (protocols/core/probe.h).
  virtual void probe(Probe p) = 0;
};

// What the engine may ask a node at any time, for expectations and reports.
struct NodeStatus {
  Role role = Role::kFollower;
  uint64_t term = 0;             // current term (Raft) or ballot (Multi-Paxos)
  NodeId leader = 0;             // the leader this node recognizes for `term`
  uint64_t last_applied = 0;     // index (or slot) of the last applied command
  uint64_t applied_digest = 0;   // hash chain over every applied command, in order
  uint64_t log_entries = 0;      // entries held in memory (a snapshot counts as one)
};

class Node {
 public:
  virtual ~Node() = default;
  // First start, or restart after a crash with the synced journal.
  virtual void boot(Context& ctx, std::span<const RecordPtr> durable) = 0;
  virtual void on_message(Context& ctx, NodeId from, const Message& message) = 0;
  virtual void on_timer(Context& ctx, int kind) = 0;
  virtual void on_client_request(Context& ctx, const ClientRequest& request) = 0;
  virtual void on_synced(Context& ctx, uint64_t sync_id) = 0;
  virtual NodeStatus status() const = 0;
};

struct NodeSetup {
  NodeId id = 0;
  int nodes = 0;
  const ProtocolConfig* config = nullptr;
};

using NodeFactory = std::unique_ptr<Node> (*)(const NodeSetup& setup);

}  // namespace consim
