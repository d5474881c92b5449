// One run: the engine that owns simulated time, the event queue, the
// network, the disks, the nodes, the clients, the checkers and the trace, and
// turns a validated Scenario into a Summary.
//
// Data flows one way (DESIGN.md): the scenario's faults and clients feed
// inputs to nodes; nodes emit messages, timers, durable writes, replies and
// observations; observations feed the checkers and expectations; the run
// yields a Summary. Protocol code only ever sees its Context.
#pragma once

#include <atomic>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "faults/cluster_control.h"
#include "faults/triggers.h"
#include "sim/holds.h"
#include "protocols/registry.h"
#include "protocols/core/assert.h"
#include "protocols/core/node.h"
#include "scenarios/scenario.h"
#include "sim/checkers/checker.h"
#include "sim/clients.h"
#include "sim/coverage.h"
#include "sim/disk.h"
#include "sim/engine_event.h"
#include "sim/event_queue.h"
#include "sim/expectations.h"
#include "sim/history.h"
#include "sim/network.h"
#include "sim/recovery.h"
#include "sim/summary.h"
#include "sim/trace.h"

namespace consim {

struct RunOptions {
  // The run's seed and bugs are the scenario's (with_run_settings applies a
  // command line's --seed and --bug to it).
  std::FILE* trace = nullptr;    // JSON Lines trace output, if any
  // Bounds on one run (STYLE.md 8). Reaching one stops the run where it is:
  // the summary's stopped_early says which bound and when, and the run fails.
  // Each is checked on event counts only, so a run stops at the same event
  // on every machine. Together they keep memory below about 1-2 GB whatever
  // the scenario (about 900 bytes per client operation, 60 per event).
  uint64_t max_events = 200'000'000;
  // Events waiting to happen: messages in flight, timers (cancelled ones
  // included until their time comes), syncs, and the inputs a paused node
  // has not yet taken.
  uint64_t max_in_flight = 1'000'000;
  uint64_t max_history_ops = 1'000'000;  // client operations (request ids) in the history
  uint64_t max_log_entries = 1'000'000;  // entries one node holds in memory (raft, multi-paxos)
  // Set from outside the run (Ctrl-C in a sweep): the run stops at its next
  // check, within about a thousand events, with stopped_early "interrupted".
  // An interrupted run is not a result: callers discard it.
  const std::atomic<bool>* interrupt = nullptr;
  NodeFactory factory = nullptr;  // overrides the protocol's (tests)
  // The client history is checked against the key-value model (off only for
  // test protocols that are not key-value stores).
  bool check_linearizability = true;
  uint64_t linearizability_max_states = 2'000'000;  // per key; beyond it the verdict is "unknown"
  std::string repro;              // the command that reproduces this run
};

class Engine final : private ClusterControl, private ClusterView, private ClientPort, private ViolationSink {
 public:
  // Throws std::invalid_argument if the scenario's protocol has no implementation.
  Engine(const Scenario& scenario, RunOptions options);
  ~Engine() override;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Summary run();

  // The bounds other than max_events (and the interrupt flag) are checked
  // every this many events, so a run can overshoot one by that much.
  static constexpr uint64_t kLimitCheckEvents = 1024;

  // For tests and reports, valid after run().
  const History& history() const;
  const Trace& trace() const { return trace_; }
  Node* node(NodeId id);  // null while the node is down
  const Network& network() const { return network_; }
  const Disk& disk(NodeId id) const;
  const RecoveryMeter& recovery() const { return recovery_; }

 private:
  class NodeContext;
  struct NodeSlot;
  using Event = EngineEvent;

  // The event loop and its dispatch.
  void schedule_start();
  void dispatch(Event& ev);
  bool defer_if_paused(NodeSlot& slot, Event& ev);
  // Each handler may move `ev` into a paused node's inputs, and then
  // returns without touching its second argument again.
  void deliver(Event& ev, const MessageArrives& m);
  void fire_timer(Event& ev, const TimerFires& t);
  void finish_sync(Event& ev, const SyncCompletes& s);
  void request_arrives(Event& ev, const RequestArrives& r);
  void reply_arrives(const ReplyArrives& r);
  void fire_fault(const FaultFires& f);
  void resume(const Event& ev);

  // Node lifecycle.
  void boot(NodeId id, bool restart);

  // Run bounds (engine_limits.cpp). A bound that is reached sets
  // stopped_early_, and the event loop stops after the current event.
  void check_limits();
  void track_log(NodeId node, const Observation& observation);
  void stop_early(StopReason reason, std::string why);

