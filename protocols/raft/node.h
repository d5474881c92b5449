// A Raft server (Ongaro & Ousterhout 2014, Figure 2 and sections 5-7; Ongaro's
// dissertation for clients (ch. 6) and PreVote / CheckQuorum (9.6)).
//
// State is named as in Figure 2. The handlers live in one file per job:
//   node.cpp         construction, boot (journal replay), dispatch, status,
//                    and the only functions that change the role
//   timers.cpp       election, heartbeat and CheckQuorum timers
//   durability.cpp   the journal: what is written, when it is synced, and
//                    the messages that must wait for a sync
//   election.cpp     RequestVote and PreVote, both sides
//   replication.cpp  AppendEntries, both sides, and the leader's commit rule
//   apply.cpp        applying committed entries to the state machine
//   client.cpp       client requests, replies and ReadIndex reads
//   snapshot.cpp     log compaction and InstallSnapshot, both sides
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "protocols/client_table.h"
#include "protocols/kv_store.h"
#include "protocols/core/node.h"
#include "protocols/durable_outbox.h"
#include "protocols/raft/log.h"
#include "protocols/raft/messages.h"
#include "protocols/raft/records.h"
#include "protocols/timer.h"

namespace consim::raft {

// The kinds of timer a Raft node sets (the `kind` of Context::set_timer).
enum TimerKind : int {
  kElectionTimer = 1,     // followers and candidates: start an election
  kHeartbeatTimer = 2,    // leaders: AppendEntries to every follower; (pre-)candidates: ask again
  kCheckQuorumTimer = 3,  // leaders with check_quorum: step down without a quorum
};

class RaftNode final : public Node {
 public:
  RaftNode(NodeId id, int nodes, const RaftConfig& config);

  void boot(Context& ctx, std::span<const RecordPtr> durable) override;
  void on_message(Context& ctx, NodeId from, const Message& message) override;
  void on_timer(Context& ctx, int kind) override;
  void on_client_request(Context& ctx, const ClientRequest& request) override;
  void on_synced(Context& ctx, uint64_t sync_id) override;
  NodeStatus status() const override;

 private:
  // Leader's per-follower flow control, next to next_index_/match_index_.
  struct Flow {
    // After a rejection (and at the start of a term) the leader probes: one
    // AppendEntries at a time, next_index_ moving only on replies. Otherwise
    // it pipelines: next_index_ moves past what was sent at once.
    bool probing = true;
    bool paused = false;               // a probe or snapshot is out; wait for its reply or a heartbeat
    uint64_t next_at_last_tick = 0;    // next_index_ at the previous heartbeat (to spot lost entries)
    uint64_t acked_round = 0;          // ReadIndex: newest heartbeat round this follower acknowledged
    bool recently_active = false;      // CheckQuorum: heard from it in this election timeout
  };
  // A linearizable read waiting for its ReadIndex conditions (dissertation 6.4).
  struct PendingRead {
    uint64_t read_index = 0;  // commit index when the read arrived
    uint64_t round = 0;       // heartbeat round that must be acknowledged by a quorum
    ClientId client = 0;
    uint64_t seq = 0;
    std::string key;
  };
  struct PendingSync {
    uint64_t id = 0;
    uint64_t covers_index = 0;  // the log was durable through here once it completes
  };

  // --- node.cpp: dispatch and the role changes (STYLE.md 2).
  void replay(const RaftRecordBody& record);
  void become_follower(Context& ctx, uint64_t term, NodeId leader);
  void become_pre_candidate(Context& ctx);
  void become_candidate(Context& ctx);
  void become_leader(Context& ctx);
  // Rules for Servers, all servers: "If RPC request or response contains term
  // T > currentTerm: set currentTerm = T, convert to follower".
  void step_down_if_newer(Context& ctx, uint64_t term, NodeId leader);
  void stop_leading(Context& ctx);
  int quorum() const;
  uint64_t bit(NodeId node) const { return uint64_t{1} << (node - 1); }

  // --- timers.cpp
  void reset_election_timer(Context& ctx);
  void on_election_timer(Context& ctx);
  void on_heartbeat_timer(Context& ctx);
  void on_check_quorum_timer(Context& ctx);
  // The leader-stickiness condition of 9.6: this node heard from a current
  // leader (or is one) within the minimum election timeout.
  bool in_leader_lease(Context& ctx) const;
  void heard_from_leader(Context& ctx, NodeId leader);
  // AppendEntries or InstallSnapshot of the current term arrived: follow its
  // sender (5.2: a candidate returns to follower). False if this node is
  // itself leader of the term, which only a broken vote allows.
  bool follow_leader_of_term(Context& ctx, NodeId leader);

  // --- durability.cpp
  void write(Context& ctx, RaftRecordBody record);
  void persist_term_and_vote(Context& ctx);
  void start_sync(Context& ctx);
  void send_durable(Context& ctx, NodeId to, MessagePtr message);
  void forget_durability_from(uint64_t index);
  void rewrite_journal(Context& ctx);

