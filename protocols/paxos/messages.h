// Basic Paxos messages, named as in Paxos Made Simple section 2: phase 1
// (2.2, "prepare request" and its "promise"), phase 2 ("accept request" and
// the acceptor's acceptance), the rejection suggested in 2.2 ("it should
// probably inform the proposer, who should then abandon its proposal") and
// the learners' announcement of a chosen value (2.3, "Learning a Chosen
// Value"). Every message names its instance: each key is its own
// single-decree instance.
//
// All of them travel inside one PaxosMessage holding a std::variant
// (protocols/core/variant_message.h); the node dispatches with std::visit and
// no catch-all, so a new message does not build until every handler exists
// (STYLE.md 3).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <variant>

#include "protocols/core/message.h"
#include "protocols/core/variant_message.h"
#include "protocols/paxos/value.h"

namespace consim::paxos {

// Phase 1a.
struct Prepare {
  static constexpr std::string_view kName = "Prepare";
  uint64_t instance = 0;
  uint64_t ballot = 0;
};

// Phase 1b: the acceptor promises never to accept a ballot below `ballot`,
// and reports the highest-ballot proposal it has accepted (0 and no value if
// none).
struct Promise {
  static constexpr std::string_view kName = "Promise";
  uint64_t instance = 0;
  uint64_t ballot = 0;
  uint64_t accepted_ballot = 0;
  Value accepted_value;
};

// Phase 2a.
struct Accept {
  static constexpr std::string_view kName = "Accept";
  uint64_t instance = 0;
  uint64_t ballot = 0;
  Value value;
};

// Phase 2b, sent to the proposer of `ballot`.
struct Accepted {
  static constexpr std::string_view kName = "Accepted";
  uint64_t instance = 0;
  uint64_t ballot = 0;
};

// A Prepare or Accept for `ballot` was refused: the acceptor has promised
// `promised_ballot`, which is higher. The proposer abandons `ballot` and
// tries next above `promised_ballot`.
struct Nack {
  static constexpr std::string_view kName = "Nack";
  uint64_t instance = 0;
  uint64_t ballot = 0;
  uint64_t promised_ballot = 0;
};

// `value` was chosen for `instance`. Repeated until acknowledged.
struct Chosen {
  static constexpr std::string_view kName = "Chosen";
  uint64_t instance = 0;
  Value value;
};

// The sender's record of the chosen value of `instance` is durable: stop
// repeating Chosen to it.
struct ChosenAck {
  static constexpr std::string_view kName = "ChosenAck";
  uint64_t instance = 0;
};

using PaxosPayload = std::variant<Prepare, Promise, Accept, Accepted, Nack, Chosen, ChosenAck>;

// Instances, ballots and value digests (with the command as details).
void encode_fields(const PaxosPayload& payload, FieldSink& out);

using PaxosMessage = VariantMessage<PaxosPayload, &encode_fields>;

template <typename T>
MessagePtr make_message(T body) {
  return PaxosMessage::make(std::move(body));
}

}  // namespace consim::paxos
