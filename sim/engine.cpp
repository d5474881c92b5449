#include "sim/engine.h"

#include <stdexcept>

#include <fmt/format.h>

#include "faults/timeline.h"
#include "protocols/core/overloaded.h"
#include "sim/node_slot.h"
#include "sim/version.h"

namespace consim {

Engine::Engine(const Scenario& scenario, RunOptions options)
    : scenario_(scenario),
      options_(std::move(options)),
      traits_(protocol_traits(scenario.protocol)),
      factory_(options_.factory ? options_.factory : traits_.factory),
      streams_(scenario.seed),
      net_rng_(streams_.stream("network")),
      fault_rng_(streams_.stream("faults")),
      disk_rng_(streams_.stream("disk")),
      trigger_rng_(streams_.stream("triggers")),
      triggers_(scenario_.faults, scenario_.nodes),  // points into scenario_, declared before it
      hold_rng_(streams_.stream("hold")),
      network_(scenario.nodes, scenario.network),
      checkers_(make_checkers(scenario.protocol, scenario.nodes)),
      expectations_(scenario.expect),
      coverage_(scenario.protocol, scenario.nodes),
      trace_(options_.trace) {
  if (factory_ == nullptr)
    throw std::invalid_argument(
        fmt::format("protocol \"{}\" is not implemented yet", protocol_name(scenario.protocol)));
  for (Bug b : scenario_.bugs) bugs_.enable(b);
  slots_.resize(static_cast<size_t>(scenario.nodes) + 1);
  log_spans_.resize(static_cast<size_t>(scenario.nodes) + 1);
  for (NodeId id = 1; id <= scenario.nodes; ++id)
    slots_[static_cast<size_t>(id)] =
        std::make_unique<NodeSlot>(*this, id, streams_.stream("node", static_cast<uint64_t>(id)));
  for (NodeId id = 1; id <= scenario.nodes; ++id) slots_[static_cast<size_t>(id)]->sync_latency = scenario.storage.sync;
  if (scenario_.workload) {
    clients_ = std::make_unique<Clients>(*scenario_.workload, scenario.nodes, streams_, static_cast<ClientPort&>(*this));
    recovery_.set_active(scenario_.workload->start, std::min(scenario_.workload->stop, Time::zero() + scenario_.duration));
  }
}

Engine::~Engine() = default;

const History& Engine::history() const {
  static const History kEmpty;
  return clients_ ? clients_->history() : kEmpty;
}

Node* Engine::node(NodeId id) { return slots_[static_cast<size_t>(id)]->node.get(); }
const Disk& Engine::disk(NodeId id) const { return slots_[static_cast<size_t>(id)]->disk; }

// Faults are scheduled before point-in-time expectations, so that at equal
// times an expectation sees the cluster after the fault.
void Engine::schedule_start() {
  for (size_t i = 0; i < scenario_.faults.size(); ++i) {
    if (!scenario_.faults[i].on) queue_.push(scenario_.faults[i].at, Event{0, 0, FaultFires{i, false}});
  }
  for (Time t : expectations_.check_times()) queue_.push(t, Event{0, 0, CheckDue{}});
  trace_.record(now_, 0, "start", [this](FieldSink& out) {
    out.field("scenario", scenario_.name);
    out.field("protocol", protocol_name(scenario_.protocol));
    out.field("nodes", scenario_.nodes);
    out.field("seed", streams_.run_seed());
  });
  // The nodes are not up yet, but not crashed either.
  coverage_.set_faults(faults_in_effect() & static_cast<uint8_t>(~fault_mask(FaultBit::kCrash)));
  for (NodeId id = 1; id <= scenario_.nodes; ++id) boot(id, false);
  if (clients_) clients_->start();
}

Summary Engine::run() {
  const Time end = Time::zero() + scenario_.duration;
  try {
    schedule_start();
    run_events(end);
  } catch (const AssertionFailure& failure) {
    record_crash(failure, 0);
  }
  if (!stopped_early_ && !crash_) now_ = end;
  trace_.record(now_, 0, "end");
  return summarize();
}

void Engine::run_events(Time end) {
  while (auto next = queue_.next_time()) {
    if (*next > end) break;
    if (events_ >= options_.max_events) {
      stop_early(StopReason::kEventBound, fmt::format("the run reached its bound of {} events", options_.max_events));
      break;
    }
    auto popped = queue_.pop();
    now_ = popped->time;
    ++events_;
    try {
      dispatch(popped->payload);
    } catch (const AssertionFailure& failure) {
      record_crash(failure, popped->payload.node);
      return;
    }
    if (events_ % kLimitCheckEvents == 0) check_limits();
    if (stopped_early_) break;
  }
}

// The run ends at the assertion: the state it found impossible is not one
// to go on from. The trace records it, so the hash tells such runs apart.
void Engine::record_crash(const AssertionFailure& failure, NodeId node) {
  if (crash_) return;
  crash_ = CrashReport{failure.what_failed(), failure.where(), now_.to_ms(), events_, node};
  trace_.record(now_, node, "crash", [&](FieldSink& out) {
    out.field("where", failure.where());
    out.field("what", failure.what_failed());
  });
}

void Engine::dispatch(Event& ev) {
  std::visit(Overloaded{
                 [&](const MessageArrives& m) { deliver(ev, m); },
                 [&](const TimerFires& t) { fire_timer(ev, t); },
                 [&](const SyncCompletes& s) { finish_sync(ev, s); },
                 [&](const RequestArrives& r) { request_arrives(ev, r); },
                 [&](const ReplyArrives& r) { reply_arrives(r); },
                 [&](const ClientTimerFires& c) { clients_->on_timer(now_, c.client, c.token); },
                 [&](const FaultFires& f) { fire_fault(f); },
                 [&](const CheckDue&) { expectations_.check_at(now_, *this); },
                 [&](const PauseEnds&) { resume(ev); },
             },
             ev.what);
}

// A paused node processes nothing: its inputs wait, in order, until resume.
bool Engine::defer_if_paused(NodeSlot& slot, Event& ev) {
  if (!slot.paused) return false;
  slot.deferred.push_back(std::move(ev));
  return true;
}

void Engine::deliver(Event& ev, const MessageArrives& m) {
  NodeSlot& slot = *slots_[static_cast<size_t>(ev.node)];
  const auto drop = [&](std::string_view reason) {
    ++stats_.messages_dropped;
    trace_.record(now_, ev.node, "drop", [&](FieldSink& out) {
      out.field("msg", m.msg);
      out.field("from", m.from);
      out.field("type", m.message->type());
      out.field("reason", reason);
    });
  };
  if (!slot.up || slot.incarnation != ev.incarnation) return drop("receiver crashed");
  // The link is checked again at delivery: a cut since the send loses it.
  if (m.from != ev.node && !network_.link_up(m.from, ev.node)) return drop("link down at delivery");
  if (defer_if_paused(slot, ev)) return;
  ++stats_.messages_delivered;
  trace_.record(now_, ev.node, "deliver", [&](FieldSink& out) {
    out.field("msg", m.msg);  // the send of this id hashed its sender, type and content
    out.detail("from", static_cast<uint64_t>(m.from));
    out.detail("type", m.message->type());
  });
  if (triggers_.wants(TriggerEvent::kReceive))
    cluster_event(ClusterEvent{TriggerEvent::kReceive, ev.node, m.message->type(), 0});
  slot.node->on_message(slot.ctx, m.from, *m.message);
}

void Engine::fire_timer(Event& ev, const TimerFires& t) {
  NodeSlot& slot = *slots_[static_cast<size_t>(ev.node)];
  if (!slot.up || slot.incarnation != ev.incarnation) return;
  const auto pending = slot.timers.find(t.handle);
  if (pending == slot.timers.end()) return;  // cancelled while a pause held it
  if (defer_if_paused(slot, ev)) return;
  slot.timers.erase(pending);
  trace_.record(now_, ev.node, "timer", [&](FieldSink& out) { out.field("timer", t.kind); });
  slot.node->on_timer(slot.ctx, t.kind);
}

void Engine::finish_sync(Event& ev, const SyncCompletes& s) {
  NodeSlot& slot = *slots_[static_cast<size_t>(ev.node)];
  if (!slot.up || slot.incarnation != ev.incarnation) return;
  // The write reaches the platter whether or not the process is paused; only
  // the node's reaction waits.
  slot.disk.complete_sync(s.sync);
  const uint64_t sync_id = s.sync.id;
  if (defer_if_paused(slot, ev)) return;
  trace_.record(now_, ev.node, "synced", [&](FieldSink& out) { out.field("sync", sync_id); });
  slot.node->on_synced(slot.ctx, sync_id);
}

void Engine::request_arrives(Event& ev, const RequestArrives& r) {
  NodeSlot& slot = *slots_[static_cast<size_t>(ev.node)];
  if (!slot.up || slot.incarnation != ev.incarnation) return;  // a crashed node does not answer
  if (defer_if_paused(slot, ev)) return;
  trace_.record(now_, ev.node, "request", [&](FieldSink& out) {
    out.field("client", r.request->client);
    r.request->command.encode(out);
  });
  slot.node->on_client_request(slot.ctx, *r.request);
}

void Engine::reply_arrives(const ReplyArrives& arrived) {
  const ClientReply& r = *arrived.reply;
  trace_.record(now_, 0, "answer", [&](FieldSink& out) {
    out.field("client", r.client);
    out.field("from", arrived.from);
    out.field("seq", r.seq);
    out.field("ok", r.ok);
    if (r.ok) out.field("value", r.value);
    else out.field("leader_hint", r.leader_hint);
  });
  clients_->on_reply(now_, arrived.from, r);
}

void Engine::fire_fault(const FaultFires& f) {
  // A fired fault may schedule another (restart_after), which can grow fired_: copy it.
  const FaultAction action = f.fired ? fired_[f.index] : scenario_.faults[f.index].action;
  const NodeId leader = current_leader();
  const FaultOutcome outcome = apply_fault(action, *this);
  if (leader != 0 && !leader_can_lead(leader)) recovery_.on_leader_lost(now_);
  if (std::holds_alternative<HealFault>(action)) recovery_.on_heal(now_);
  trace_.record(now_, 0, "fault", [&](FieldSink& out) {
    out.field("type", fault_type_name(action));
    out.field("applied", outcome.applied);
    out.field("detail", outcome.detail);
  });
  if (!outcome.applied)
    skipped_.push_back(SkippedFault{now_.to_ms(), std::string(fault_type_name(action)), outcome.detail});
  coverage_.set_faults(faults_in_effect());
}

void Engine::resume(const Event& ev) {
  NodeSlot& slot = *slots_[static_cast<size_t>(ev.node)];
  if (!slot.up || slot.incarnation != ev.incarnation || !slot.paused || now_ < slot.paused_until) return;
  trace_.record(now_, ev.node, "resume", [&](FieldSink& out) { out.field("waiting", slot.deferred.size()); });
  slot.paused = false;
  coverage_.set_faults(faults_in_effect());
  std::vector<Event> waiting = std::move(slot.deferred);
  slot.deferred.clear();
  // Everything that waited runs now, in the order it was due, and before
  // anything else due at this instant (which was due later).
  for (Event& w : waiting) dispatch(w);
}

Summary run_scenario(const Scenario& scenario, RunOptions options) {
  Engine engine(scenario, std::move(options));
  return engine.run();
}

}  // namespace consim
