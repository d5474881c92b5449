// A Basic Paxos node (Lamport, "Paxos Made Simple", 2001, section 2): every
// node is proposer, acceptor and learner. Each key of the key-value workload
// is a write-once register decided by its own single-decree instance
// (instance.h); instances share nothing but the node's journal and timers.
//
// Acceptor (2.2, 2.5). Per instance: promised_ballot, accepted_ballot and
// accepted_value, in the journal and synced before any Promise or Accepted
// that depends on them leaves. P1a: a Prepare below promised_ballot, or an
// Accept below it, is refused with a Nack carrying promised_ballot.
//
// Proposer (2.2, 2.4, 2.5). A round picks a ballot above every ballot this
// node has seen for the instance, promises it to its own acceptor first (that
// durable promise is the proposer's stable record of the highest ballot it
// tried, so a restart never reuses one), and sends Prepare to everyone. With
// a majority of Promises it proposes the value of the highest-ballot
// accepted proposal among them (P2c), or else its client's command; with a
// majority of Accepteds for its ballot the value is chosen. A Nack abandons
// the round (2.2's suggested optimization); so does a round that gets no
// majority within a timeout, which doubles with each consecutive timeout.
// Either way the proposer waits a random backoff drawn from
// config.retry_backoff (2.4: "a randomized delay") before a higher ballot;
// after consecutive lost rounds the top of that range doubles with each loss
// (binary exponential backoff), so that proposers whose rounds take longer
// than the range (slow disks) still draw far enough apart. A round that
// reaches phase 2 resets both the timeout and the backoff.
//
// 2.4 also observes that progress needs one proposer to be left alone: a
// proposer whose own acceptor has just promised or accepted another
// proposer's ballot for the instance (a rival still at work) does not start
// a round that would pre-empt it; it waits until the rival has been silent
// for a round timeout, by which time the rival has either chosen a value
// (and this node learns it) or failed. Random backoff alone cannot separate
// proposers whose rounds take longer than the backoff (slow disks).
//
// Learner (2.3). The proposer is the "distinguished learner": it counts the
// Accepted replies sent to it, and once a majority accepted its ballot it
// learns the value and informs the other learners with Chosen. Every node
// that learns a value (first-hand, from Chosen, or from its journal at boot)
// repeats Chosen to each peer until that peer acknowledges it; a ChosenAck
// leaves only once the acknowledger's LearnedValue record is durable, so an
// acknowledged peer knows the value for good. An acceptor asked to Prepare or
// Accept in an instance it has learned also answers with Chosen. Together
// these bring every node up to date once faults heal, without a periodic
// scan: a node that misses a decision is told again, and the repeat stops
// once everyone has it.
//
// Clients: put and append propose their Command; a get proposes nothing. Every
// request is answered, once the instance's value is learned, with that
// command's value (write-once: the first value chosen is the register's only
// value). A get on an instance with nothing accepted anywhere in a majority is
// answered "" (the register was still empty when the first of those promises
// was made, which is after the get arrived).
//
// The handlers live in one file per job:
//   node.cpp        construction, boot (journal replay), dispatch, status
//   acceptor.cpp    Prepare and Accept: phase 1b and 2b
//   proposer.cpp    rounds: ballots, Promise, Accepted, Nack, backoff
//   learner.cpp     learning a chosen value; Chosen and ChosenAck
//   client.cpp      client requests and replies
//   durability.cpp  the journal, syncs, what waits for a sync, compaction
//   timers.cpp      the round timer and the Chosen repeat timer
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "protocols/core/node.h"
#include "protocols/durable_outbox.h"
#include "protocols/paxos/ballot.h"
#include "protocols/paxos/messages.h"
#include "protocols/paxos/records.h"
#include "protocols/paxos/value.h"
#include "protocols/timer.h"

