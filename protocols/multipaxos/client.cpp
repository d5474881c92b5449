// Clients: requests, replies, at-most-once commands and linearizable reads.
// PMMC's replicas receive ⟨request, c⟩ and propose it; here only the leader
// takes requests, and every command, reads included, goes through a slot: a
// get is answered with the value its slot's execution read, so it is
// linearized at its slot like a write and never served from local state.
#include "protocols/core/assert.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {

// A node that is not an adopted leader rejects the request and names the
// leader it follows, if any.
void MultiPaxosNode::on_client_request(Context& ctx, const ClientRequest& request) {
  const Command& command = request.command;
  if (role_ != Role::kLeader || clients_.find(command.client) == nullptr) {
    ctx.probe(Probe::kMultiPaxosRedirected);
    ctx.reply(not_leader_reply(request.client, command.seq, leader_hint()));
    return;
  }
  if (command.op == OpType::kGet && bugs_.has(Bug::kMultiPaxosLocalRead)) {
    // multipaxos.local-read: answered from local state at once, with no proof
    // that this node is still the leader or has applied every decision.
    ctx.reply(ok_reply(request.client, command.seq, std::string(kv_.read(command.key))));
    return;
  }
  submit(ctx, request);
}

NodeId MultiPaxosNode::leader_hint() const { return leader_id_ == id_ ? 0 : leader_id_; }

// At most once: a request already applied is answered from the state
// machine's saved result; one already in a slot waits for that slot; only a
// new one is proposed.
void MultiPaxosNode::submit(Context& ctx, const ClientRequest& request) {
  const Command& command = request.command;
  if (!clients_.admit(ctx, command, kv_)) return;
  propose(ctx, Proposal{std::make_shared<const Command>(command), command.digest()});
}

// A new leader re-proposed the open slots from from_slot on: a client command
// among them is in the log, and a retry of it waits for it rather than being
// proposed again.
void MultiPaxosNode::recover_client_sessions(uint64_t from_slot) {
  for (uint64_t slot = std::max(from_slot, log_.base() + 1); slot <= log_.last(); ++slot)
    clients_.note_in_log(*proposal_at(slot).command);
}

// On losing leadership every waiting client is told to try elsewhere.
void MultiPaxosNode::fail_client_requests(Context& ctx) {
  clients_.fail_all(ctx, leader_hint());
}

}  // namespace consim::multipaxos