  // What NodeContext forwards.
  void node_send(NodeSlot& slot, NodeId to, MessagePtr message);
  TimerHandle node_set_timer(NodeSlot& slot, Duration after, int kind);
  void node_cancel_timer(NodeSlot& slot, TimerHandle handle);
  uint64_t node_sync(NodeSlot& slot);
  void node_reply(NodeSlot& slot, const ClientReply& reply);
  // A client request (from == 0) or reply (to == 0) through the network.
  void send_client_packet(NodeId from, NodeId to, ClientId client, Event ev);
  void node_observe(NodeSlot& slot, const Observation& observation);
  Time local_time(const NodeSlot& slot) const { return local_time_at(slot, now_); }
  Time local_time_at(const NodeSlot& slot, Time sim) const;
  Time when_local(const NodeSlot& slot, Time local_deadline) const;
  void queue_timer(NodeSlot& slot, uint64_t handle_seq);

  // ClusterControl (faults).
  int nodes() const override { return scenario_.nodes; }
  bool is_up(NodeId node) const override;
  NodeId current_leader() const override;
  // The node is up, not paused, and reaches a majority both ways.
  bool leader_can_lead(NodeId leader) const;
  Rng& fault_rng() override { return fault_rng_; }
  void partition(const std::vector<std::vector<NodeId>>& groups) override;
  void isolate(NodeId node) override;
  void cut(NodeId from, NodeId to, bool both) override;
  void heal() override;
  void change_network(const NetworkFault& change) override;
  void change_link(NodeId from, NodeId to, const NetworkFault& change) override;
  void crash(NodeId node) override;
  void restart(NodeId node) override;
  void pause(NodeId node, Duration duration) override;
  void set_clock_rate(NodeId node, double rate) override;
  void set_sync_latency(NodeId node, DurationRange sync) override;
  void hold(std::optional<NodeId> from, std::optional<NodeId> to, const HoldFault& hold) override;
  void schedule_fault(Duration after, FaultAction action) override;
  // The kinds of fault in effect now, for coverage (sim/coverage.h).
  uint8_t faults_in_effect() const;
  // A cluster event a triggered fault may wait for (sim/engine_triggers.cpp).
  void cluster_event(const ClusterEvent& ev);

  // ClusterView (expectations).
  bool link_up(NodeId from, NodeId to) const override { return network_.link_up(from, to); }
  NodeStatus status(NodeId node) const override;
  uint64_t instances_proposed() const override;

  // ClientPort.
  void send_request(ClientId client, NodeId node, const ClientRequest& request) override;
  void set_client_timer(ClientId client, Time at, uint64_t token) override;

  // ViolationSink.
  void report(Violation v) override;

  // The event loop; an assertion that fires in it ends the run (crash_).
  void run_events(Time end);
  void record_crash(const AssertionFailure& failure, NodeId node);
  Summary summarize();
  // What every summary carries, a crashed run's included.
  void summarize_run(Summary& s);
  LinearizabilityVerdict check_history();

  Scenario scenario_;
  RunOptions options_;
  BugSet bugs_;
  ProtocolTraits traits_;  // what is protocol-specific: commit counting, the client object
  NodeFactory factory_;
  RandomStreams streams_;
  Rng net_rng_;
  Rng fault_rng_;
  Rng disk_rng_;  // sync latencies drawn from a range
  Rng trigger_rng_;  // triggered faults' probabilities and delays
  Triggers triggers_;
  Rng hold_rng_;  // held-back messages' probabilities and delays
  Holds holds_;
  std::vector<Firing> firings_;      // scratch for cluster_event
  std::vector<FaultAction> fired_;   // faults fired by triggers and restart_after, FaultFires{i, true}
  Time now_;
  EventQueue<Event> queue_;
  Network network_;
  std::vector<std::unique_ptr<NodeSlot>> slots_;  // index 0 unused
  std::vector<std::unique_ptr<Checker>> checkers_;
  Expectations expectations_;
  RecoveryMeter recovery_;
  CoverageMeter coverage_;
  std::unique_ptr<Clients> clients_;
  Trace trace_;
  RunStats stats_;
  std::vector<Violation> violations_;
  std::vector<SkippedFault> skipped_;
  uint64_t events_ = 0;  // events dispatched
  uint64_t next_message_id_ = 1;
  uint64_t max_commit_index_ = 0;
  std::unordered_set<uint64_t> learned_instances_;  // basic-paxos: instances some node learned
  uint64_t leader_epoch_ = 0;  // orders RoleChanged(leader) reports, for the "leader" selector
  std::optional<EarlyStop> stopped_early_;
  std::optional<CrashReport> crash_;
  // Per node, the highest log index reported and the index its snapshot
  // covers: the difference is what it holds in memory.
  struct LogSpan {
    uint64_t top = 0;
    uint64_t floor = 0;
  };
  std::vector<LogSpan> log_spans_;  // index 0 unused
};

// Runs a scenario start to finish.
Summary run_scenario(const Scenario& scenario, RunOptions options);
// The summary of a run that an exception other than a failed assertion
// ended (out of memory, say): a crash finding with no trace, so a sweep
// reports that seed rather than dying with it.
Summary crash_outside_run(const Scenario& scenario, const RunOptions& options, const std::string& what);

}  // namespace consim
