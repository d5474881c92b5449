#include "protocols/core/probe.h"

#include <array>

#include "protocols/core/assert.h"

namespace consim {
namespace {

constexpr Protocol kRaft = Protocol::kRaft;
constexpr Protocol kPaxos = Protocol::kBasicPaxos;
constexpr Protocol kMulti = Protocol::kMultiPaxos;

constexpr std::array<ProbeInfo, kProbeCount> kProbes{{
    {Probe::kRaftVoteRefusedLog, kRaft, "raft.vote-refused-log", false,
     "a vote refused: the candidate's log is not as up to date (5.4.1)"},
    {Probe::kRaftVoteRefusedVoted, kRaft, "raft.vote-refused-voted", false,
     "a vote refused: the node already voted for another candidate in the term"},
    {Probe::kRaftVoteIgnoredLease, kRaft, "raft.vote-ignored-lease", false,
     "a RequestVote of a newer term ignored: a leader was heard within the election timeout (9.6)"},
    {Probe::kRaftPreVoteRefused, kRaft, "raft.prevote-refused", false,
     "a pre-vote refused: the asker's log is behind or a leader is still heard (9.6)"},
    {Probe::kRaftElectionRetried, kRaft, "raft.election-retried", false,
     "a (pre-)candidate's election timed out and it campaigned again: a split vote or a lost majority"},
    {Probe::kRaftLeaderSteppedDown, kRaft, "raft.leader-stepped-down", false,
     "a leader saw a newer term and became a follower"},
    {Probe::kRaftCheckQuorumStepDown, kRaft, "raft.check-quorum-step-down", false,
     "a leader heard from no majority within an election timeout and stepped down (CheckQuorum, 9.6)"},
    {Probe::kRaftAppendStaleTerm, kRaft, "raft.append-stale-term", false,
     "an AppendEntries of an older term refused (receiver rule 1)"},
    {Probe::kRaftAppendLogGap, kRaft, "raft.append-log-gap", false,
     "an AppendEntries refused: the follower's log ends before prevLogIndex (rule 2)"},
    {Probe::kRaftAppendTermMismatch, kRaft, "raft.append-term-mismatch", false,
     "an AppendEntries refused: the entry at prevLogIndex has another term (rule 2)"},
    {Probe::kRaftConflictTruncated, kRaft, "raft.conflict-truncated", false,
     "a conflicting suffix deleted from a follower's log (rule 3)"},
    {Probe::kRaftAppendAlreadyHeld, kRaft, "raft.append-already-held", false,
     "an AppendEntries whose entries the follower already held: stale, duplicated or reordered"},
    {Probe::kRaftStaleReplyIgnored, kRaft, "raft.stale-reply-ignored", false,
     "a reply of an older term, or to a node no longer leader, ignored"},
    {Probe::kRaftStaleRefusalIgnored, kRaft, "raft.stale-refusal-ignored", false,
     "a refusal that answers an earlier AppendEntries ignored by the leader"},
    {Probe::kRaftOldTermNotCounted, kRaft, "raft.old-term-not-counted", false,
     "a majority holds an entry of an earlier term, and the leader does not commit it by counting (5.4.2)"},
    {Probe::kRaftSnapshotSent, kRaft, "raft.snapshot-sent", false,
     "a leader sent InstallSnapshot: the follower needs entries it compacted (7)"},
    {Probe::kRaftSnapshotInstalled, kRaft, "raft.snapshot-installed", false,
     "a follower installed a leader's snapshot (7)"},
    {Probe::kRaftSnapshotOverLongerLog, kRaft, "raft.snapshot-over-longer-log", false,
     "an installed snapshot discarded uncommitted entries that did not match it (Figure 13)"},
    {Probe::kRaftRedirected, kRaft, "raft.redirected", false,
     "a client request refused by a node that is not the leader, with a hint"},
    {Probe::kRaftReadConfirmed, kRaft, "raft.read-confirmed", false,
     "a read answered after a heartbeat round confirmed leadership (ReadIndex, dissertation 6.4)"},
    {Probe::kRaftRestartedWithLog, kRaft, "raft.restarted-with-log", false,
     "a node restarted from a journal holding log entries"},
    {Probe::kPaxosPrepareRefused, kPaxos, "paxos.prepare-refused", false,
     "a prepare refused: the acceptor promised a higher ballot (phase 1b)"},
    {Probe::kPaxosAcceptRefused, kPaxos, "paxos.accept-refused", false,
     "an accept refused: the acceptor promised a higher ballot (phase 2b)"},
    {Probe::kPaxosValueAdopted, kPaxos, "paxos.value-adopted", false,
     "a proposer proposed a value a promise reported instead of its own (P2c)"},
    {Probe::kPaxosRoundPreempted, kPaxos, "paxos.round-preempted", false,
     "a proposer's round was refused and it backed off (2.2, 2.4)"},
    {Probe::kPaxosRoundTimedOut, kPaxos, "paxos.round-timed-out", false,
     "a proposer's round got no majority in time"},
    {Probe::kPaxosYieldedToRival, kPaxos, "paxos.yielded-to-rival", false,
     "a proposer waited for another proposer at work on the instance (2.4)"},
    {Probe::kPaxosLearnedFromPeer, kPaxos, "paxos.learned-from-peer", false,
     "a node learned a chosen value from another node rather than from its own round"},
    {Probe::kPaxosRestartedWithState, kPaxos, "paxos.restarted-with-state", false,
     "a node restarted from a journal holding promises or acceptances"},
    {Probe::kMultiPaxosScoutPreempted, kMulti, "multipaxos.scout-preempted", false,
     "a scout's p1a answered with a higher ballot: preempted before adoption"},
    {Probe::kMultiPaxosLeaderPreempted, kMulti, "multipaxos.leader-preempted", false,
     "a leader saw a higher ballot and stopped leading"},
    {Probe::kMultiPaxosPValueAdopted, kMulti, "multipaxos.pvalue-adopted", false,
     "a new leader proposed a pvalue its phase-1 majority reported (pmax)"},
    {Probe::kMultiPaxosHoleFilled, kMulti, "multipaxos.hole-filled", true,
     "a new leader filled an open slot no majority member had accepted with a no-op"},
    {Probe::kMultiPaxosStaleP2bIgnored, kMulti, "multipaxos.stale-p2b-ignored", false,
     "a p2b of another ballot, or to a node no longer leader, ignored"},
    {Probe::kMultiPaxosP2aRefused, kMulti, "multipaxos.p2a-refused", false,
     "a p2a below the acceptor's promise refused"},
    {Probe::kMultiPaxosSnapshotSent, kMulti, "multipaxos.snapshot-sent", false,
     "a leader sent a snapshot: the acceptor needs slots it compacted"},
    {Probe::kMultiPaxosSnapshotInstalled, kMulti, "multipaxos.snapshot-installed", false,
     "a node installed a snapshot of decided slots"},
    {Probe::kMultiPaxosRedirected, kMulti, "multipaxos.redirected", false,
     "a client request refused by a node that is not the leader"},
    {Probe::kMultiPaxosRestartedWithState, kMulti, "multipaxos.restarted-with-state", false,
     "a node restarted from a journal holding promises or pvalues"},
}};

constexpr bool in_order() {
  for (size_t i = 0; i < kProbes.size(); ++i)
    if (static_cast<size_t>(kProbes[i].probe) != i) return false;
  return true;
}
static_assert(in_order(), "kProbes lists every probe in enum order");

}  // namespace

std::span<const ProbeInfo> all_probes() { return kProbes; }

const ProbeInfo& probe_info(Probe p) {
  CONSIM_ASSERT(p < Probe::kCount, "a real probe");
  return kProbes[static_cast<size_t>(p)];
}

size_t probe_count(Protocol protocol) {
  size_t n = 0;
  for (const ProbeInfo& info : kProbes) n += info.protocol == protocol ? 1 : 0;
  return n;
}

std::optional<Probe> probe_from_name(std::string_view name) {
  for (const ProbeInfo& info : kProbes)
    if (info.name == name) return info.probe;
  return std::nullopt;
}

}  // namespace consim
