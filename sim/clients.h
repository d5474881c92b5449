// Closed-loop clients (scenarios/README.md, `workload`): each client has at most
// one request outstanding, waits think_ms after each answer, then sends the
// next. A request that gets no answer within timeout_ms is retried at another
// node under the same (client, seq) id; a "not leader" answer is retried at
// the hinted leader. Each client draws from its own random stream.
#pragma once

#include <cstdint>
#include <vector>

#include "protocols/core/command.h"
#include "scenarios/scenario.h"
#include "sim/history.h"
#include "protocols/core/random.h"
#include "protocols/core/time.h"

namespace consim {

// What the clients need from the engine.
class ClientPort {
 public:
  virtual ~ClientPort() = default;
  virtual void send_request(ClientId client, NodeId node, const ClientRequest& request) = 0;
  // Calls Clients::on_timer(client, token) at `at`.
  virtual void set_client_timer(ClientId client, Time at, uint64_t token) = 0;
};

class Clients {
 public:
  Clients(const Workload& workload, int nodes, const RandomStreams& streams, ClientPort& port);

  void start();  // schedules every client's first request at start_ms
  void on_timer(Time now, ClientId client, uint64_t token);
  // `from` is the node that answered.
  void on_reply(Time now, NodeId from, const ClientReply& reply);

  const History& history() const { return history_; }
  const std::vector<double>& ok_latencies_ms() const { return ok_latencies_ms_; }
  uint64_t retries() const { return retries_; }

 private:
  struct State {
    ClientId id = 0;
    Rng rng{0};
    uint64_t next_seq = 1;
    bool outstanding = false;
    size_t op_index = 0;     // into history_ when outstanding
    NodeId target = 1;       // node the next send goes to
    uint64_t timer_token = 0;  // only the latest timer counts
    int abandoned_writes = 0;  // bound: writes it gave up on, whose outcome is unknown
    enum class Waiting : uint8_t { kNothing, kThink, kReply, kBackoff } waiting = Waiting::kNothing;
  };

  void issue_next(Time now, State& c);
  void send(Time now, State& c);
  void retry_elsewhere(Time now, State& c, NodeId hint);
  bool give_up(State& c);
  void arm(State& c, Time at);
  Command make_command(State& c);
  uint64_t draw_key(State& c);

  Workload w_;
  std::vector<double> key_cdf_;  // with key_skew: P(key <= k + 1), by k
  int nodes_;
  ClientPort& port_;
  std::vector<State> clients_;
  History history_;
  std::vector<double> ok_latencies_ms_;
  uint64_t issued_ = 0;
  uint64_t retries_ = 0;
};

}  // namespace consim
