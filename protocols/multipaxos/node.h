// A Multi-Paxos server after "Paxos Made Moderately Complex" (van Renesse and
// Altinbuken 2015, "PMMC"): every node is an acceptor, a replica (learner and
// state machine) and a potential leader. The leader's scout and commanders
// are folded into the node: phase 1 runs once for every slot from the
// leader's first undecided slot on (PMMC section 3, "adopted"; the usual
// Multi-Paxos optimization), then each command needs only phase 2. Leader
// election is by timeout, as in PMMC section 5's "failure detection": a node
// that hears no leader for a random leader_timeout_ms starts a scout with a
// higher ballot; a preempted leader or scout steps down and waits.
//
// One file per job:
//   node.cpp        construction, boot (journal replay), dispatch, status,
//                   and the only functions that change the role
//   timers.cpp      the leader timeout and the heartbeat
//   durability.cpp  the journal, syncs, and messages that wait for a sync
//   acceptor.cpp    the acceptor: p1a, p2a and InstallSnapshot
//   scout.cpp       phase 1 at the leader: p1a out, p1b in, pmax, adoption
//   commander.cpp   phase 2 at the leader: proposing, p2a out, p2b in
//   learner.cpp     learning decisions and applying them in slot order
//   client.cpp      client requests and replies
//   snapshot.cpp    compaction and snapshots for lagging replicas
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "protocols/client_table.h"
#include "protocols/kv_store.h"
#include "protocols/multipaxos/messages.h"
#include "protocols/multipaxos/records.h"
#include "protocols/multipaxos/slots.h"
#include "protocols/core/node.h"
#include "protocols/durable_outbox.h"
#include "protocols/timer.h"

namespace consim::multipaxos {

// The kinds of timer a node sets (the `kind` of Context::set_timer).
enum TimerKind : int {
  kLeaderTimer = 1,     // followers and candidates: no leader heard from; start a scout
  kHeartbeatTimer = 2,  // leaders: p2a to every acceptor; candidates: p1a again to the silent
};

class MultiPaxosNode final : public Node {
 public:
  MultiPaxosNode(NodeId id, int nodes, const MultiPaxosConfig& config);

  void boot(Context& ctx, std::span<const RecordPtr> durable) override;
  void on_message(Context& ctx, NodeId from, const Message& message) override;
  void on_timer(Context& ctx, int kind) override;
  void on_client_request(Context& ctx, const ClientRequest& request) override;
  void on_synced(Context& ctx, uint64_t sync_id) override;
  NodeStatus status() const override;

 private:
  // The leader's view of one acceptor in phase 2.
  struct Peer {
    uint64_t next_slot = 0;          // the next slot to send it
    uint64_t match_slot = 0;         // it decided or accepted in this ballot every slot up to here
    uint64_t next_at_last_tick = 0;  // next_slot at the previous heartbeat (to spot lost p2a)
  };
  struct PendingSync {
    uint64_t id = 0;
    uint64_t covers_slot = 0;  // leaders: their own acceptances are durable through here once it completes
    uint64_t ballot = 0;       // the leader's ballot when it started (0: not leading)
    std::vector<ValueAccepted> accepts;  // reported once this sync completes
  };

  // --- node.cpp: dispatch and the role changes (STYLE.md 2).
  void replay(const MultiPaxosRecordBody& record);
  void become_follower(Context& ctx, NodeId leader);
  void become_candidate(Context& ctx);
  void become_leader(Context& ctx);
  void stop_leading(Context& ctx);
  // The rule for every role: a message carrying a ballot above the promised
  // one raises the promise, and a leader or scout of a lower ballot is
  // preempted (PMMC: "preempted") and steps down.
  void adopt_ballot(Context& ctx, uint64_t ballot);
  int quorum() const;         // phase 1
  int accept_quorum() const;  // phase 2 (paxos.minority-accept: 1)
  uint64_t bit(NodeId node) const { return uint64_t{1} << (node - 1); }

  // --- timers.cpp
  void reset_leader_timer(Context& ctx);
  void on_leader_timer(Context& ctx);
  void on_heartbeat_timer(Context& ctx);
  void heard_from_leader(Context& ctx, NodeId leader);

  // --- durability.cpp
  void write(Context& ctx, MultiPaxosRecordBody record);
  void persist_promise(Context& ctx);
  uint64_t start_sync(Context& ctx);
  void send_durable(Context& ctx, NodeId to, MessagePtr message);
  void rewrite_journal(Context& ctx);

  // --- acceptor.cpp
  void receive(Context& ctx, NodeId from, const P1a& m);
  void receive(Context& ctx, NodeId from, const P2a& m);
  void receive(Context& ctx, NodeId from, const InstallSnapshot& m);
  void follow_leader_of_ballot(Context& ctx, uint64_t ballot);
  size_t accept(Context& ctx, uint64_t ballot, uint64_t first_slot, const ProposalBatch& batch);
  std::vector<PValue> accepted_from(uint64_t from_slot) const;
  uint64_t ready_through(uint64_t ballot, uint64_t chosen_through);