namespace consim::paxos {

// The kinds of timer a Paxos node sets (the `kind` of Context::set_timer).
enum TimerKind : int {
  kRoundTimer = 1,   // proposers: the earliest round timeout or end of a backoff
  kChosenTimer = 2,  // learners: repeat Chosen to peers that have not acknowledged it
};

// Timing the scenario's config does not set. A round's first timeout is
// kRoundTimeout (round trips on an ordinary network) plus two of this node's
// recent sync latencies (a round waits for two syncs in a row: the
// proposer's own promise, then the acceptors'); doubling it on each
// consecutive timeout (up to 16x) lets rounds finish on a slow network
// instead of pre-empting themselves forever.
inline constexpr Duration kRoundTimeout = Duration::ms(100);
inline constexpr int kMaxRoundTimeoutDoublings = 4;
// Waiting for a rival grows less (2.4): a proposer with a write that yields
// to a stream of readers' rounds must not starve for seconds once they stop.
inline constexpr int kMaxYieldDoublings = 2;
inline constexpr int kMaxBackoffDoublings = 5;
inline constexpr Duration kChosenRepeat = Duration::ms(100);
// The journal is compacted when it holds this many records more than twice
// the instances it describes.
inline constexpr uint64_t kCompactionSlack = 64;

class PaxosNode final : public Node {
 public:
  PaxosNode(NodeId id, int nodes, const BasicPaxosConfig& config);

  void boot(Context& ctx, std::span<const RecordPtr> durable) override;
  void on_message(Context& ctx, NodeId from, const Message& message) override;
  void on_timer(Context& ctx, int kind) override;
  void on_client_request(Context& ctx, const ClientRequest& request) override;
  void on_synced(Context& ctx, uint64_t sync_id) override;
  NodeStatus status() const override;

  // Read-only views for tests and reports: this node's acceptor state for an
  // instance (null if it never took part), and the value it learned (null
  // if none).
  const AcceptorState* acceptor_state(uint64_t instance) const;
  const Value* learned_value(uint64_t instance) const;

 private:
  // A chosen value this node knows.
  struct Learned {
    Value value;
    uint64_t has_it = 0;  // bit per node known to hold it durably (this node included)
  };
  // A client request waiting for its instance's value.
  struct Waiter {
    ClientId client = 0;
    uint64_t seq = 0;
    bool read = false;               // a get: may be answered "" by a round started after it arrived
    uint64_t rounds_at_arrival = 0;  // Proposal::rounds when it arrived
  };
  enum class Phase : uint8_t { kPreparing, kAccepting, kBackingOff };
  // A proposer's work on one instance, from the first client request until
  // the value is learned (or a read finds the register empty). Volatile.
  struct Proposal {
    Phase phase = Phase::kBackingOff;
    uint64_t ballot = 0;        // of the current round (or the last one tried)
    uint64_t highest_seen = 0;  // the highest ballot a Nack reported
    uint64_t rounds = 0;        // rounds started
    int timeouts = 0;           // consecutive rounds that timed out (or waits for a rival)
    int losses = 0;             // consecutive rounds refused or timed out
    Time deadline;              // kPreparing/kAccepting: round timeout; kBackingOff: next round
    // Phase 1 of `ballot`.
    uint64_t promised = 0;                 // bit per acceptor
    uint64_t highest_accepted_ballot = 0;  // among the promises
    Value highest_accepted_value;
    Value first_promise_value;             // paxos.first-promise-value only: what the first promise carried
    // Phase 2 of `ballot`.
    Value proposed;
    uint64_t accepted = 0;  // bit per acceptor
    Value own_value;        // a client's put or append, proposed if the instance is free
    std::vector<Waiter> waiters;
  };
  // Something that may happen only once everything written so far is durable.
  using DurableAction = std::variant<Outgoing, Observation, ClientReply>;

  // --- node.cpp
  void replay(const PaxosRecordBody& record);
  void dispatch(Context& ctx, NodeId from, const PaxosPayload& payload);
  void send(Context& ctx, NodeId to, MessagePtr message);
  void drain_local(Context& ctx);
  int quorum() const;
  int accept_quorum() const;
  uint64_t bit(NodeId node) const { return uint64_t{1} << (node - 1); }
  uint64_t all_nodes() const;

