#include "protocols/raft/messages.h"

namespace consim::raft {
namespace {

void encode_body(const RequestVote& m, FieldSink& out) {
  out.field("term", m.term);
  out.field("candidate_id", m.candidate_id);
  out.field("last_log_index", m.last_log_index);
  out.field("last_log_term", m.last_log_term);
}

void encode_body(const RequestVoteReply& m, FieldSink& out) {
  out.field("term", m.term);
  out.field("vote_granted", m.vote_granted);
}

void encode_body(const PreVote& m, FieldSink& out) {
  out.field("term", m.term);
  out.field("candidate_id", m.candidate_id);
  out.field("last_log_index", m.last_log_index);
  out.field("last_log_term", m.last_log_term);
}

void encode_body(const PreVoteReply& m, FieldSink& out) {
  out.field("term", m.term);
  out.field("vote_granted", m.vote_granted);
}

void encode_body(const AppendEntries& m, FieldSink& out) {
  out.field("term", m.term);
  out.field("leader_id", m.leader_id);
  out.field("prev_log_index", m.prev_log_index);
  out.field("prev_log_term", m.prev_log_term);
  out.field("entries", static_cast<uint64_t>(batch_size(m.entries)));
  out.field("leader_commit", m.leader_commit);
  out.field("read_round", m.read_round);
}

void encode_body(const AppendEntriesReply& m, FieldSink& out) {
  out.field("term", m.term);
  out.field("success", m.success);
  out.field("prev_log_index", m.prev_log_index);
  if (m.success) {
    out.field("match_index", m.match_index);
  } else {
    out.field("conflict_term", m.conflict_term);
    out.field("conflict_index", m.conflict_index);
  }
  out.field("read_round", m.read_round);
}

void encode_body(const InstallSnapshot& m, FieldSink& out) {
  out.field("term", m.term);
  out.field("leader_id", m.leader_id);
  out.field("last_included_index", m.last_included_index);
  out.field("last_included_term", m.last_included_term);
  out.field("read_round", m.read_round);
}

void encode_body(const InstallSnapshotReply& m, FieldSink& out) {
  out.field("term", m.term);
  out.field("last_included_index", m.last_included_index);
  out.field("read_round", m.read_round);
}

}  // namespace

void encode_fields(const RaftPayload& payload, FieldSink& out) {
  std::visit([&out](const auto& m) { encode_body(m, out); }, payload);
}

}  // namespace consim::raft
