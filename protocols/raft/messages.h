// Raft's messages, named and laid out as in Figure 2 (RequestVote,
// AppendEntries), Figure 13 (InstallSnapshot, sent in one piece: the
// simulated network has no size limit, so offset/done are not needed) and
// the dissertation's section 9.6 (PreVote). The extra fields are named where
// they are declared.
//
// All of them travel inside one RaftMessage holding a std::variant
// (protocols/core/variant_message.h); the node dispatches with std::visit and
// no catch-all, so a new message does not build until every handler exists
// (STYLE.md 3).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include "protocols/core/command.h"
#include "protocols/kv_store.h"
#include "protocols/core/message.h"
#include "protocols/core/variant_message.h"
#include "protocols/raft/log.h"

namespace consim::raft {

struct RequestVote {
  static constexpr std::string_view kName = "RequestVote";
  uint64_t term = 0;
  NodeId candidate_id = 0;
  uint64_t last_log_index = 0;
  uint64_t last_log_term = 0;
};

struct RequestVoteReply {
  static constexpr std::string_view kName = "RequestVoteReply";
  uint64_t term = 0;
  bool vote_granted = false;
};

// Dissertation 9.6: "would you vote for me?", asked before a real election.
// `term` is the term the sender would campaign in (its current term + 1); a
// PreVote changes no one's term or vote.
struct PreVote {
  static constexpr std::string_view kName = "PreVote";
  uint64_t term = 0;
  NodeId candidate_id = 0;
  uint64_t last_log_index = 0;
  uint64_t last_log_term = 0;
};

// A granted reply carries the term asked about; a refusal carries the
// responder's current term (which may be newer than the asker's).
struct PreVoteReply {
  static constexpr std::string_view kName = "PreVoteReply";
  uint64_t term = 0;
  bool vote_granted = false;
};

struct AppendEntries {
  static constexpr std::string_view kName = "AppendEntries";
  uint64_t term = 0;
  NodeId leader_id = 0;
  uint64_t prev_log_index = 0;
  uint64_t prev_log_term = 0;
  EntryBatch entries;  // null for a heartbeat
  uint64_t leader_commit = 0;
  // ReadIndex (dissertation 6.4): the leader's heartbeat round when sent,
  // echoed in the reply, so that the leader knows which reads a reply
  // confirms its leadership for.
  uint64_t read_round = 0;
};

struct AppendEntriesReply {
  static constexpr std::string_view kName = "AppendEntriesReply";
  uint64_t term = 0;
  bool success = false;
  uint64_t prev_log_index = 0;  // of the request: lets the leader spot stale replies
  // success: the follower's log matches the leader's through this index
  // (prev_log_index + number of entries sent).
  uint64_t match_index = 0;
  // !success, for fast backtracking (dissertation 5.3 / etcd): the term of
  // the follower's entry at prev_log_index (0 if its log is shorter) and the
  // first index the follower holds with that term (or its last index + 1).
  uint64_t conflict_term = 0;
  uint64_t conflict_index = 0;
  uint64_t read_round = 0;
};

struct InstallSnapshot {
  static constexpr std::string_view kName = "InstallSnapshot";
  uint64_t term = 0;
  NodeId leader_id = 0;
  uint64_t last_included_index = 0;
  uint64_t last_included_term = 0;
  std::shared_ptr<const KvSnapshot> snapshot;
  uint64_t read_round = 0;
};

struct InstallSnapshotReply {
  static constexpr std::string_view kName = "InstallSnapshotReply";
  uint64_t term = 0;
  uint64_t last_included_index = 0;  // of the request: the follower now holds at least this prefix
  uint64_t read_round = 0;
};

using RaftPayload = std::variant<RequestVote, RequestVoteReply, PreVote, PreVoteReply, AppendEntries,
                                 AppendEntriesReply, InstallSnapshot, InstallSnapshotReply>;

// The canonical fields: terms, indexes, counts; never whole payloads.
void encode_fields(const RaftPayload& payload, FieldSink& out);

using RaftMessage = VariantMessage<RaftPayload, &encode_fields>;

template <typename T>
MessagePtr make_message(T body) {
  return RaftMessage::make(std::move(body));
}

}  // namespace consim::raft
