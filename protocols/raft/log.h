// The Raft log in memory (Figure 2, "log[]"), on top of a snapshot base
// (section 7): entries with index <= base_index() were compacted into a
// snapshot whose last entry had base_term(). Indexes start at 1; index 0 with
// term 0 is the empty prefix every log shares.
//
// Invariants: entries are contiguous from first_index() to last_index();
// base_index() <= last_index(). Terms never decrease along a log built by the
// correct protocol, which term searches rely on for speed; with injected bugs
// they may, and the searches then give poorer hints but stay in bounds.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "protocols/core/command.h"

namespace consim::raft {

// One log entry. The command is immutable and shared by every log, message
// and journal record that holds the entry; its digest is computed once, by
// the leader that created it.
struct LogEntry {
  uint64_t term = 0;
  std::shared_ptr<const Command> command;
  uint64_t digest = 0;  // command->digest()
};

LogEntry make_entry(uint64_t term, Command command);

// A run of consecutive entries, immutable and shared: the leader builds one
// for a range it sends and every AppendEntries carrying that range, and every
// journal record storing it, hold the same one. Null means no entries.
using EntryBatch = std::shared_ptr<const std::vector<LogEntry>>;
EntryBatch make_batch(std::vector<LogEntry> entries);
inline size_t batch_size(const EntryBatch& b) { return b ? b->size() : 0; }

class RaftLog {
 public:
  uint64_t base_index() const { return base_index_; }
  uint64_t base_term() const { return base_term_; }
  uint64_t first_index() const { return base_index_ + 1; }
  uint64_t last_index() const { return base_index_ + entries_.size(); }
  uint64_t last_term() const { return entries_.empty() ? base_term_ : entries_.back().term; }
  size_t size() const { return entries_.size(); }

  // True if term_at(index) is known: the base or an entry in memory.
  bool has_term(uint64_t index) const { return index >= base_index_ && index <= last_index(); }
  // Requires has_term(index).
  uint64_t term_at(uint64_t index) const;
  // True if the log holds index with that term (the base counts).
  bool matches(uint64_t index, uint64_t term) const { return has_term(index) && term_at(index) == term; }
  // Requires first_index() <= index <= last_index().
  const LogEntry& at(uint64_t index) const;

  void append(LogEntry entry) { entries_.push_back(std::move(entry)); }
  // Removes every entry with index >= from. Requires base_index() < from.
  void truncate_from(uint64_t from);
  // Drops the prefix up to `index` (a snapshot now covers it). Requires
  // matches(index, term).
  void compact_to(uint64_t index, uint64_t term);
  // Drops everything: the log is now only the base (index, term).
  void reset(uint64_t index, uint64_t term);

  // Up to max_count entries starting at `from` (first_index() <= from).
  std::vector<LogEntry> slice(uint64_t from, uint64_t max_count) const;
  // The last index in [first_index(), last_index()] whose term is `term`, or
  // 0 if none (the base counts if its term matches and no entry does).
  uint64_t last_index_of_term(uint64_t term) const;
  // The first index in [first_index(), up_to] whose term is term_at(up_to).
  uint64_t first_index_of_term_at(uint64_t up_to) const;

 private:
  size_t offset(uint64_t index) const { return static_cast<size_t>(index - base_index_ - 1); }

  uint64_t base_index_ = 0;
  uint64_t base_term_ = 0;
  std::deque<LogEntry> entries_;  // entries_[k] has index base_index_ + 1 + k
};

}  // namespace consim::raft
