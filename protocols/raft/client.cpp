// Clients (dissertation ch. 6): requests, replies, at-most-once writes and
// linearizable reads through ReadIndex (6.4).
#include <algorithm>
#include <array>

#include "protocols/core/assert.h"
#include "protocols/raft/node.h"
#include "protocols/raft/quorum.h"

namespace consim::raft {

// 6.2: a server that is not the leader rejects the request and says which
// leader it knows of, if any.
void RaftNode::on_client_request(Context& ctx, const ClientRequest& request) {
  const Command& command = request.command;
  if (role_ != Role::kLeader || clients_.find(command.client) == nullptr) {
    ctx.probe(Probe::kRaftRedirected);
    ctx.reply(not_leader_reply(request.client, command.seq, leader_hint()));
    return;
  }
  if (command.op != OpType::kGet) {
    propose(ctx, request);
    return;
  }
  if (bugs_.has(Bug::kRaftLocalRead)) {
    // raft.local-read: answered from local state, with no proof that this
    // node is still the leader.
    ctx.reply(ok_reply(request.client, command.seq, std::string(kv_.read(command.key))));
    return;
  }
  start_read(ctx, request);
}

NodeId RaftNode::leader_hint() const { return leader_id_ == id_ ? 0 : leader_id_; }

// A write: appended to the log, answered once applied (6.3: at most once,
// whatever the retries).
void RaftNode::propose(Context& ctx, const ClientRequest& request) {
  const Command& command = request.command;
  // raft.no-dedup forgets what was applied: the retry goes into the log again.
  if (!clients_.admit(ctx, command, kv_, /*dedup=*/!bugs_.has(Bug::kRaftNoDedup))) return;
  append_as_leader(ctx, std::make_shared<const Command>(command), command.digest());
  replicate_new_entries(ctx);
  apply_committed(ctx);  // a no-op unless raft.apply-uncommitted
}

// A read (6.4): 1. it needs an entry of the current term committed (the
// leader's no-op), so that the commit index is the leader's own; 2. the
// commit index becomes the read index; 3. a heartbeat round acknowledged by
// a quorum proves the leader was still leader when the read arrived; 4. the
// answer comes from the state machine once it has applied the read index.
void RaftNode::start_read(Context& ctx, const ClientRequest& request) {
  if (!clients_.admit_read(request.command)) return;
  reads_awaiting_commit_.push_back(request);
  if (committed_in_term_) register_reads(ctx);
}

void RaftNode::register_reads(Context& ctx) {
  if (reads_awaiting_commit_.empty()) return;
  ++heartbeat_round_;
  for (ClientRequest& r : reads_awaiting_commit_)
    pending_reads_.push_back(
        PendingRead{commit_index_, heartbeat_round_, r.command.client, r.command.seq, std::move(r.command.key)});
  reads_awaiting_commit_.clear();
  for (NodeId peer = 1; peer <= nodes_; ++peer)
    if (peer != id_) send_heartbeat(ctx, peer);
  update_confirmed_round();
  serve_reads(ctx);
}

void RaftNode::update_confirmed_round() {
  std::array<uint64_t, 64> acked{};
  for (NodeId node = 1; node <= nodes_; ++node) {
    const auto i = static_cast<size_t>(node);
    acked[i - 1] = node == id_ ? heartbeat_round_ : flow_[i].acked_round;
  }
  confirmed_round_ = quorum_value(std::span<const uint64_t>(acked.data(), static_cast<size_t>(nodes_)), quorum());
}

// Reads leave in arrival order: rounds and read indexes never decrease
// along pending_reads_.
void RaftNode::serve_reads(Context& ctx) {
  while (!pending_reads_.empty()) {
    const PendingRead& r = pending_reads_.front();
    if (r.round > confirmed_round_ || r.read_index > last_applied_) return;
    ctx.probe(Probe::kRaftReadConfirmed);
    clients_.answer_read(ctx, r.client, r.seq, std::string(kv_.read(r.key)));
    pending_reads_.pop_front();
  }
}

// When a leader became leader, entries of earlier terms it has not applied
// may hold client writes: a retry of one must wait for it, not append it
// again.
void RaftNode::recover_client_slots() {
  const uint64_t from = std::max(commit_index_, last_applied_) + 1;
  for (uint64_t index = from; index <= log_.last_index(); ++index) clients_.note_in_log(*log_.at(index).command);
}

// On losing leadership every waiting client is told to try elsewhere.
void RaftNode::fail_client_requests(Context& ctx) {
  clients_.fail_all(ctx, leader_hint());
  reads_awaiting_commit_.clear();
  pending_reads_.clear();
}

}  // namespace consim::raft
