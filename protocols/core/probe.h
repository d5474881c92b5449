// Coverage probes (as FoundationDB's CODE_PROBE): protocol code marks the
// paths worth reaching with ctx.probe(Probe::...), and a run counts how often
// each was hit. Probes are not observations: checkers never see them and they
// are not in the trace, so marking a path changes no run's hash. A sweep
// reports, per probe, how many seeds hit it; `sweep --require-coverage`
// fails when a probe not marked rare was hit by none.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "protocols/core/config.h"

namespace consim {

enum class Probe : uint8_t {
  // Raft: election (5.2, 5.4.1, dissertation 9.6).
  kRaftVoteRefusedLog,
  kRaftVoteRefusedVoted,
  kRaftVoteIgnoredLease,
  kRaftPreVoteRefused,
  kRaftElectionRetried,
  kRaftLeaderSteppedDown,
  kRaftCheckQuorumStepDown,
  // Raft: replication and commitment (5.3, 5.4.2).
  kRaftAppendStaleTerm,
  kRaftAppendLogGap,
  kRaftAppendTermMismatch,
  kRaftConflictTruncated,
  kRaftAppendAlreadyHeld,
  kRaftStaleReplyIgnored,
  kRaftStaleRefusalIgnored,
  kRaftOldTermNotCounted,
  // Raft: snapshots (7), clients (dissertation 6).
  kRaftSnapshotSent,
  kRaftSnapshotInstalled,
  kRaftSnapshotOverLongerLog,
  kRaftRedirected,
  kRaftReadConfirmed,
  kRaftRestartedWithLog,
  // Basic Paxos (Paxos Made Simple 2.2-2.5).
  kPaxosPrepareRefused,
  kPaxosAcceptRefused,
  kPaxosValueAdopted,
  kPaxosRoundPreempted,
  kPaxosRoundTimedOut,
  kPaxosYieldedToRival,
  kPaxosLearnedFromPeer,
  kPaxosRestartedWithState,
  // Multi-Paxos (Paxos Made Moderately Complex).
  kMultiPaxosScoutPreempted,
  kMultiPaxosLeaderPreempted,
  kMultiPaxosPValueAdopted,
  kMultiPaxosHoleFilled,
  kMultiPaxosStaleP2bIgnored,
  kMultiPaxosP2aRefused,
  kMultiPaxosSnapshotSent,
  kMultiPaxosSnapshotInstalled,
  kMultiPaxosRedirected,
  kMultiPaxosRestartedWithState,
  kCount
};

constexpr size_t kProbeCount = static_cast<size_t>(Probe::kCount);

struct ProbeInfo {
  Probe probe;
  Protocol protocol;
  std::string_view name;  // "raft.conflict-truncated"
  // A rare probe is hit by fewer than about one seed in twenty of a default
  // sweep (measured: README "Coverage"), so a smoke sweep may miss it
  // without failing the coverage gate.
  bool rare;
  std::string_view what;  // one line
};

std::span<const ProbeInfo> all_probes();
const ProbeInfo& probe_info(Probe p);
std::optional<Probe> probe_from_name(std::string_view name);
size_t probe_count(Protocol protocol);  // the probes of that protocol

}  // namespace consim
