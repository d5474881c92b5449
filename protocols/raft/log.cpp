#include "protocols/raft/log.h"

#include <algorithm>

#include "protocols/core/assert.h"

namespace consim::raft {

LogEntry make_entry(uint64_t term, Command command) {
  LogEntry e;
  e.term = term;
  e.digest = command.digest();
  e.command = std::make_shared<const Command>(std::move(command));
  return e;
}

EntryBatch make_batch(std::vector<LogEntry> entries) {
  if (entries.empty()) return nullptr;
  return std::make_shared<const std::vector<LogEntry>>(std::move(entries));
}

uint64_t RaftLog::term_at(uint64_t index) const {
  CONSIM_ASSERT(has_term(index), "term_at outside the log");
  return index == base_index_ ? base_term_ : entries_[offset(index)].term;
}

const LogEntry& RaftLog::at(uint64_t index) const {
  CONSIM_ASSERT(index > base_index_ && index <= last_index(), "log index outside the entries in memory");
  return entries_[offset(index)];
}

void RaftLog::truncate_from(uint64_t from) {
  CONSIM_ASSERT(from > base_index_, "cannot truncate into the snapshot");
  if (from > last_index()) return;
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(offset(from)), entries_.end());
}

void RaftLog::compact_to(uint64_t index, uint64_t term) {
  CONSIM_ASSERT(matches(index, term), "compaction point must be in the log");
  entries_.erase(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(index - base_index_));
  base_index_ = index;
  base_term_ = term;
}

void RaftLog::reset(uint64_t index, uint64_t term) {
  entries_.clear();
  base_index_ = index;
  base_term_ = term;
}

std::vector<LogEntry> RaftLog::slice(uint64_t from, uint64_t max_count) const {
  CONSIM_ASSERT(from > base_index_, "slice starts inside the snapshot");
  std::vector<LogEntry> out;
  if (from > last_index()) return out;
  const uint64_t count = std::min<uint64_t>(max_count, last_index() - from + 1);
  out.reserve(static_cast<size_t>(count));
  const auto begin = entries_.begin() + static_cast<std::ptrdiff_t>(offset(from));
  out.insert(out.end(), begin, begin + static_cast<std::ptrdiff_t>(count));
  return out;
}

// Binary searches: terms do not decrease along the log (see log.h).
uint64_t RaftLog::last_index_of_term(uint64_t term) const {
  size_t lo = 0;
  size_t hi = entries_.size();  // first position with a term > `term`
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (entries_[mid].term <= term) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && entries_[lo - 1].term == term) return base_index_ + lo;
  if (base_term_ == term && base_index_ > 0) return base_index_;
  return 0;
}

uint64_t RaftLog::first_index_of_term_at(uint64_t up_to) const {
  CONSIM_ASSERT(up_to > base_index_ && up_to <= last_index(), "conflict index outside the entries in memory");
  const uint64_t term = term_at(up_to);
  size_t lo = 0;
  size_t hi = offset(up_to);  // first position with a term >= `term`
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (entries_[mid].term < term) lo = mid + 1;
    else hi = mid;
  }
  return base_index_ + 1 + lo;
}

}  // namespace consim::raft
