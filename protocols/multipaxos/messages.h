// Multi-Paxos messages, named as in PMMC (van Renesse and Altinbuken 2015,
// section 3 and the pseudo-code of Figures 4-7): the scout's p1a/p1b and the
// commander's p2a/p2b. PMMC's `preempted` is not a message of its own here:
// a p1b or p2b carrying a ballot above the leader's is the preemption. Two
// messages have no counterpart in the paper: InstallSnapshot brings a replica
// whose slots the leader compacted up to date (as in Raft), and its reply.
//
// The leader's scout and commanders are folded into the node (PMMC section
// 5, "leader" optimizations): one p1a covers every slot from the leader's
// first undecided slot on, and one p2a carries a batch of consecutive slots.
// A p2a with no proposals is the leader's heartbeat.
//
// All of them travel inside one MultiPaxosMessage holding a std::variant
// (protocols/core/variant_message.h); the node dispatches with std::visit and
// no catch-all (STYLE.md 3).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include "protocols/kv_store.h"
#include "protocols/core/message.h"
#include "protocols/core/variant_message.h"
#include "protocols/multipaxos/slots.h"

namespace consim::multipaxos {

// ⟨p1a, λ, b⟩ for every slot >= from_slot.
struct P1a {
  static constexpr std::string_view kName = "P1a";
  uint64_t ballot = 0;
  uint64_t from_slot = 0;
};

// One accepted pvalue ⟨b, s, c⟩.
struct PValue {
  uint64_t slot = 0;
  uint64_t ballot = 0;  // 0: none
  Proposal value;
};

// ⟨p1b, α, b, accepted⟩. `promised` is the acceptor's ballot_num after the
// p1a: equal to the p1a's ballot, it is a promise and `accepted` holds every
// pvalue the acceptor holds for slots >= from_slot; above it, a preemption.
// `ballot` and `from_slot` echo the p1a, because one node's scouts share it:
// a preemption answering an old scout's p1a may carry exactly the ballot of
// the node's current scout, and must not pass for its promise. If the
// acceptor compacted slots the scout asked about, `snapshot` carries them:
// they were decided, so the scout learns them instead.
struct P1b {
  static constexpr std::string_view kName = "P1b";
  uint64_t ballot = 0;  // of the p1a
  uint64_t promised = 0;
  uint64_t from_slot = 0;  // of the p1a
  std::vector<PValue> accepted;
  std::shared_ptr<const KvSnapshot> snapshot;
};

// ⟨p2a, λ, ⟨b, s, c⟩⟩ for slots first_slot, first_slot + 1, ...; with no
// proposals, a heartbeat. chosen_through: every slot up to here is decided at
// the leader, so an acceptor that accepted a slot there in this same ballot
// knows the slot's decision (the leader proposes one command per slot per
// ballot).
struct P2a {
  static constexpr std::string_view kName = "P2a";
  uint64_t ballot = 0;
  uint64_t first_slot = 0;
  ProposalBatch proposals;
  uint64_t chosen_through = 0;
};

// ⟨p2b, α, b⟩ for the p2a's slots. `promised` is the acceptor's ballot_num:
// equal to the p2a's `ballot` (echoed, as in P1b), the slots were accepted;
// above it, a preemption. ready_through: the acceptor has decided or
// accepted in this ballot every slot up to here, so the leader need not send
// those again.
struct P2b {
  static constexpr std::string_view kName = "P2b";
  uint64_t ballot = 0;  // of the p2a
  uint64_t promised = 0;
  uint64_t first_slot = 0;
  uint64_t count = 0;
  uint64_t ready_through = 0;
};

// Everything through snapshot->last_index, decided and applied.
struct InstallSnapshot {
  static constexpr std::string_view kName = "InstallSnapshot";
  uint64_t ballot = 0;
  std::shared_ptr<const KvSnapshot> snapshot;
};

struct InstallSnapshotReply {
  static constexpr std::string_view kName = "InstallSnapshotReply";
  uint64_t ballot = 0;  // of the InstallSnapshot
  uint64_t promised = 0;  // as in P2b
  uint64_t ready_through = 0;  // as in P2b
};

using MultiPaxosPayload = std::variant<P1a, P1b, P2a, P2b, InstallSnapshot, InstallSnapshotReply>;

// The canonical fields: ballots, slots, counts and digests; never whole
// commands or snapshots.
void encode_fields(const MultiPaxosPayload& payload, FieldSink& out);

using MultiPaxosMessage = VariantMessage<MultiPaxosPayload, &encode_fields>;

template <typename T>
MessagePtr make_message(T body) {
  return MultiPaxosMessage::make(std::move(body));
}

}  // namespace consim::multipaxos
