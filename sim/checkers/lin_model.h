// The sequential specifications the linearizability checker tests a key's
// history against (scenarios/README.md, `workload`), reduced to what the search
// needs: each operation becomes a transition on register states, and each
// distinct register value is interned once so that the search compares
// integers, never strings.
//
// Key-value register (raft, multi-paxos): put sets the value and returns it,
// append appends and returns the value after the write, get returns the value
// ("" if never written).
//
// Write-once register (basic-paxos): the first put/append chooses its value;
// every operation, a get included, returns the chosen value ("" while none is).
//
// An answered operation's result pins its transition down: an ok append that
// returned r must have found r minus its own value, an ok get found exactly
// what it returned. Only a pending (unanswered) append builds a value that no
// answer names. A pending get constrains nothing and is not made into a LinOp.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "protocols/core/hash.h"
#include "sim/history.h"

namespace consim {

enum class LinModel { kKeyValue, kWriteOnceRegister };

namespace lin {

using StateId = uint32_t;

inline constexpr StateId kEmptyState = 0;  // "": never written, or not yet chosen
inline constexpr StateId kNoState = UINT32_MAX;

// Every register value the search meets, each stored once.
class StateTable {
 public:
  StateTable();
  StateId intern(std::string_view value);
  const std::string& value(StateId id) const;
  // The state `s` followed by the interned value `suffix`, memoized.
  StateId append(StateId s, StateId suffix);
  size_t size() const { return values_.size(); }

 private:
  struct ViewHash {
    size_t operator()(std::string_view s) const {
      StableHasher h;
      h.add(s);
      return static_cast<size_t>(h.value());
    }
  };
  std::deque<std::string> values_;  // by id; a deque, so the views in ids_ stay valid
  std::unordered_map<std::string_view, StateId, ViewHash> ids_;
  std::unordered_map<uint64_t, StateId> appended_;  // (s << 32 | suffix) -> state
};

enum class StepKind : uint8_t {
  kSet,         // any state -> post
  kGuarded,     // pre -> post; no other state allows it
  kChoose,      // write-once, answered with its own value: "" or post -> post
  kPropose,     // write-once, unanswered: "" -> post, any other state unchanged
  kAppend,      // key-value, unanswered append: s -> s + value(post)
  kImpossible,  // no state allows it (a put that returned another value, ...)
};

// One operation of a key's history as the search sees it.
struct LinOp {
  size_t index = 0;  // into the History
  Time invoke;
  Time complete;  // Time::never() when pending
  bool pending = false;
  StepKind kind = StepKind::kImpossible;
  StateId pre = kNoState;   // kGuarded: the one state it can follow
  StateId post = kNoState;  // see StepKind
  // For witness shrinking (lin_witness.h): the value this op found, which
  // some op must have produced (what a get read, what an ok append extended),
  // and the value it leaves when that does not depend on what it found.
  StateId observed = kNoState;
  StateId produced = kNoState;
};

// The LinOp for history[index], or nullopt for an op that constrains nothing
// (a pending get, a noop).
std::optional<LinOp> make_lin_op(const History& history, size_t index, LinModel model, StateTable& table);

// The state after `op` from state `s`, or nullopt if the model forbids it.
inline std::optional<StateId> step(const LinOp& op, StateId s, StateTable& table) {
  switch (op.kind) {
    case StepKind::kSet: return op.post;
    case StepKind::kGuarded:
      if (s == op.pre) return op.post;
      return std::nullopt;
    case StepKind::kChoose:
      if (s == kEmptyState || s == op.post) return op.post;
      return std::nullopt;
    case StepKind::kPropose: return s == kEmptyState ? op.post : s;
    case StepKind::kAppend: return table.append(s, op.post);
    case StepKind::kImpossible: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace lin
}  // namespace consim
