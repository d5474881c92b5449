// The replicated key-value state machine (scenarios/README.md): put sets a key,
// append appends to its string, get reads it, noop does nothing.
//
// Retried client requests take effect at most once (Ongaro's dissertation,
// 6.3): the store keeps, per client, the sequence number of the last request
// it applied and that request's result. A command whose seq is not above the
// client's last applied seq is not executed again; it returns the saved
// result. Every node applies the same commands in the same order, so every
// node makes the same decision.
//
// The store is a plain value: copying it is how a snapshot is taken.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "protocols/core/command.h"

namespace consim {

class KvStore {
 public:
  // Applies the command of the log entry at `index` (which must be
  // last_applied() + 1); `digest` is command.digest(), passed in because the
  // log computes it once per entry. Returns the reply value: get, the value
  // read; put and append, the value after the write; noop, empty. The
  // reference is valid until the next apply().
  const std::string& apply(uint64_t index, const Command& command, uint64_t digest);
  const std::string& apply(uint64_t index, const Command& command) {
    return apply(index, command, command.digest());
  }

  // True if the client's request `seq` (or a later one) was already applied.
  bool applied(ClientId client, uint64_t seq) const;
  // The saved result of the client's request `seq`, if it is the client's last
  // applied request; null otherwise.
  const std::string* saved_result(ClientId client, uint64_t seq) const;
  // The current value of `key` ("" if unset). Only for reads whose
  // linearizability the caller has already secured.
  std::string_view read(std::string_view key) const;

  // raft.no-dedup: with sessions off, every command is executed, retries too.
  void set_sessions(bool on) { sessions_on_ = on; }

  uint64_t last_applied() const { return last_applied_; }
  // Hash chain over every applied command, in order (0 before the first).
  uint64_t applied_digest() const { return applied_digest_; }
  size_t keys() const { return data_.size(); }

 private:
  struct ClientSession {
    uint64_t last_seq = 0;    // the last request of this client applied
    std::string last_result;  // its reply value
  };

  std::map<std::string, std::string, std::less<>> data_;
  std::map<ClientId, ClientSession> sessions_;
  uint64_t last_applied_ = 0;
  uint64_t applied_digest_ = 0;
  bool sessions_on_ = true;
};

// A snapshot of the state machine: the store as of last_index, which the log
// held with last_term. Immutable once made; shared by the node, its journal
// and InstallSnapshot messages.
struct KvSnapshot {
  KvStore state;
  uint64_t last_index = 0;
  uint64_t last_term = 0;
};

}  // namespace consim
