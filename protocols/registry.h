// Which node implementation runs each protocol, and what the engine must
// know about a protocol that it cannot learn from the node interface alone.
#pragma once

#include <span>
#include <string_view>

#include "protocols/core/config.h"
#include "protocols/core/node.h"

namespace consim {

// How a protocol's progress is counted as commits (stats, `commits`
// expectations, recovery times).
enum class CommitCounting {
  kCommitIndex,         // a replicated log: each step of the highest commit index any node reports
  kFirstLearnPerValue,  // no log (Basic Paxos): an instance commits when the first node learns its value
};

// What a client's key holds, for the linearizability model of its history.
enum class ClientObject {
  kKeyValue,            // a key-value store: put, get and append overwrite and read
  kWriteOnceRegister,   // each key is one consensus instance: the first value chosen stays
};

struct ProtocolTraits {
  NodeFactory factory = nullptr;  // nullptr: the protocol is not implemented
  CommitCounting commits = CommitCounting::kCommitIndex;
  ClientObject client_object = ClientObject::kKeyValue;
  std::span<const std::string_view> message_types;  // what its nodes send, as the trace names them
};

ProtocolTraits protocol_traits(Protocol p);

// The factory for `p`'s nodes, or nullptr if that protocol is not implemented.
inline NodeFactory node_factory(Protocol p) { return protocol_traits(p).factory; }

}  // namespace consim
