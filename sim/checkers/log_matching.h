// log_matching (the README's "Checkers and injected bugs"): two logs hold an entry with the same index
// and term but differ at that index or at an earlier one.
//
// Method: hash chains (see PrefixChain and LogHistory). The first time any
// known log reports an entry at (index, term), its prefix hash is recorded;
// every later report of (index, term) by any node, at any time, must come
// with the same prefix hash. O(1) per EntryAppended. A log the checker cannot
// place after a snapshot (LogHistory: "unknown") is skipped until it can.
//
// One violation per (index, term). Once a node's log has been found to
// diverge at index i, the entries it appends after i inherit the divergent
// prefix; they are the same evidence and are not reported, until the node's
// log changes at or below i (a truncation, an overwrite, an installed
// snapshot). Compacting the divergent entry into a local snapshot repairs
// nothing and ends nothing.
//
// Evidence: the two nodes, and the first index at which their logs differ
// (binary search on prefix hashes) with each side's term and digest there,
// when the first node still holds the entry; otherwise the two prefix hashes.
#pragma once

#include <memory>

#include "sim/checkers/checker.h"
#include "sim/checkers/log_history.h"

namespace consim {

// With its own LogHistory, or sharing one with leader_completeness.
std::unique_ptr<Checker> make_log_matching_checker(int nodes);
std::unique_ptr<Checker> make_log_matching_checker(std::shared_ptr<LogHistory> history);

}  // namespace consim
