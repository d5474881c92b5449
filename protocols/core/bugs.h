// The catalog of injectable bugs (the README's "Checkers and injected bugs"). With no bug turned on,
// every protocol runs only its correct code paths.
#pragma once

#include <bitset>
#include <optional>
#include <span>
#include <string_view>

#include "protocols/core/config.h"

namespace consim {

class Context;

enum class Bug : uint8_t {
  kRaftSkipLogMatching,
  kRaftMinorityQuorum,
  kRaftCommitOldTerm,
  kRaftVolatileVote,
  kRaftNoUpToDateCheck,
  kRaftApplyUncommitted,
  kRaftLocalRead,
  kPaxosMinorityAccept,
  kPaxosFirstPromiseValue,
  kPaxosAcceptBelowPromise,
  kMultiPaxosSkipPrepare,
  kMultiPaxosLocalRead,
  // consim's own additions to the README's "Checkers and injected bugs"'s catalog (README, "Checkers and injected bugs").
  kRaftNoDedup,
  kCount
};

struct BugInfo {
  Bug bug;
  std::string_view name;     // as in the README's "Checkers and injected bugs", e.g. "raft.local-read"
  std::string_view mistake;  // one line
};

std::span<const BugInfo> all_bugs();
std::optional<Bug> bug_from_name(std::string_view name);
std::string_view bug_name(Bug bug);
// A bug applies to the protocols its name's prefix says (the README's "Checkers and injected bugs"):
// raft.* to raft, paxos.* to both Paxos protocols, multipaxos.* to Multi-Paxos.
bool bug_applies(Bug bug, Protocol protocol);
// Those protocols, in words: "raft", "basic-paxos and multi-paxos", "multi-paxos".
std::string_view bug_protocols(Bug bug);

class BugSet {
 public:
  void enable(Bug b) { bits_.set(static_cast<size_t>(b)); }
  bool has(Bug b) const { return bits_.test(static_cast<size_t>(b)); }
  bool any() const { return bits_.any(); }

 private:
  std::bitset<static_cast<size_t>(Bug::kCount)> bits_;
};

// The bugs turned on for this run (Context::bug) that apply to `protocol`:
// what a node honours, read once at boot. any() on it is true exactly when
// the node may run one of its incorrect code paths.
BugSet bugs_for(const Context& ctx, Protocol protocol);

}  // namespace consim
