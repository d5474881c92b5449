#include "tests/sim/support/echo_node.h"

#include <cassert>
#include <string>

namespace consim::test {

void EchoPing::encode(FieldSink& out) const {
  out.field("counter", counter);
  out.field_signed("sent_us", sent_at.us());
  out.field("boot", boot);
}

EchoWorld& EchoWorld::get() {
  static EchoWorld world;
  return world;
}

void EchoWorld::reset(int nodes, EchoKnobs knobs, NodeId leader) {
  knobs_.assign(static_cast<size_t>(nodes) + 1, knobs);
  logs_.assign(static_cast<size_t>(nodes) + 1, EchoNodeLog{});
  leader_ = leader;
}

EchoKnobs& EchoWorld::knobs(NodeId node) {
  assert(node >= 1 && static_cast<size_t>(node) < knobs_.size());
  return knobs_[static_cast<size_t>(node)];
}

EchoNodeLog& EchoWorld::log(NodeId node) {
  assert(node >= 1 && static_cast<size_t>(node) < logs_.size());
  return logs_[static_cast<size_t>(node)];
}

const EchoNodeLog& EchoWorld::log(NodeId node) const {
  assert(node >= 1 && static_cast<size_t>(node) < logs_.size());
  return logs_[static_cast<size_t>(node)];
}

void EchoNode::boot(Context& ctx, std::span<const RecordPtr> durable) {
  EchoWorld& world = EchoWorld::get();
  for (const RecordPtr& r : durable)
    if (const auto* c = dynamic_cast<const CounterRecord*>(r.get())) counter_ = c->value;
  EchoNodeLog& log = world.log(id_);
  log.boots.push_back(EchoBoot{ctx.now(), counter_, durable.size()});
  boot_ = static_cast<int>(log.boots.size());
  const bool leads = world.leader() == id_;
  ctx.observe(RoleChanged{leads ? Role::kLeader : Role::kFollower, world.leader() != 0 ? 1u : 0u});
  arm_tick(ctx);
}

void EchoNode::arm_tick(Context& ctx) {
  const EchoKnobs& k = EchoWorld::get().knobs(id_);
  if (k.max_ticks != 0 && ticks_ >= k.max_ticks) return;
  Duration after = k.tick;
  if (k.jitter > Duration::zero()) after += Duration::us(ctx.rng().uniform_int(0, k.jitter.count_us()));
  tick_timer_ = ctx.set_timer(after, kEchoTickTimer);
}

void EchoNode::on_timer(Context& ctx, int kind) {
  assert(kind == kEchoTickTimer);
  (void)kind;
  EchoWorld& world = EchoWorld::get();
  const EchoKnobs& k = world.knobs(id_);
  tick_timer_ = TimerHandle{};
  ++ticks_;
  ++counter_;
  EchoNodeLog& log = world.log(id_);
  log.ticks.push_back(EchoTick{ctx.now(), counter_, boot_, ++log.inputs});
  ctx.write(std::make_shared<CounterRecord>(counter_));
  if (k.sync_writes) ctx.sync();
  if (k.report_commits) ctx.observe(CommitAdvanced{counter_});
  if (k.send_pings) {
    const auto ping = std::make_shared<EchoPing>(counter_, ctx.now(), boot_);
    for (NodeId to = 1; to <= nodes_; ++to)
      if (to != id_) ctx.send(to, ping);
  }
  arm_tick(ctx);
}

void EchoNode::on_message(Context& ctx, NodeId from, const Message& message) {
  EchoWorld& world = EchoWorld::get();
  const auto* ping = dynamic_cast<const EchoPing*>(&message);
  assert(ping != nullptr);
  EchoNodeLog& log = world.log(id_);
  log.receipts.push_back(
      EchoReceipt{ctx.now(), from, ping->counter, ping->sent_at, ping->boot, boot_, ++log.inputs});
  if (tick_timer_.valid() && ctx.now() >= world.knobs(id_).cancel_tick_on_ping_after) {
    ctx.cancel_timer(tick_timer_);
    tick_timer_ = TimerHandle{};
    log.tick_cancelled = true;
  }
}

void EchoNode::on_client_request(Context& ctx, const ClientRequest& request) {
  EchoNodeLog& log = EchoWorld::get().log(id_);
  log.requests.push_back(EchoRequest{ctx.now(), request.client, request.command.seq, ++log.inputs});
  ctx.reply(ok_reply(request.client, request.command.seq, std::to_string(counter_)));
}

void EchoNode::on_synced(Context& ctx, uint64_t sync_id) {
  EchoNodeLog& log = EchoWorld::get().log(id_);
  log.synced.push_back(EchoSynced{ctx.now(), sync_id, boot_, ++log.inputs});
}

NodeStatus EchoNode::status() const {
  const NodeId leader = EchoWorld::get().leader();
  NodeStatus s;
  s.role = leader == id_ ? Role::kLeader : Role::kFollower;
  s.term = leader != 0 ? 1 : 0;
  s.leader = leader;
  s.log_entries = counter_;
  return s;
}

std::unique_ptr<Node> make_echo_node(const NodeSetup& setup) { return std::make_unique<EchoNode>(setup); }

}  // namespace consim::test
