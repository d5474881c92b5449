// Raft's durable journal (Figure 2, "persistent state on all servers"): the
// records a node writes, in order, and replays in order when it boots.
//
//   TermAndVote       current_term and voted_for, written whenever either
//                     changes; synced before any vote is granted and before
//                     a candidate asks for votes.
//   EntriesAppended   entries placed at first_index, first_index + 1, ...;
//                     synced before a follower acknowledges them and before a
//                     leader counts itself in a majority for them.
//   LogTruncatedFrom  every entry at index >= `index` was removed (a follower
//                     resolving a conflict, 5.3).
//   SnapshotSaved     the log prefix through snapshot->last_index is now this
//                     state-machine snapshot (section 7). Only ever written by
//                     a rewrite, which is durable at once.
//
// Compaction and snapshot installation replace the whole journal with
// TermAndVote + SnapshotSaved + EntriesAppended(the entries after it).
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

struct TermAndVote {
  static constexpr std::string_view kName = "TermAndVote";
  uint64_t current_term = 0;
  NodeId voted_for = 0;  // 0: none in current_term
};

// Holds (*batch)[offset], (*batch)[offset + 1], ...: the batch is shared with
// the AppendEntries that brought it, so storing it copies nothing.
struct EntriesAppended {
  static constexpr std::string_view kName = "EntriesAppended";
  uint64_t first_index = 0;
  EntryBatch batch;
  size_t offset = 0;
  size_t count() const { return batch_size(batch) - offset; }
  const LogEntry& entry(size_t k) const { return (*batch)[offset + k]; }
};

struct LogTruncatedFrom {
  static constexpr std::string_view kName = "LogTruncatedFrom";
  uint64_t index = 0;
};

struct SnapshotSaved {
  static constexpr std::string_view kName = "SnapshotSaved";
  std::shared_ptr<const KvSnapshot> snapshot;
  bool installed = false;  // received with InstallSnapshot rather than taken locally
};

using RaftRecordBody = std::variant<TermAndVote, EntriesAppended, LogTruncatedFrom, SnapshotSaved>;

using RaftRecord = VariantRecord<RaftRecordBody>;

template <typename T>
RecordPtr make_record(T body) {
  return RaftRecord::make(std::move(body));
}

}  // namespace consim::raft
