// LogHistory: what the Raft log checkers (log_matching, leader_completeness)
// know about the logs, rebuilt from observations alone: a PrefixChain
// mirroring each node's log, and the prefix hash first seen for each
// (index, term) in any log.
//
// Sharing. make_checkers gives both checkers one LogHistory so that the
// mirrors exist once. Each checker still feeds it every observation, so each
// also works alone: observe() and crash() are idempotent (a second call with
// the same input finds the state it would produce and changes nothing), so
// whichever checker sees an observation first does the work. This relies on
// the engine handing each observation to every checker before the next one.
//
// Snapshots. SnapshotTaken(s, t) makes s the base of the node's chain. Its
// prefix hash comes from the node's own chain when that holds (s, t) (a local
// snapshot, or an installed one matching the node's log); otherwise from the
// prefix first seen for (s, t), since a snapshot holds only committed entries
// and whoever reported (s, t) first held them (if that log was itself wrong,
// log_matching reported it then). When neither is known the chain is
// "unknown": its entries are tracked but not compared, and it becomes known
// again at the node's next snapshot that can be placed, or after a crash
// (the rebooted node re-reports from an empty log). The same happens when a
// node reports an entry beyond its last index + 1, which no correct node does.
//
// Memory. The first entry seen at each index doubles as the shared log the
// node chains point into (PrefixChain, "Sharing"), so a node's chain costs
// memory only for a tail that differs from it: in a healthy run, nothing.
// Per index held that is 32 bytes, whatever the cluster size. Each node's
// chain drops entries below its snapshot, and the first-seen records below
// the cluster-wide snapshot floor are dropped too: no node can report an
// entry there any more (see SnapshotFloor). A chain that still shares an
// index about to be dropped (a node that rebooted with an older snapshot
// than it had reported) copies its entries first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "protocols/core/command.h"
#include "protocols/core/observation.h"
#include "sim/checkers/index_window.h"
#include "sim/checkers/prefix_chain.h"
#include "sim/checkers/snapshot_floor.h"

namespace consim {

class LogHistory {
 public:
  explicit LogHistory(int nodes);
  // Node chains point into this object.
  LogHistory(const LogHistory&) = delete;
  LogHistory& operator=(const LogHistory&) = delete;

  int nodes() const { return static_cast<int>(logs_.size()) - 1; }
  void observe(NodeId node, const Observation& o);
  // The node's volatile state is gone; it re-reports its log on boot.
  void crash(NodeId node);

  const PrefixChain& log(NodeId node) const { return logs_[slot(node)]; }
  // The first report of an entry at (index, term) from a known chain, if any
  // is still held (indexes below floor() are forgotten).
  const SharedEntry* first_seen(uint64_t index, uint64_t term) const;
  uint64_t floor() const { return floor_.floor(); }

  size_t memory_bytes() const;

 private:
  size_t slot(NodeId node) const;
  void append(NodeId node, const EntryAppended& e);
  void snapshot(NodeId node, const SnapshotTaken& s);
  std::optional<uint64_t> placed_prefix(uint64_t index, uint64_t term) const;
  void record(uint64_t index, const ChainEntry& entry, NodeId node);
  void record_chain(NodeId node);
  void forget_below(uint64_t index);

  // The first term seen at each index, and (rarer) any further terms seen at
  // the same index: entries that were overwritten or never committed.
  SharedLog first_term_{1};
  std::map<std::pair<uint64_t, uint64_t>, SharedEntry> other_terms_;
  std::vector<PrefixChain> logs_;  // per node, [0] unused; they share first_term_
  SnapshotFloor floor_;
};

}  // namespace consim