  // --- election.cpp
  void receive(Context& ctx, NodeId from, const RequestVote& m);
  void receive(Context& ctx, NodeId from, const RequestVoteReply& m);
  void receive(Context& ctx, NodeId from, const PreVote& m);
  void receive(Context& ctx, NodeId from, const PreVoteReply& m);
  bool candidate_log_up_to_date(uint64_t last_log_index, uint64_t last_log_term) const;
  void send_to_peers(Context& ctx, const MessagePtr& message, bool durable);
  void ask_for_votes(Context& ctx);
  NodeId durable_vote() const;

  // --- replication.cpp
  void receive(Context& ctx, NodeId from, const AppendEntries& m);
  void receive(Context& ctx, NodeId from, const AppendEntriesReply& m);
  bool log_matches(uint64_t prev_log_index, uint64_t prev_log_term, AppendEntriesReply& refusal) const;
  uint64_t store_entries(Context& ctx, uint64_t prev_log_index, const EntryBatch& batch);
  EntryBatch batch_from(uint64_t from);
  void truncate_log(Context& ctx, uint64_t from);
  uint64_t append_as_leader(Context& ctx, std::shared_ptr<const Command> command, uint64_t digest);
  void send_append(Context& ctx, NodeId peer);
  void send_heartbeat(Context& ctx, NodeId peer);
  void replicate_new_entries(Context& ctx);
  void heard_from_follower(Context& ctx, NodeId peer, uint64_t read_round);
  void advance_commit(Context& ctx);
  void commit_to(Context& ctx, uint64_t index);

  // --- apply.cpp
  void apply_committed(Context& ctx);

  // --- client.cpp
  void propose(Context& ctx, const ClientRequest& request);
  void start_read(Context& ctx, const ClientRequest& request);
  void register_reads(Context& ctx);
  void update_confirmed_round();
  void serve_reads(Context& ctx);
  NodeId leader_hint() const;  // for a refused client: the leader this node follows (0: none)
  void recover_client_slots();
  void fail_client_requests(Context& ctx);

  // --- snapshot.cpp
  void maybe_compact(Context& ctx);
  void send_snapshot(Context& ctx, NodeId peer);
  void install_snapshot(Context& ctx, const std::shared_ptr<const KvSnapshot>& snapshot);
  void receive(Context& ctx, NodeId from, const InstallSnapshot& m);
  void receive(Context& ctx, NodeId from, const InstallSnapshotReply& m);

  // Fixed at construction.
  const NodeId id_;
  const int nodes_;
  const RaftConfig config_;
  BugSet bugs_;  // the injected bugs this node honours (README, "Checkers and injected bugs"), read at boot

  // Persistent state on all servers (Figure 2); durable through TermAndVote
  // and EntriesAppended/LogTruncatedFrom/SnapshotSaved records.
  uint64_t current_term_ = 0;
  NodeId voted_for_ = 0;  // 0: none in current_term_
  RaftLog log_;
  std::shared_ptr<const KvSnapshot> snapshot_;  // covers log_.base_index(); null while base is 0
  bool snapshot_installed_ = false;             // snapshot_ came with InstallSnapshot

  // Volatile state on all servers (Figure 2).
  uint64_t commit_index_ = 0;
  uint64_t last_applied_ = 0;
  KvStore kv_;
  Role role_ = Role::kFollower;
  NodeId leader_id_ = 0;  // the leader of current_term_ this node knows of (itself when leader)
  Time last_leader_contact_;

  // Elections.
  uint64_t votes_granted_ = 0;      // candidates: bit per node, this term
  uint64_t pre_votes_granted_ = 0;  // pre-candidates: bit per node, this round
  uint64_t vote_answers_ = 0;       // (pre-)candidates: who answered at all, this term or round
  Timeout election_timeout_{kElectionTimer};

  // Volatile state on leaders (Figure 2), reinitialized after election;
  // indexed by node id (entry 0 and the leader's own are unused).
  std::vector<uint64_t> next_index_;
  std::vector<uint64_t> match_index_;
  std::vector<Flow> flow_;
  Timer heartbeat_timer_{kHeartbeatTimer};
  Timer check_quorum_timer_{kCheckQuorumTimer};
  EntryBatch last_batch_;          // the entries last sent, shared by everyone they go to
  uint64_t last_batch_first_ = 0;  // index of (*last_batch_)[0]

  // Clients and ReadIndex (leaders only).
  ClientTable clients_;
  bool committed_in_term_ = false;  // an entry of current_term_ is committed
  uint64_t heartbeat_round_ = 0;
  uint64_t confirmed_round_ = 0;          // newest round a quorum acknowledged
  std::deque<ClientRequest> reads_awaiting_commit_;
  std::deque<PendingRead> pending_reads_;

  // Durability (durability.cpp).
  uint64_t persisted_term_ = 0;
  NodeId persisted_vote_ = 0;
  DurableOutbox<Outgoing> outbox_;  // the messages that wait for a sync
  uint64_t durable_index_ = 0;      // log_ is durable through this index
  std::deque<PendingSync> pending_syncs_;
};

}  // namespace consim::raft
