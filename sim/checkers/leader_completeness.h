// leader_completeness (the README's "Checkers and injected bugs"): a leader of term T whose log lacks
// an entry that was committed in a term before T.
//
// Method. The committed log is one PrefixChain, grown whenever a node reports
// CommitAdvanced past its end, from that node's mirrored log (LogHistory).
// Each committed index also gets the term it was committed in: the term of
// the leader that first reported it committed (a leader decides a commit
// before any follower learns of it), or, if a follower reports it first, the
// highest term any node has reported. Neither is ever earlier than the real
// commit term; an earlier one could blame a leader that legitimately lacks
// the entry (the stale leader of Figure 8, which an entry's own term would).
//
// A leader of T must then hold the committed log up to K(T), the last index
// committed in a term before T. Because both are hash chains that is one
// comparison of prefix hashes at K(T). It is checked when the node becomes
// leader, when more entries are committed in a term before T while it leads,
// and when a leader's own log loses entries at or below the committed end.
// K(T) comes from a stack of (index, commit term) suffix minima, so finding
// it is a binary search over at most one element per term.
//
// Choices. A commit report that disagrees with the committed log (two nodes
// committing different entries at one index) is not reported here: it is
// reported by state_machine_safety when both are applied, and the committed
// log keeps the first. A leader whose log the checkers cannot place
// (LogHistory: "unknown"), or whose snapshot already covers K(T), is not
// checked. One violation per (leader, term).
//
// Memory: 24 bytes per committed index above the cluster's snapshot floor.
#pragma once

#include <memory>

#include "sim/checkers/checker.h"
#include "sim/checkers/log_history.h"

namespace consim {

// With its own LogHistory, or sharing one with log_matching.
std::unique_ptr<Checker> make_leader_completeness_checker(int nodes);
std::unique_ptr<Checker> make_leader_completeness_checker(std::shared_ptr<LogHistory> history);

}  // namespace consim
