// Clients: requests, replies, at-most-once commands and linearizable reads.
// PMMC's replicas receive ⟨request, c⟩ and propose it; here only the leader
// takes requests, and every command, reads included, goes through a slot: a
// get is answered with the value its slot's execution read, so it is
// linearized at its slot like a write and never served from local state.
#include "protocols/assert.h"
#include "protocols/multipaxos/node.h"

namespace consim::multipaxos {
namespace {

constexpr ClientId kMaxClientId = 1 << 20;  // a bound on client_sessions_

}  // namespace

// A node that is not an adopted leader rejects the request and names the
// leader it follows, if any.
void MultiPaxosNode::on_client_request(Context& ctx, const ClientRequest& request) {
  const Command& command = request.command;
  if (role_ != Role::kLeader || session(command.client) == nullptr) {
    reply_not_leader(ctx, request.client, command.seq);
    return;
  }
  if (command.op == OpType::kGet && bugs_.local_read) {
    // multipaxos.local-read: answered from local state at once, with no proof
    // that this node is still the leader or has applied every decision.
    ctx.reply(ok_reply(request.client, command.seq, std::string(kv_.read(command.key))));
    return;
  }
  submit(ctx, request);
}

void MultiPaxosNode::reply_not_leader(Context& ctx, ClientId client, uint64_t seq) {
  ctx.reply(not_leader_reply(client, seq, leader_id_ == id_ ? 0 : leader_id_));
}

MultiPaxosNode::ClientSession* MultiPaxosNode::session(ClientId client) {
  if (client < 1 || client > kMaxClientId) return nullptr;
  const auto i = static_cast<size_t>(client);
  if (i >= client_sessions_.size()) client_sessions_.resize(i + 1);
  return &client_sessions_[i];
}

// At most once: a request already applied is answered from the state
// machine's saved result; one already in a slot waits for that slot; only a
// new one is proposed.
void MultiPaxosNode::submit(Context& ctx, const ClientRequest& request) {
  const Command& command = request.command;
  ClientSession& s = *session(command.client);
  if (command.seq < s.seq) return;  // a stale copy: the client has moved on
  if (kv_.applied(command.client, command.seq)) {
    if (const std::string* saved = kv_.saved_result(command.client, command.seq))
      ctx.reply(ok_reply(request.client, command.seq, *saved));
    return;
  }
  if (command.seq == s.seq && s.in_log) {  // a retry of a command already proposed
    s.waiting = true;
    return;
  }
  s = ClientSession{command.seq, /*in_log=*/true, /*waiting=*/true};
  propose(ctx, Proposal{std::make_shared<const Command>(command), command.digest()});
}

void MultiPaxosNode::complete_request(Context& ctx, const Command& command, const std::string& result) {
  if (command.op == OpType::kNoop) return;
  ClientSession* s = session(command.client);
  if (s == nullptr || s->seq != command.seq) return;
  if (s->waiting) ctx.reply(ok_reply(command.client, command.seq, result));
  s->in_log = false;
  s->waiting = false;
}

// A new leader re-proposed the open slots from from_slot on: a client command
// among them is in the log, and a retry of it waits for it rather than being
// proposed again.
void MultiPaxosNode::recover_client_sessions(uint64_t from_slot) {
  for (uint64_t slot = std::max(from_slot, log_.base() + 1); slot <= log_.last(); ++slot) {
    const Command& command = *proposal_at(slot).command;
    if (command.op == OpType::kNoop) continue;
    ClientSession* s = session(command.client);
    if (s == nullptr || command.seq < s->seq) continue;
    *s = ClientSession{command.seq, /*in_log=*/true, /*waiting=*/false};
  }
}

// On losing leadership every waiting client is told to try elsewhere.
void MultiPaxosNode::fail_client_requests(Context& ctx) {
  for (size_t i = 1; i < client_sessions_.size(); ++i) {
    const ClientSession& s = client_sessions_[i];
    if (s.waiting) reply_not_leader(ctx, static_cast<ClientId>(i), s.seq);
  }
  client_sessions_.clear();
}

}  // namespace consim::multipaxos
