// Basic Paxos's durable journal: the records a node writes, in order, and
// replays in order when it boots (a later record for an instance replaces an
// earlier one).
//
//   AcceptorState  an acceptor's whole state for one instance (Paxos Made
//                  Simple 2.2: "an acceptor must remember this information
//                  even if it fails and then restarts"): the highest ballot
//                  promised and the highest-ballot proposal accepted.
//                  Written whenever either changes; synced before the
//                  Promise or Accepted that reports it leaves. The
//                  proposer's own promise to itself is also its stable record
//                  of the highest ballot it has tried (2.5), so a restarted
//                  proposer never reuses a ballot.
//   LearnedValue   the value chosen for one instance, as this node learned
//                  it. Synced before the node acknowledges a Chosen message
//                  or answers a client with it.
//
// Compaction replaces the journal with one AcceptorState per instance and one
// LearnedValue per learned instance.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <variant>

#include "protocols/core/message.h"
#include "protocols/core/variant_message.h"
#include "protocols/paxos/value.h"

namespace consim::paxos {

struct AcceptorState {
  static constexpr std::string_view kName = "AcceptorState";
  uint64_t instance = 0;
  uint64_t promised_ballot = 0;
  uint64_t accepted_ballot = 0;  // 0: nothing accepted
  Value accepted_value;
};

struct LearnedValue {
  static constexpr std::string_view kName = "LearnedValue";
  uint64_t instance = 0;
  Value value;
};

using PaxosRecordBody = std::variant<AcceptorState, LearnedValue>;

using PaxosRecord = VariantRecord<PaxosRecordBody>;

template <typename T>
RecordPtr make_record(T body) {
  return PaxosRecord::make(std::move(body));
}

}  // namespace consim::paxos
