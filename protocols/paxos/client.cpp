// Client requests (scenarios/README.md, `workload`, basic-paxos): a key is a
// write-once register. put and append propose their command; every
// operation is answered with the value its instance chose. Retries carry the
// same (client, seq) and may be answered again: the register is written once,
// so answering twice changes nothing.
#include "protocols/paxos/instance.h"
#include "protocols/paxos/node.h"

namespace consim::paxos {
namespace {

bool proposes(OpType op) { return op == OpType::kPut || op == OpType::kAppend; }

}  // namespace

// A node that has learned the instance answers at once (once its record of
// the value is durable). Otherwise the request waits for the instance's
// proposal, which starts with the first request.
void PaxosNode::on_client_request(Context& ctx, const ClientRequest& request) {
  const Command& command = request.command;
  const uint64_t instance = instance_of(command.key);
  if (const Value* value = learned_value(instance)) {
    after_durable(ctx, ok_reply(request.client, command.seq, value->command->value));
    return;
  }
  const auto [it, created] = proposals_.try_emplace(instance);
  Proposal& p = it->second;
  if (!add_waiter(p, request)) {
    if (created) proposals_.erase(it);
    return;
  }
  // The first command this node is asked to write is the one it proposes
  // whenever the instance is free; later ones learn what was chosen.
  if (proposes(command.op) && !p.own_value) p.own_value = make_value(command);
  if (created) start_round(ctx, instance, p);
  drain_local(ctx);
}

// One waiter per client (a client has one request outstanding). False for a
// stale copy of a request the client has moved on from.
bool PaxosNode::add_waiter(Proposal& p, const ClientRequest& request) {
  const Waiter arriving{request.client, request.command.seq, !proposes(request.command.op), p.rounds};
  for (Waiter& w : p.waiters) {
    if (w.client != request.client) continue;
    if (w.seq > arriving.seq) return false;
    if (w.seq < arriving.seq) w = arriving;
    return true;  // a retry keeps its place
  }
  p.waiters.push_back(arriving);
  return true;
}

void PaxosNode::answer_waiters(Context& ctx, const Proposal& p, const Value& value) {
  for (const Waiter& w : p.waiters) after_durable(ctx, ok_reply(w.client, w.seq, value.command->value));
}

// The round's promises came from a majority and none had accepted anything:
// no value was chosen when the first of them was made (any later choice
// needs one of these acceptors to accept after promising), so the register
// was empty then. That moment is after a read's arrival only if the round
// began after it.
void PaxosNode::answer_empty_reads(Context& ctx, Proposal& p) {
  std::erase_if(p.waiters, [&](const Waiter& w) {
    if (!w.read || w.rounds_at_arrival >= p.rounds) return false;
    ctx.reply(ok_reply(w.client, w.seq, ""));
    return true;
  });
}

}  // namespace consim::paxos
