// The engine's side of the node interface: node lifecycle and everything a
// node does through its Context.
#include <algorithm>
#include <cmath>

#include "sim/engine.h"
#include "sim/node_slot.h"

namespace consim {

NodeId Engine::NodeContext::id() const { return slot_.id; }
Time Engine::NodeContext::now() const { return engine_.local_time(slot_); }
Rng& Engine::NodeContext::rng() { return slot_.rng; }
void Engine::NodeContext::write(RecordPtr record) { slot_.disk.write(std::move(record)); }
void Engine::NodeContext::rewrite(std::vector<RecordPtr> records) { slot_.disk.rewrite(std::move(records)); }

Time Engine::local_time_at(const NodeSlot& slot, Time sim) const {
  if (slot.clock_rate == 1.0) return slot.clock_base_local + (sim - slot.clock_base_sim);
  const double elapsed_us = static_cast<double>((sim - slot.clock_base_sim).count_us());
  return slot.clock_base_local + Duration::us(std::llround(elapsed_us * slot.clock_rate));
}

// The first simulated instant, from now on, at which the node's clock reads
// `local_deadline` or later at its current rate. A timer must never fire
// before its time on the node's own clock (a node may compare ctx.now()
// against the deadline it set); rounding to the nearest microsecond alone
// would fire it up to a microsecond early at most rates.
Time Engine::when_local(const NodeSlot& slot, Time local_deadline) const {
  const Duration remaining = local_deadline - local_time(slot);
  if (remaining <= Duration::zero()) return now_;
  if (slot.clock_rate == 1.0) return now_ + remaining;
  const double remaining_us = static_cast<double>(remaining.count_us());
  Time at = now_ + Duration::us(std::llround(remaining_us / slot.clock_rate));
  while (local_time_at(slot, at) < local_deadline) at += Duration::us(1);
  return at;
}

void Engine::queue_timer(NodeSlot& slot, uint64_t handle_seq) {
  NodeSlot::PendingTimer& timer = slot.timers.at(handle_seq);
  timer.queued = queue_.push(when_local(slot, timer.local_deadline),
                             Event{slot.id, slot.incarnation, TimerFires{timer.kind, handle_seq}});
}

void Engine::boot(NodeId id, bool restart) {
  NodeSlot& slot = *slots_[static_cast<size_t>(id)];
  NodeSetup setup;
  setup.id = id;
  setup.nodes = scenario_.nodes;
  setup.config = &scenario_.config;
  slot.node = factory_(setup);
  slot.up = true;
  ++slot.incarnation;
  log_spans_[static_cast<size_t>(id)] = LogSpan{};  // the node reports what it recovers
  trace_.record(now_, id, restart ? "restart" : "boot",
                [&](FieldSink& out) { out.field("durable_records", static_cast<uint64_t>(slot.disk.durable_records())); });
  slot.node->boot(slot.ctx, slot.disk.durable());
}

void Engine::node_send(NodeSlot& slot, NodeId to, MessagePtr message) {
  const uint64_t id = next_message_id_++;
  ++stats_.messages_sent;
  expectations_.on_message_sent(now_);
  trace_.record(now_, slot.id, "send", [&](FieldSink& out) {
    out.field("msg", id);
    out.field("to", to);
    out.field("type", message->type());
    message->encode(out);
  });
  if (triggers_.wants(TriggerEvent::kSend)) cluster_event(ClusterEvent{TriggerEvent::kSend, slot.id, message->type(), 0});
  const auto drop = [&](std::string_view reason) {
    ++stats_.messages_dropped;
    trace_.record(now_, slot.id, "drop", [&](FieldSink& out) {
      out.field("msg", id);
      out.field("to", to);
      out.field("reason", reason);
    });
  };
  if (to < 1 || to > scenario_.nodes) return drop("no such node");
  if (to != slot.id && !network_.link_up(slot.id, to)) return drop("link down at send");
  const Fate fate = network_.draw_fate(slot.id, to, net_rng_);
  if (fate.dropped) return drop("lost");
  Duration first = fate.first;
  if (!holds_.empty()) {
    if (const auto extra = holds_.held(now_, slot.id, to, message->type(), hold_rng_)) {
      first += *extra;
      trace_.record(now_, slot.id, "hold", [&](FieldSink& out) {
        out.field("msg", id);
        out.field("to", to);
        out.field("extra_us", static_cast<uint64_t>(extra->count_us()));
      });
    }
  }
  Event ev{to, slots_[static_cast<size_t>(to)]->incarnation, MessageArrives{slot.id, id, std::move(message)}};
  if (fate.second) {
    trace_.record(now_, slot.id, "duplicate", [&](FieldSink& out) { out.field("msg", id); });
    queue_.push(now_ + *fate.second, ev);
  }
  queue_.push(now_ + first, std::move(ev));
}

TimerHandle Engine::node_set_timer(NodeSlot& slot, Duration after, int kind) {
  // The handle's identity is the seq of the timer's first queue entry; it
  // keeps naming the timer when a clock change or a pause moves it.
  const uint64_t seq = queue_.scheduled_total();
  const Time deadline = local_time(slot) + std::max(after, Duration::zero());
  slot.timers[seq] = NodeSlot::PendingTimer{EventId{}, deadline, kind};
  queue_timer(slot, seq);
  const EventId first = slot.timers.at(seq).queued;
  return TimerHandle{first.slot, first.seq};
}

void Engine::node_cancel_timer(NodeSlot& slot, TimerHandle handle) {
  if (!handle.valid()) return;
  const auto pending = slot.timers.find(handle.seq);
  if (pending == slot.timers.end()) return;  // fired or cancelled already
  queue_.cancel(pending->second.queued);     // fails harmlessly while a pause holds it
  slot.timers.erase(pending);
}

uint64_t Engine::node_sync(NodeSlot& slot) {
  if (triggers_.wants(TriggerEvent::kSync)) cluster_event(ClusterEvent{TriggerEvent::kSync, slot.id, {}, 0});
  const Disk::PendingSync s = slot.disk.begin_sync();
  // A fixed latency draws nothing (uniform_duration), so it leaves the disk stream alone.
  slot.sync_done = std::max(slot.sync_done, now_ + disk_rng_.uniform_duration(slot.sync_latency));
  queue_.push(slot.sync_done, Event{slot.id, slot.incarnation, SyncCompletes{s}});
  return s.id;
}

void Engine::node_reply(NodeSlot& slot, const ClientReply& reply) {
  if (!clients_) return;
  send_client_packet(slot.id, 0, reply.client,
                     Event{0, 0, ReplyArrives{slot.id, std::make_shared<const ClientReply>(reply)}});
}

// Clients sit outside the nodes' network: no partition separates them from a
// node, but the network's delay, drop and duplicate apply (scenarios/README.md).
void Engine::send_client_packet(NodeId from, NodeId to, ClientId client, Event ev) {
  const Fate fate = network_.draw_fate(from, to, net_rng_);
  if (fate.dropped) {
    trace_.record(now_, from, "drop", [&](FieldSink& out) {
      out.field("client", client);
      out.field("reason", "lost");
    });
    return;
  }
  if (fate.second) queue_.push(now_ + *fate.second, ev);
  queue_.push(now_ + fate.first, std::move(ev));
}

void Engine::node_observe(NodeSlot& slot, const Observation& observation) {
  trace_.record(now_, slot.id, observation_kind(observation),
                [&](FieldSink& out) { encode_observation(observation, out); });
  track_log(slot.id, observation);
  coverage_.observe(slot.id, observation);
  if (const auto* role = std::get_if<RoleChanged>(&observation); role && role->role == Role::kLeader) {
    ++stats_.leaders_elected;
    slot.became_leader_epoch = ++leader_epoch_;
    expectations_.on_elected(now_);
    if (triggers_.wants(TriggerEvent::kLeader)) cluster_event(ClusterEvent{TriggerEvent::kLeader, slot.id, {}, 0});
  } else if (const auto* append = std::get_if<EntryAppended>(&observation);
             append && triggers_.wants(TriggerEvent::kAppend)) {
    cluster_event(ClusterEvent{TriggerEvent::kAppend, slot.id, {}, append->term});
  } else if (const auto* commit = std::get_if<CommitAdvanced>(&observation)) {
    if (commit->index > max_commit_index_) recovery_.on_commit(now_);
    for (; max_commit_index_ < commit->index; ++max_commit_index_) {
      ++stats_.entries_committed;
      expectations_.on_commit(now_);
    }
  } else if (const auto* learned = std::get_if<ValueLearned>(&observation);
             learned && traits_.commits == CommitCounting::kFirstLearnPerValue) {
    // No log: an instance counts as committed when the first node learns its
    // value (the scenario format's `commits`).
    if (learned_instances_.insert(learned->instance).second) {
      recovery_.on_commit(now_);
      ++stats_.entries_committed;
      expectations_.on_commit(now_);
    }
  }
  for (auto& checker : checkers_) checker->on_observation(now_, slot.id, observation, *this);
}

void Engine::report(Violation v) {
  trace_.record(now_, 0, "violation", [&](FieldSink& out) {
    out.field("invariant", invariant_name(v.invariant));
    out.field("detail", v.detail);
  });
  constexpr size_t kMaxViolationsKept = 100;
  if (violations_.size() < kMaxViolationsKept) violations_.push_back(std::move(v));
}

}  // namespace consim
