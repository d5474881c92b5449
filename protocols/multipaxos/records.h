// The Multi-Paxos journal: the acceptor's durable state (PMMC section 3,
// "acceptors ... must remember ballot_num and accepted across crashes"), in
// the order it changed, replayed in order at boot.
//
//   PromisedBallot   the acceptor's ballot_num, written whenever it rises;
//                    synced before any p1b or p2b that depends on it leaves,
//                    and before a scout counts its own node's promise.
//   PValuesAccepted  pvalues ⟨ballot, slot, command⟩ for consecutive slots;
//                    synced before the p2b that acknowledges them leaves, and
//                    before a leader counts its own acceptance.
//   SnapshotSaved    slots through snapshot->last_index are decided and
//                    applied, and this is the state machine after them. Only
//                    ever written by a rewrite, which is durable at once.
//
// Decisions are not journaled: a restarted node relearns them from the
// leader (p2a chosen_through) or a snapshot, as a Raft node relearns its
// commit index.
//
// Compaction and snapshot installation replace the whole journal with
// PromisedBallot + SnapshotSaved + PValuesAccepted (one per run of slots
// accepted in the same ballot).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <variant>

#include "protocols/kv_store.h"
#include "protocols/core/message.h"
#include "protocols/core/variant_message.h"
#include "protocols/multipaxos/slots.h"

namespace consim::multipaxos {

struct PromisedBallot {
  static constexpr std::string_view kName = "PromisedBallot";
  uint64_t ballot = 0;
};

// Holds (*batch)[offset], (*batch)[offset + 1], ... for slots first_slot,
// first_slot + 1, ...: the batch is shared with the P2a that brought it.
struct PValuesAccepted {
  static constexpr std::string_view kName = "PValuesAccepted";
  uint64_t ballot = 0;
  uint64_t first_slot = 0;
  ProposalBatch batch;
  size_t offset = 0;
  size_t count() const { return batch_size(batch) - offset; }
  const Proposal& value(size_t k) const { return (*batch)[offset + k]; }
};

struct SnapshotSaved {
  static constexpr std::string_view kName = "SnapshotSaved";
  std::shared_ptr<const KvSnapshot> snapshot;
  bool installed = false;  // received from a leader or a p1b rather than taken locally
};

using MultiPaxosRecordBody = std::variant<PromisedBallot, PValuesAccepted, SnapshotSaved>;

using MultiPaxosRecord = VariantRecord<MultiPaxosRecordBody>;

template <typename T>
RecordPtr make_record(T body) {
  return MultiPaxosRecord::make(std::move(body));
}

}  // namespace consim::multipaxos
