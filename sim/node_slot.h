// The engine's per-node bookkeeping: the node object (absent while down),
// its context, disk, random stream, clock, pause state and incarnation.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "protocols/core/node.h"
#include "sim/disk.h"
#include "sim/engine.h"
#include "sim/engine_event.h"
#include "sim/event_queue.h"

namespace consim {

class Engine::NodeContext final : public Context {
 public:
  NodeContext(Engine& engine, NodeSlot& slot) : engine_(engine), slot_(slot) {}
  NodeId id() const override;
  int cluster_size() const override { return engine_.scenario_.nodes; }
  Time now() const override;
  Rng& rng() override;
  bool bug(Bug b) const override { return engine_.bugs_.has(b); }
  void send(NodeId to, MessagePtr message) override { engine_.node_send(slot_, to, std::move(message)); }
  TimerHandle set_timer(Duration after, int kind) override { return engine_.node_set_timer(slot_, after, kind); }
  void cancel_timer(TimerHandle handle) override { engine_.node_cancel_timer(slot_, handle); }
  void write(RecordPtr record) override;
  uint64_t sync() override { return engine_.node_sync(slot_); }
  void rewrite(std::vector<RecordPtr> records) override;
  void reply(const ClientReply& reply) override { engine_.node_reply(slot_, reply); }
  void observe(const Observation& observation) override { engine_.node_observe(slot_, observation); }
  void probe(Probe p) override { engine_.coverage_.hit(p); }

 private:
  Engine& engine_;
  NodeSlot& slot_;
};

struct Engine::NodeSlot {
  NodeSlot(Engine& engine, NodeId node_id, Rng stream) : id(node_id), rng(stream), ctx(engine, *this) {}

  NodeId id;
  std::unique_ptr<Node> node;  // null while down
  bool up = false;
  // Bumped on every crash and restart: events scheduled for an earlier
  // incarnation (timers, syncs, messages in flight to it) are discarded.
  uint32_t incarnation = 0;
  Rng rng;
  Disk disk;
  // The disk's sync latency (the scenario's storage, then disk faults), and
  // when its last sync completes: syncs complete in the order they began.
  DurationRange sync_latency;
  Time sync_done;
  NodeContext ctx;

  // The node's clock runs at `clock_rate` times simulated time, from the
  // point (clock_base_sim, clock_base_local) where the rate last changed.
  double clock_rate = 1.0;
  Time clock_base_sim;
  Time clock_base_local;

  // Pause: from the pause until its resume event runs, the node's inputs
  // wait here, in the order they were due. `paused` rather than a time
  // comparison, so that an input due at the very instant a pause ends waits
  // behind those that waited longer.
  bool paused = false;
  Time paused_until;
  std::vector<EngineEvent> deferred;

  // The node's pending timers, keyed by their handle's seq. A timer is a
  // deadline on the node's own clock, so a clock-rate change moves it in
  // simulated time, and a pause moves it to `deferred`; either way the
  // node's handle keeps naming it here. A timer event fires only while its
  // entry exists: cancel_timer erases it, wherever the event then is.
  struct PendingTimer {
    EventId queued;  // its entry in the queue; stale once a pause has taken it out
    Time local_deadline;
    int kind;
  };
  std::map<uint64_t, PendingTimer> timers;

  uint64_t became_leader_epoch = 0;  // engine's leader_epoch_ when it last became leader
};

}  // namespace consim
