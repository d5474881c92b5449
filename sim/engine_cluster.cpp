// The engine as the faults, the expectations and the clients see it.
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "sim/engine.h"
#include "sim/node_slot.h"
#include "protocols/core/quorum.h"

namespace consim {

bool Engine::is_up(NodeId node) const { return slots_[static_cast<size_t>(node)]->up; }

NodeId Engine::current_leader() const {
  NodeId best = 0;
  uint64_t best_epoch = 0;
  for (NodeId n = 1; n <= scenario_.nodes; ++n) {
    const NodeSlot& slot = *slots_[static_cast<size_t>(n)];
    if (!slot.up || slot.node->status().role != Role::kLeader) continue;
    if (slot.became_leader_epoch >= best_epoch) {
      best = n;
      best_epoch = slot.became_leader_epoch;
    }
  }
  return best;
}

bool Engine::leader_can_lead(NodeId leader) const {
  const NodeSlot& slot = *slots_[static_cast<size_t>(leader)];
  if (!slot.up || slot.paused) return false;
  int reachable = 1;
  for (NodeId n = 1; n <= scenario_.nodes; ++n)
    if (n != leader && is_up(n) && network_.link_up(leader, n) && network_.link_up(n, leader)) ++reachable;
  return reachable >= majority(scenario_.nodes);
}

NodeStatus Engine::status(NodeId node) const {
  const NodeSlot& slot = *slots_[static_cast<size_t>(node)];
  return slot.node ? slot.node->status() : NodeStatus{};
}

uint64_t Engine::instances_proposed() const {
  if (!clients_) return 0;
  std::set<std::string_view> keys;
  for (const HistoryOp& op : clients_->history())
    if (op.op == OpType::kPut || op.op == OpType::kAppend) keys.insert(op.key);
  return keys.size();
}

void Engine::partition(const std::vector<std::vector<NodeId>>& groups) { network_.partition(groups); }
void Engine::isolate(NodeId node) { network_.isolate(node); }
void Engine::cut(NodeId from, NodeId to, bool both) { network_.cut(from, to, both); }
void Engine::heal() { network_.heal(); }
void Engine::change_network(const NetworkFault& change) { network_.change_conditions(change); }
void Engine::change_link(NodeId from, NodeId to, const NetworkFault& change) {
  network_.change_link(from, to, change);
}

void Engine::crash(NodeId node) {
  NodeSlot& slot = *slots_[static_cast<size_t>(node)];
  slot.node.reset();  // volatile state is gone with the object
  slot.up = false;
  ++slot.incarnation;  // its timers, syncs and inbound messages are gone
  slot.deferred.clear();
  slot.paused = false;
  slot.paused_until = Time::zero();
  slot.timers.clear();
  const size_t lost = slot.disk.crash(scenario_.storage.lose_unsynced);
  slot.sync_done = now_;  // the syncs it waited for died with it
  ++stats_.crashes;
  trace_.record(now_, node, "crash", [&](FieldSink& out) { out.field("lost_records", static_cast<uint64_t>(lost)); });
  for (auto& checker : checkers_) checker->on_node_crashed(now_, node);
  coverage_.down(node);
}

void Engine::restart(NodeId node) {
  ++stats_.restarts;
  boot(node, true);
}

void Engine::pause(NodeId node, Duration duration) {
  NodeSlot& slot = *slots_[static_cast<size_t>(node)];
  const Time until = now_ + duration;
  if (until <= slot.paused_until) return;
  slot.paused = true;
  slot.paused_until = until;
  queue_.push(until, Event{node, slot.incarnation, PauseEnds{}});
}

void Engine::hold(std::optional<NodeId> from, std::optional<NodeId> to, const HoldFault& hold) {
  holds_.add(now_, from, to, hold);
}

uint8_t Engine::faults_in_effect() const {
  uint8_t bits = 0;
  const auto set = [&](FaultBit b, bool on) {
    if (on) bits |= fault_mask(b);
  };
  set(FaultBit::kPartition, network_.partitioned());
  set(FaultBit::kDelay, network_.conditions_changed() || !holds_.empty());
  for (NodeId id = 1; id <= scenario_.nodes; ++id) {
    const NodeSlot& slot = *slots_[static_cast<size_t>(id)];
    set(FaultBit::kCrash, !slot.up);
    set(FaultBit::kPause, slot.paused);
    set(FaultBit::kClock, slot.clock_rate != 1.0);
    set(FaultBit::kDisk, slot.sync_latency.max > Duration::zero());
  }
  return bits;
}

void Engine::set_sync_latency(NodeId node, DurationRange sync) {
  slots_[static_cast<size_t>(node)]->sync_latency = sync;
}

void Engine::set_clock_rate(NodeId node, double rate) {
  NodeSlot& slot = *slots_[static_cast<size_t>(node)];
  slot.clock_base_local = local_time(slot);
  slot.clock_base_sim = now_;
  slot.clock_rate = rate;
  // Pending timers are deadlines on the node's clock: each moves to when the
  // clock, at its new rate, reaches it (in handle order, so the queue's
  // tie-break stays deterministic). One that a pause holds is overdue
  // already and stays where it is.
  for (auto& [seq, timer] : slot.timers)
    if (queue_.cancel(timer.queued)) queue_timer(slot, seq);
}

void Engine::send_request(ClientId client, NodeId node, const ClientRequest& request) {
  trace_.record(now_, 0, "invoke", [&](FieldSink& out) {
    out.field("client", client);
    out.field("to", node);
    request.command.encode(out);
  });
  for (auto& checker : checkers_) checker->on_client_command(request.command);
  send_client_packet(0, node, client,
                     Event{node, slots_[static_cast<size_t>(node)]->incarnation,
                           RequestArrives{std::make_shared<const ClientRequest>(request)}});
}

void Engine::set_client_timer(ClientId client, Time at, uint64_t token) {
  queue_.push(at, Event{0, 0, ClientTimerFires{client, token}});
}

}  // namespace consim
