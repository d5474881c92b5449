#include "sim/clients.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace consim {
namespace {

// A client told "not leader, and I know of none" waits this long before it
// asks again, so that a leaderless cluster is not flooded.
constexpr Duration kNoLeaderBackoff = Duration::ms(10);
// A bound client turned away asks its node again this much later.
constexpr Duration kBoundBackoff = Duration::ms(50);
// A bound client leaves at most this many writes with an unknown outcome.
constexpr int kMaxAbandonedWrites = 4;

}  // namespace

Clients::Clients(const Workload& workload, int nodes, const RandomStreams& streams, ClientPort& port)
    : w_(workload), nodes_(nodes), port_(port) {
  if (w_.key_skew) {
    double total = 0;
    for (int k = 1; k <= w_.keys; ++k) key_cdf_.push_back(total += std::pow(static_cast<double>(k), -*w_.key_skew));
    for (double& p : key_cdf_) p /= total;
  }
  clients_.resize(static_cast<size_t>(w_.clients));
  for (int i = 0; i < w_.clients; ++i) {
    State& c = clients_[static_cast<size_t>(i)];
    c.id = i + 1;
    c.rng = streams.stream("client", static_cast<uint64_t>(c.id));
    // A bound client's node is its own; a free one draws where to start.
    c.target = w_.bound ? static_cast<NodeId>(i % nodes_ + 1) : static_cast<NodeId>(c.rng.uniform_int(1, nodes_));
  }
}

void Clients::start() {
  for (State& c : clients_) {
    c.waiting = State::Waiting::kThink;
    arm(c, w_.start);
  }
}

void Clients::arm(State& c, Time at) { port_.set_client_timer(c.id, at, ++c.timer_token); }

Command Clients::make_command(State& c) {
  Command cmd;
  const double total = w_.ops.put + w_.ops.get + w_.ops.append;
  const double u = c.rng.uniform_real() * total;
  if (u < w_.ops.put) cmd.op = OpType::kPut;
  else if (u < w_.ops.put + w_.ops.get) cmd.op = OpType::kGet;
  else cmd.op = OpType::kAppend;
  cmd.client = c.id;
  cmd.seq = c.next_seq++;
  // With ops_per_key the key is the shared turn's, and nothing is drawn for it.
  const uint64_t key = w_.ops_per_key ? 1 + ((issued_ - 1) / *w_.ops_per_key) % static_cast<uint64_t>(w_.keys)
                                      : draw_key(c);
  cmd.key = fmt::format("k{}", key);
  // Unique across the run: it names the client and the request.
  if (cmd.op != OpType::kGet) cmd.value = fmt::format("c{}-{}", c.id, cmd.seq);
  return cmd;
}

// Uniform over k1..kN, or with key_skew by its Zipf weights (one draw either way).
uint64_t Clients::draw_key(State& c) {
  if (key_cdf_.empty()) return static_cast<uint64_t>(c.rng.uniform_int(1, w_.keys));
  const double u = c.rng.uniform_real();
  const auto at = std::upper_bound(key_cdf_.begin(), key_cdf_.end(), u);
  return static_cast<uint64_t>(std::min<std::ptrdiff_t>(at - key_cdf_.begin(), w_.keys - 1)) + 1;
}

void Clients::issue_next(Time now, State& c) {
  c.waiting = State::Waiting::kNothing;
  if (now > w_.stop) return;
  if (w_.max_requests && issued_ >= *w_.max_requests) return;
  ++issued_;
  Command cmd = make_command(c);
  HistoryOp op;
  op.client = c.id;
  op.seq = cmd.seq;
  op.op = cmd.op;
  op.key = cmd.key;
  op.value = cmd.value;
  op.invoke = now;
  history_.push_back(std::move(op));
  c.op_index = history_.size() - 1;
  c.outstanding = true;
  send(now, c);
}

void Clients::send(Time now, State& c) {
  HistoryOp& op = history_[c.op_index];
  ++op.attempts;
  op.node = c.target;
  ClientRequest req;
  req.client = c.id;
  req.command.op = op.op;
  req.command.client = c.id;
  req.command.seq = op.seq;
  req.command.key = op.key;
  req.command.value = op.value;
  c.waiting = State::Waiting::kReply;
  arm(c, now + w_.timeout);
  port_.send_request(c.id, c.target, req);
}

void Clients::retry_elsewhere(Time now, State& c, NodeId hint) {
  ++retries_;
  if (w_.bound) {  // the same node again, after a while: it may lead by then
    c.waiting = State::Waiting::kBackoff;
    arm(c, now + kBoundBackoff);
    return;
  }
  if (hint != 0) {
    c.target = hint;
    send(now, c);
    return;
  }
  // Any node but the one that failed us.
  if (nodes_ > 1) {
    NodeId next = static_cast<NodeId>(c.rng.uniform_int(1, nodes_ - 1));
    if (next >= c.target) ++next;
    c.target = next;
  }
  c.waiting = State::Waiting::kBackoff;
  arm(c, now + kNoLeaderBackoff);
}

// Whether a bound client gives up on its timed-out operation. A read left
// unanswered constrains nothing; each write left unknown multiplies what the
// linearizability search must try, so a client leaves at most a few.
bool Clients::give_up(State& c) {
  if (history_[c.op_index].op == OpType::kGet) return true;
  if (c.abandoned_writes >= kMaxAbandonedWrites) return false;
  ++c.abandoned_writes;
  return true;
}

void Clients::on_timer(Time now, ClientId client, uint64_t token) {
  State& c = clients_[static_cast<size_t>(client - 1)];
  if (token != c.timer_token) return;
  switch (c.waiting) {
    case State::Waiting::kNothing: return;
    case State::Waiting::kThink: issue_next(now, c); return;
    case State::Waiting::kBackoff: send(now, c); return;
    case State::Waiting::kReply:  // timed out: give up on that node
      if (w_.bound && give_up(c)) {
        // As Jepsen's clients do: the operation's outcome is unknown (it stays
        // pending in the history, and may yet take effect), and the client
        // goes on with its next one, at the same node.
        c.outstanding = false;
        c.waiting = State::Waiting::kThink;
        arm(c, now + c.rng.uniform_duration(w_.think));
        return;
      }
      if (w_.bound) {  // it has given up on enough writes: this one it sends again
        send(now, c);
        return;
      }
      retry_elsewhere(now, c, 0);
      return;
  }
}

void Clients::on_reply(Time now, NodeId from, const ClientReply& reply) {
  if (reply.client < 1 || reply.client > w_.clients) return;
  State& c = clients_[static_cast<size_t>(reply.client - 1)];
  // Late, duplicated or stale answers for an earlier request are ignored.
  if (!c.outstanding) return;
  HistoryOp& op = history_[c.op_index];
  if (reply.seq != op.seq) return;
  if (!reply.ok) {
    // Only the node being asked can turn the client away: a late "not
    // leader" from a node asked before must not abandon the current attempt.
    if (c.waiting != State::Waiting::kReply || from != c.target) return;
    const NodeId hint = reply.leader_hint != c.target ? reply.leader_hint : 0;
    retry_elsewhere(now, c, hint);
    return;
  }
  op.outcome = Outcome::kOk;
  op.complete = now;
  op.result = reply.value;
  ok_latencies_ms_.push_back((now - op.invoke).to_ms());
  c.outstanding = false;
  c.waiting = State::Waiting::kThink;
  arm(c, now + c.rng.uniform_duration(w_.think));
}

}  // namespace consim
