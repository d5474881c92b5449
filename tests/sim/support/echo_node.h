// A tiny protocol for testing the engine: an "echo/counter" node whose every
// reaction is predictable, so a test can say exactly which messages, timers,
// syncs and boots the engine must produce.
//
// Each node keeps a counter. On boot it restores the counter from the last
// CounterRecord in its durable journal and reports RoleChanged. A periodic
// timer (kind 1, every `tick` of the node's own clock) increments the
// counter, writes a CounterRecord, syncs it, and sends Ping{counter} to every
// other node. A client request is answered ok with the counter as value.
//
// Nothing a test wants to see lives in the node object (the engine destroys it
// on crash): the node appends what happens to it to the EchoWorld, a registry
// keyed by node id that survives crashes, and reads its knobs from there. A
// test resets the world before each run. The node draws randomness only from
// ctx.rng() (for the optional tick jitter).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "protocols/core/message.h"
#include "protocols/core/node.h"
#include "protocols/core/time.h"

namespace consim::test {

inline constexpr int kEchoTickTimer = 1;

struct EchoPing final : Message {
  EchoPing(uint64_t c, Time sent, int b) : counter(c), sent_at(sent), boot(b) {}
  std::string_view type() const override { return "Ping"; }
  void encode(FieldSink& out) const override;

  uint64_t counter;
  Time sent_at;  // the sender's clock when it sent
  int boot;      // the sender's boot number (1 = first boot)
};

struct CounterRecord final : Record {
  explicit CounterRecord(uint64_t v) : value(v) {}
  std::string_view type() const override { return "Counter"; }
  uint64_t value;
};

// Per-node behaviour, set by a test before the run (or between runs).
struct EchoKnobs {
  Duration tick = Duration::ms(10);
  Duration jitter = Duration::zero();  // each tick waits tick + uniform[0, jitter] from ctx.rng()
  bool sync_writes = true;             // false: write the record but never sync it
  bool send_pings = true;
  uint64_t max_ticks = 0;              // per incarnation; 0: unlimited
  // The first Ping that arrives when the node's clock reads at least this
  // cancels the tick timer (which then never fires again in this incarnation).
  Time cancel_tick_on_ping_after = Time::never();
  bool report_commits = false;         // each tick reports CommitAdvanced{counter}
};

// What happened to one node, across all its incarnations. Times are the
// node's own clock (ctx.now()), which equals simulated time at rate 1.
// `input` numbers the node's inputs (ticks, receipts, syncs, requests) in the
// order it handled them, so a test can tell the order of inputs at one instant.
struct EchoBoot {
  Time at;
  uint64_t restored;  // the counter read back from the durable journal
  size_t durable_records;
};
struct EchoTick {
  Time at;
  uint64_t counter;
  int boot;
  uint64_t input;
};
struct EchoReceipt {
  Time at;
  NodeId from;
  uint64_t counter;
  Time sent_at;
  int sender_boot;
  int boot;  // the receiver's boot number
  uint64_t input;
};
struct EchoSynced {
  Time at;
  uint64_t sync_id;
  int boot;
  uint64_t input;
};
struct EchoRequest {
  Time at;
  ClientId client;
  uint64_t seq;
  uint64_t input;
};

struct EchoNodeLog {
  std::vector<EchoBoot> boots;
  std::vector<EchoTick> ticks;
  std::vector<EchoReceipt> receipts;
  std::vector<EchoSynced> synced;
  std::vector<EchoRequest> requests;
  uint64_t inputs = 0;
  bool tick_cancelled = false;
};

class EchoWorld {
 public:
  static EchoWorld& get();

  // Forgets every log and sets every node's knobs to `knobs`; `leader` (0:
  // none) is the node that claims leadership of term 1 (the others recognize
  // it).
  void reset(int nodes, EchoKnobs knobs = {}, NodeId leader = 0);

  EchoKnobs& knobs(NodeId node);
  EchoNodeLog& log(NodeId node);
  const EchoNodeLog& log(NodeId node) const;
  NodeId leader() const { return leader_; }
  int nodes() const { return static_cast<int>(logs_.size()); }

 private:
  std::vector<EchoKnobs> knobs_;
  std::vector<EchoNodeLog> logs_;
  NodeId leader_ = 0;
};

class EchoNode final : public Node {
 public:
  explicit EchoNode(const NodeSetup& setup) : id_(setup.id), nodes_(setup.nodes) {}

  void boot(Context& ctx, std::span<const RecordPtr> durable) override;
  void on_message(Context& ctx, NodeId from, const Message& message) override;
  void on_timer(Context& ctx, int kind) override;
  void on_client_request(Context& ctx, const ClientRequest& request) override;
  void on_synced(Context& ctx, uint64_t sync_id) override;
  NodeStatus status() const override;

  uint64_t counter() const { return counter_; }
  int boot_number() const { return boot_; }

 private:
  void arm_tick(Context& ctx);

  NodeId id_;
  int nodes_;
  uint64_t counter_ = 0;
  int boot_ = 0;
  uint64_t ticks_ = 0;  // in this incarnation
  TimerHandle tick_timer_;
};

// The NodeFactory to put in RunOptions::factory.
std::unique_ptr<Node> make_echo_node(const NodeSetup& setup);

}  // namespace consim::test
