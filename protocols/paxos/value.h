// The value a Paxos instance decides: the whole client Command of a put or
// append (scenarios/README.md). Immutable and shared by the proposer, the
// acceptors' state, their journal records and every message carrying it; its
// digest (Command::digest(), what the checkers compare) is computed once.
#pragma once

#include <cstdint>
#include <memory>

#include "protocols/core/command.h"

namespace consim::paxos {

struct Value {
  std::shared_ptr<const Command> command;  // null: no value
  uint64_t digest = 0;                     // command->digest()

  explicit operator bool() const { return command != nullptr; }
  bool same_as(const Value& other) const { return digest == other.digest; }
};

inline Value make_value(Command command) {
  const uint64_t digest = command.digest();
  return Value{std::make_shared<const Command>(std::move(command)), digest};
}

}  // namespace consim::paxos
