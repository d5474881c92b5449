#include "sim/checkers/log_history.h"

#include <variant>

#include "protocols/core/assert.h"

namespace consim {

LogHistory::LogHistory(int nodes) : floor_(nodes) {
  CONSIM_ASSERT(nodes >= 1, "a cluster has at least one node");
  logs_.reserve(static_cast<size_t>(nodes) + 1);
  for (int n = 0; n <= nodes; ++n) logs_.emplace_back(&first_term_);
}

size_t LogHistory::slot(NodeId node) const {
  CONSIM_ASSERT(node >= 1 && static_cast<size_t>(node) < logs_.size(), "a node id outside the cluster");
  return static_cast<size_t>(node);
}

void LogHistory::observe(NodeId node, const Observation& o) {
  if (const auto* e = std::get_if<EntryAppended>(&o)) append(node, *e);
  else if (const auto* t = std::get_if<LogTruncated>(&o)) logs_[slot(node)].truncate_from(t->from_index);
  else if (const auto* s = std::get_if<SnapshotTaken>(&o)) snapshot(node, *s);
}

void LogHistory::crash(NodeId node) { logs_[slot(node)] = PrefixChain(&first_term_); }

void LogHistory::append(NodeId node, const EntryAppended& e) {
  PrefixChain& log = logs_[slot(node)];
  if (e.index <= log.base_index()) return;  // inside the snapshot: nothing changes
  if (e.index <= log.last_index()) {
    const ChainEntry& held = log.entry(e.index);
    if (held.term == e.term && held.digest == e.digest) return;  // already there (or fed twice)
    // Overwritten without a LogTruncated: Raft deletes the entry and all that follow.
    log.truncate_from(e.index);
  }
  if (e.index > log.last_index() + 1) log.reset(e.index - 1, 0, std::nullopt);  // a gap: the prefix is unknown
  // Recorded first, so that the chain can share the record.
  if (log.known()) record(e.index, ChainEntry{e.term, e.digest, log.next_prefix(e.term, e.digest)}, node);
  log.append(e.term, e.digest);
}

void LogHistory::snapshot(NodeId node, const SnapshotTaken& s) {
  PrefixChain& log = logs_[slot(node)];
  if (s.last_index < log.base_index()) return;  // older than what the node has: stale
  if (log.holds(s.last_index) && log.term_at(s.last_index) == s.last_term) {
    // The node's own log holds the snapshot's last entry: entries after it stay.
    log.compact_to(s.last_index);
    if (!log.known()) {
      if (const auto prefix = placed_prefix(s.last_index, s.last_term)) {
        log.establish(*prefix);
        record_chain(node);
      }
    }
  } else {
    log.reset(s.last_index, s.last_term, placed_prefix(s.last_index, s.last_term));
  }
  const uint64_t before = floor_.floor();
  if (floor_.update(node, s.last_index) > before) forget_below(floor_.floor());
}

std::optional<uint64_t> LogHistory::placed_prefix(uint64_t index, uint64_t term) const {
  if (index == 0) return kEmptyLogPrefix;
  if (const SharedEntry* seen = first_seen(index, term)) return seen->entry.prefix;
  return std::nullopt;
}

const SharedEntry* LogHistory::first_seen(uint64_t index, uint64_t term) const {
  if (!first_term_.contains(index)) return nullptr;
  const SharedEntry& first = first_term_[index];
  if (first.node == 0) return nullptr;
  if (first.entry.term == term) return &first;
  const auto it = other_terms_.find({index, term});
  return it == other_terms_.end() ? nullptr : &it->second;
}

void LogHistory::record(uint64_t index, const ChainEntry& entry, NodeId node) {
  if (index < first_term_.begin_index()) return;  // forgotten
  first_term_.extend_to(index);
  SharedEntry& first = first_term_[index];
  if (first.node == 0) first = SharedEntry{entry, node};
  else if (first.entry.term != entry.term) other_terms_.try_emplace({index, entry.term}, SharedEntry{entry, node});
}

void LogHistory::record_chain(NodeId node) {
  const PrefixChain& log = logs_[slot(node)];
  for (uint64_t i = log.base_index() + 1; i <= log.last_index(); ++i)
    record(i, log.entry(i), node);
}

void LogHistory::forget_below(uint64_t index) {
  for (PrefixChain& log : logs_)
    if (log.shares_below(index)) log.unshare();
  first_term_.drop_below(index);
  other_terms_.erase(other_terms_.begin(), other_terms_.lower_bound({index, 0}));
}

size_t LogHistory::memory_bytes() const {
  // std::map nodes: the value plus roughly four pointers and a colour.
  constexpr size_t kMapNodeBytes = sizeof(std::pair<const std::pair<uint64_t, uint64_t>, SharedEntry>) + 40;
  size_t bytes = first_term_.capacity_bytes() + other_terms_.size() * kMapNodeBytes;
  for (const PrefixChain& log : logs_) bytes += log.memory_bytes();
  return bytes;
}

}  // namespace consim
