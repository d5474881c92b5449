#include "protocols/core/bugs.h"

#include <array>

#include "protocols/core/node.h"

namespace consim {
namespace {

constexpr std::array<BugInfo, static_cast<size_t>(Bug::kCount)> kBugs{{
    {Bug::kRaftSkipLogMatching, "raft.skip-log-matching",
     "a follower appends entries without checking prev_log_index/prev_log_term"},
    {Bug::kRaftMinorityQuorum, "raft.minority-quorum", "quorum computed as n/2 instead of n/2 + 1"},
    {Bug::kRaftCommitOldTerm, "raft.commit-old-term",
     "a leader commits an entry of an earlier term by counting replicas (Figure 8)"},
    {Bug::kRaftVolatileVote, "raft.volatile-vote",
     "current_term and voted_for are not made durable before a vote is granted"},
    {Bug::kRaftNoUpToDateCheck, "raft.no-up-to-date-check",
     "a vote is granted without the candidate's-log-is-up-to-date check"},
    {Bug::kRaftApplyUncommitted, "raft.apply-uncommitted", "a node applies entries beyond its commit index"},
    {Bug::kRaftLocalRead, "raft.local-read",
     "a leader answers get from its own state without confirming it is still leader"},
    {Bug::kPaxosMinorityAccept, "paxos.minority-accept",
     "a proposer treats a value as chosen once any one acceptor accepts it"},
    {Bug::kPaxosFirstPromiseValue, "paxos.first-promise-value",
     "a proposer adopts the value of the first promise instead of the highest-ballot one"},
    {Bug::kPaxosAcceptBelowPromise, "paxos.accept-below-promise",
     "an acceptor accepts a ballot lower than the one it promised"},
    {Bug::kMultiPaxosSkipPrepare, "multipaxos.skip-prepare",
     "a new leader skips phase 1 and proposes without learning what was accepted"},
    {Bug::kMultiPaxosLocalRead, "multipaxos.local-read",
     "a Multi-Paxos leader answers get from its own state without confirming leadership"},
    {Bug::kRaftNoDedup, "raft.no-dedup",
     "the state machine keeps no client sessions: a retried request already applied is applied again"},
}};

}  // namespace

std::span<const BugInfo> all_bugs() { return kBugs; }

std::optional<Bug> bug_from_name(std::string_view name) {
  for (const auto& info : kBugs)
    if (info.name == name) return info.bug;
  return std::nullopt;
}

std::string_view bug_name(Bug bug) { return kBugs[static_cast<size_t>(bug)].name; }

bool bug_applies(Bug bug, Protocol protocol) {
  const std::string_view name = bug_name(bug);
  if (name.starts_with("raft.")) return protocol == Protocol::kRaft;
  if (name.starts_with("paxos.")) return protocol != Protocol::kRaft;
  return protocol == Protocol::kMultiPaxos;
}

std::string_view bug_protocols(Bug bug) {
  const std::string_view name = bug_name(bug);
  if (name.starts_with("raft.")) return "raft";
  if (name.starts_with("paxos.")) return "basic-paxos and multi-paxos";
  return "multi-paxos";
}

BugSet bugs_for(const Context& ctx, Protocol protocol) {
  BugSet bugs;
  for (const BugInfo& info : kBugs)
    if (bug_applies(info.bug, protocol) && ctx.bug(info.bug)) bugs.enable(info.bug);
  return bugs;
}

}  // namespace consim
