// A leader's table of its clients' requests, for at-most-once commands and
// answers (Ongaro's dissertation 6.3; PMMC's replicas keep the same per
// client): per client, the newest request seen, whether it sits in the log
// not yet applied, and whether the client waits for this leader's answer.
// Raft and Multi-Paxos leaders keep one. It is volatile: a new leader starts
// it from the log it inherited, and a leader that steps down fails it.
#pragma once

#include <string>
#include <vector>

#include "protocols/core/command.h"
#include "protocols/kv_store.h"
#include "protocols/core/node.h"

namespace consim {

class ClientTable {
 public:
  struct Request {
    uint64_t seq = 0;
    bool in_log = false;   // a command with this seq sits in the log, not yet applied
    bool waiting = false;  // the client waits for an answer from this leader
  };

  // The client's entry; null for an id out of range (its requests are refused).
  Request* find(ClientId client);

  // A command that goes through the log. A stale copy is dropped; one already
  // applied is answered from the state machine's saved result (unless
  // `dedup` is off: raft.no-dedup); a retry of one in the log waits for it.
  // True when the command is new and must be proposed: it is then marked in
  // the log, its client waiting.
  bool admit(Context& ctx, const Command& command, const KvStore& kv, bool dedup = true);
  // A read served outside the log: false for a stale copy or one already
  // being served; else the client is marked waiting.
  bool admit_read(const Command& command);

  // The command was applied with `result`: its client, if waiting, has it.
  void complete(Context& ctx, const Command& command, const std::string& result);
  // A read of `client`'s request `seq` has its value: answered if still awaited.
  void answer_read(Context& ctx, ClientId client, uint64_t seq, std::string value);
  // The inherited log holds `command`, not yet applied: a retry waits for it.
  void note_in_log(const Command& command);
  // Leadership lost: every waiting client is told to try `leader_hint`, and
  // the table is cleared.
  void fail_all(Context& ctx, NodeId leader_hint);
  void clear() { by_client_.clear(); }

 private:
  std::vector<Request> by_client_;  // by client id
};

}  // namespace consim
