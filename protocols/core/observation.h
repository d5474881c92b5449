// What a node reports about itself as it runs. Checkers and expectations see
// only these reports (and the clients' history), never protocol internals.
// Each report is also a trace event.
//
// "term" is the Raft term; for Multi-Paxos it is the ballot packed as
// round * 256 + node id, which orders ballots the same way.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "protocols/core/command.h"
#include "protocols/core/fields.h"

namespace consim {

enum class Role : uint8_t { kFollower, kPreCandidate, kCandidate, kLeader };
std::string_view role_name(Role r);

// The node took a role (Raft: after become_follower/candidate/leader).
struct RoleChanged {
  Role role;
  uint64_t term;
};
// One entry now sits at `index` in the node's log (appended or overwritten
// after a truncation). `digest` is Command::digest() of the entry's command.
struct EntryAppended {
  uint64_t index;
  uint64_t term;
  uint64_t digest;
};
// Every entry at index >= from_index was removed from the log.
struct LogTruncated {
  uint64_t from_index;
};
// The node's commit index advanced to `index`.
struct CommitAdvanced {
  uint64_t index;
};
// The node applied `command` at `index` to its state machine.
struct EntryApplied {
  uint64_t index;
  const Command* command;  // valid only during the call
  uint64_t digest;         // command->digest()
};
// The log prefix up to last_index (of last_term) is now a snapshot: made
// locally (installed == false) or received with InstallSnapshot.
struct SnapshotTaken {
  uint64_t last_index;
  uint64_t last_term;
  bool installed;
};
// Paxos: an acceptor promised `ballot` for `instance` (slot for Multi-Paxos).
struct Promised {
  uint64_t instance;
  uint64_t ballot;
};
// Paxos: an acceptor accepted (ballot, value) for `instance`.
struct ValueAccepted {
  uint64_t instance;
  uint64_t ballot;
  uint64_t digest;
};
// Paxos: the node learned that `digest` was chosen for `instance`.
struct ValueLearned {
  uint64_t instance;
  uint64_t digest;
};

using Observation = std::variant<RoleChanged, EntryAppended, LogTruncated, CommitAdvanced, EntryApplied,
                                 SnapshotTaken, Promised, ValueAccepted, ValueLearned>;

// Trace kind for an observation ("role", "append", ...), and its fields.
std::string_view observation_kind(const Observation& o);
void encode_observation(const Observation& o, FieldSink& out);

}  // namespace consim
