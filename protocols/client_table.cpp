#include "protocols/client_table.h"

namespace consim {
namespace {

constexpr ClientId kMaxClientId = 1 << 20;  // a bound on the table's size

}  // namespace

ClientTable::Request* ClientTable::find(ClientId client) {
  if (client < 1 || client > kMaxClientId) return nullptr;
  const auto i = static_cast<size_t>(client);
  if (i >= by_client_.size()) by_client_.resize(i + 1);
  return &by_client_[i];
}

bool ClientTable::admit(Context& ctx, const Command& command, const KvStore& kv, bool dedup) {
  Request* r = find(command.client);
  if (r == nullptr || command.seq < r->seq) return false;  // a stale copy: the client has moved on
  if (dedup && kv.applied(command.client, command.seq)) {
    if (const std::string* saved = kv.saved_result(command.client, command.seq))
      ctx.reply(ok_reply(command.client, command.seq, *saved));
    return false;
  }
  if (command.seq == r->seq && r->in_log) {  // a retry of a command already in the log
    r->waiting = true;
    return false;
  }
  *r = Request{command.seq, /*in_log=*/true, /*waiting=*/true};
  return true;
}

bool ClientTable::admit_read(const Command& command) {
  Request* r = find(command.client);
  if (r == nullptr || command.seq < r->seq) return false;   // a stale copy
  if (command.seq == r->seq && r->waiting) return false;    // already being served
  *r = Request{command.seq, /*in_log=*/false, /*waiting=*/true};
  return true;
}

void ClientTable::complete(Context& ctx, const Command& command, const std::string& result) {
  if (command.op == OpType::kNoop) return;
  Request* r = find(command.client);
  if (r == nullptr || r->seq != command.seq) return;
  if (r->waiting) ctx.reply(ok_reply(command.client, command.seq, result));
  r->in_log = false;
  r->waiting = false;
}

void ClientTable::answer_read(Context& ctx, ClientId client, uint64_t seq, std::string value) {
  Request* r = find(client);
  if (r == nullptr || r->seq != seq || !r->waiting) return;
  ctx.reply(ok_reply(client, seq, std::move(value)));
  r->waiting = false;
}

void ClientTable::note_in_log(const Command& command) {
  if (command.op == OpType::kNoop) return;
  Request* r = find(command.client);
  if (r == nullptr || command.seq < r->seq) return;
  *r = Request{command.seq, /*in_log=*/true, /*waiting=*/false};
}

void ClientTable::fail_all(Context& ctx, NodeId leader_hint) {
  for (size_t i = 1; i < by_client_.size(); ++i) {
    const Request& r = by_client_[i];
    if (r.waiting) ctx.reply(not_leader_reply(static_cast<ClientId>(i), r.seq, leader_hint));
  }
  by_client_.clear();
}

}  // namespace consim