  // --- acceptor.cpp
  void receive(Context& ctx, NodeId from, const Prepare& m);
  void receive(Context& ctx, NodeId from, const Accept& m);
  AcceptorState& acceptor(uint64_t instance);
  void persist(Context& ctx, const AcceptorState& state, const Observation& observation);

  // --- proposer.cpp
  void receive(Context& ctx, NodeId from, const Promise& m);
  void receive(Context& ctx, NodeId from, const Accepted& m);
  void receive(Context& ctx, NodeId from, const Nack& m);
  void start_round(Context& ctx, uint64_t instance, Proposal& p);
  bool yield_to_rival(Context& ctx, uint64_t instance, Proposal& p);
  void rival_at_work(Context& ctx, NodeId from, uint64_t instance);
  void finish_phase1(Context& ctx, uint64_t instance, Proposal& p);
  void begin_accept(Context& ctx, uint64_t instance, Proposal& p, Value value);
  void back_off(Context& ctx, Proposal& p);
  void on_round_timeout(Context& ctx, uint64_t instance, Proposal& p);
  uint64_t next_ballot(uint64_t instance, const Proposal& p) const;
  Duration round_timeout(const Proposal& p) const;
  Proposal* proposal(uint64_t instance);

  // --- learner.cpp
  void learn(Context& ctx, uint64_t instance, const Value& value, NodeId from);
  void receive(Context& ctx, NodeId from, const Chosen& m);
  void receive(Context& ctx, NodeId from, const ChosenAck& m);
  void tell_if_learned(Context& ctx, NodeId to, uint64_t instance);
  void push_chosen(Context& ctx, uint64_t instance, const Learned& l);
  void repeat_chosen(Context& ctx);

  // --- client.cpp
  bool add_waiter(Proposal& p, const ClientRequest& request);
  void answer_waiters(Context& ctx, const Proposal& p, const Value& value);
  void answer_empty_reads(Context& ctx, Proposal& p);

  // --- durability.cpp
  void write(Context& ctx, PaxosRecordBody record);
  void start_sync(Context& ctx);
  void after_durable(Context& ctx, DurableAction action);
  void send_durable(Context& ctx, NodeId to, MessagePtr message);
  void perform(Context& ctx, DurableAction& action);
  void maybe_compact(Context& ctx);

  // --- timers.cpp
  void rearm_round_timer(Context& ctx);
  void on_round_timer(Context& ctx);
  void arm_chosen_timer(Context& ctx);
  void on_chosen_timer(Context& ctx);

  // Fixed at construction.
  const NodeId id_;
  const int nodes_;
  const BasicPaxosConfig config_;
  BugSet bugs_;  // the injected bugs this node honours (README, "Checkers and injected bugs"), read at boot

  // Acceptor, per instance; durable through AcceptorState records.
  std::map<uint64_t, AcceptorState> acceptors_;
  // Learner, per instance; the values durable through LearnedValue records.
  std::map<uint64_t, Learned> learned_;
  // Proposer, per instance; volatile.
  std::map<uint64_t, Proposal> proposals_;
  // When this node's acceptor last promised or accepted another proposer's
  // ballot, per instance with a proposal or not; volatile. Entries go when
  // the instance is learned.
  std::map<uint64_t, Time> rival_seen_at_;
  // Messages this node sends itself (its proposer to its acceptor and back),
  // handled after the current input so that no handler re-enters another.
  std::deque<MessagePtr> local_inbox_;

  Timer round_timer_{kRoundTimer};
  Timer chosen_timer_{kChosenTimer};

  // Durability (durability.cpp).
  DurableOutbox<DurableAction> outbox_;  // what waits for a sync
  uint64_t journal_records_ = 0;
  struct SyncInFlight {
    uint64_t id = 0;
    Time started;
  };
  std::deque<SyncInFlight> syncs_in_flight_;
  Duration sync_latency_ = Duration::zero();  // of the newest completed sync, on this node's clock
};

}  // namespace consim::paxos