  // --- scout.cpp
  void send_prepare(Context& ctx, NodeId peer);
  void receive(Context& ctx, NodeId from, const P1b& m);
  void count_promise(Context& ctx, NodeId from, std::span<const PValue> accepted,
                     const std::shared_ptr<const KvSnapshot>& snapshot);
  void merge_pvalue(const PValue& pv);
  void count_own_promise(Context& ctx);

  // --- commander.cpp
  const Proposal& proposal_at(uint64_t slot) const;
  void propose(Context& ctx, Proposal proposal);
  void send_accepts(Context& ctx, NodeId peer);
  ProposalBatch batch_from(uint64_t from);
  void receive(Context& ctx, NodeId from, const P2b& m);
  void receive(Context& ctx, NodeId from, const InstallSnapshotReply& m);
  void count_accept(Context& ctx, uint64_t slot, NodeId acceptor);
  void self_accept_through(Context& ctx, uint64_t slot);
  void heard_ready_through(Context& ctx, NodeId peer, uint64_t ready);
  uint64_t first_unaccepted(NodeId peer, uint64_t before) const;

  // --- learner.cpp
  void learn(Context& ctx, uint64_t slot, const Proposal& decision);
  void learn_chosen(Context& ctx, uint64_t ballot, uint64_t chosen_through);
  void advance_decided(Context& ctx);
  void apply_decided(Context& ctx);

  // --- client.cpp
  void submit(Context& ctx, const ClientRequest& request);
  NodeId leader_hint() const;  // for a refused client: the leader this node follows (0: none)
  void recover_client_sessions(uint64_t from_slot);
  void fail_client_requests(Context& ctx);

  // --- snapshot.cpp
  void maybe_compact(Context& ctx);
  void send_snapshot(Context& ctx, NodeId peer);
  void install_snapshot(Context& ctx, const std::shared_ptr<const KvSnapshot>& snapshot);

  // Fixed at construction.
  const NodeId id_;
  const int nodes_;
  const MultiPaxosConfig config_;
  BugSet bugs_;  // the injected bugs this node honours (README, "Checkers and injected bugs"), read at boot

  // Acceptor (PMMC's ballot_num and accepted), durable through
  // PromisedBallot and PValuesAccepted; the slots also hold the learner's
  // decisions and the leader's acknowledgments.
  uint64_t promised_ballot_ = 0;
  SlotLog log_;
  std::shared_ptr<const KvSnapshot> snapshot_;  // covers log_.base(); null while the base is 0
  bool snapshot_installed_ = false;

  // Replica (volatile): the decided prefix and the state machine after it.
  uint64_t decided_through_ = 0;  // every slot up to here is decided (PMMC's slot_out - 1)
  uint64_t last_applied_ = 0;
  KvStore kv_;
  Role role_ = Role::kFollower;
  NodeId leader_id_ = 0;  // the leader of promised_ballot_ this node has heard from (itself when leader)
  // Followers: ready_through() caches its run of slots for one ballot.
  uint64_t ready_ballot_ = 0;  // 0: no cache
  uint64_t ready_from_ = 0;
  uint64_t ready_through_ = 0;

  // Leader timeout.
  Timeout leader_timeout_{kLeaderTimer};
  Timer heartbeat_timer_{kHeartbeatTimer};

  // Leader and scout (PMMC's leader): ballot_ is its ballot_num, which it
  // also promised as an acceptor.
  uint64_t ballot_ = 0;
  uint64_t from_slot_ = 0;          // scout: phase 1 covers every slot from here on
  uint64_t promises_ = 0;           // scout: a bit per acceptor that promised ballot_
  uint64_t own_promise_sync_ = 0;   // scout: its own promise counts once this sync completes
  std::vector<PValue> pvalues_;     // scout: pmax so far, pvalues_[k] for slot from_slot_ + k
  std::vector<Peer> peers_;         // commander: by node id (entry 0 and the leader's own unused)
  uint64_t self_accepted_through_ = 0;  // the leader's own acceptances counted through here
  ProposalBatch last_batch_;            // the proposals last sent, shared by every p2a carrying them
  uint64_t last_batch_first_ = 0;       // slot of (*last_batch_)[0]

  // Clients (leaders only).
  ClientTable clients_;

  // Durability (durability.cpp).
  uint64_t persisted_ballot_ = 0;
  DurableOutbox<Outgoing> outbox_;  // the messages that wait for a sync
  // Acceptances written but not yet covered by a started sync. Checkers hear
  // of an acceptance only once it is durable: one a crash erases was never
  // made, as far as any other node can tell.
  std::vector<ValueAccepted> unsynced_accepts_;
  std::deque<PendingSync> pending_syncs_;
};

}  // namespace consim::multipaxos
