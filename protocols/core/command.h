// Commands of the replicated key-value state machine and the client requests
// and replies that carry them. Shared by every protocol and by the clients.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "protocols/core/fields.h"

namespace consim {

using NodeId = int;    // 1..nodes; 0 means "none"
using ClientId = int;  // 1..clients

enum class OpType : uint8_t { kNoop, kPut, kAppend, kGet };

const char* op_name(OpType op);

// One state-machine command. Every write value is unique across a run (it
// names the client and the request), so histories can be checked.
struct Command {
  OpType op = OpType::kNoop;
  ClientId client = 0;
  uint64_t seq = 0;  // the client's request sequence number; retries reuse it
  std::string key;
  std::string value;

  bool operator==(const Command&) const = default;
  // Stable 64-bit digest of every field; what checkers compare.
  uint64_t digest() const;
  void encode(FieldSink& out) const;
  // Hashes only `digest` (which implies every field) and shows the fields as
  // details: cheaper in the trace hash, the same in the JSON trace.
  void encode_by_digest(FieldSink& out, uint64_t digest) const;
};

struct ClientRequest {
  ClientId client = 0;
  Command command;  // command.client == client, command.seq is the request id
};

struct ClientReply {
  ClientId client = 0;
  uint64_t seq = 0;
  bool ok = false;
  std::string value;       // get: the value read; writes: the value after the write
  NodeId leader_hint = 0;  // when !ok: who the node believes is leader (0: unknown)
};

// The answer to request `seq` of `client`: done, with the value read or written.
inline ClientReply ok_reply(ClientId client, uint64_t seq, std::string value) {
  return ClientReply{client, seq, true, std::move(value), 0};
}

// A refusal: this node does not take requests; `leader_hint` names the leader
// it believes in (0: none known).
inline ClientReply not_leader_reply(ClientId client, uint64_t seq, NodeId leader_hint) {
  return ClientReply{client, seq, false, "", leader_hint};
}

}  // namespace consim
