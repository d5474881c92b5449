// The memo of the linearizability search (Lowe, "Testing for
// linearizability", 2017, section 4): the configurations already reached,
// each a set of linearized operations and the register state they left.
//
// The set is stored exactly, never as a hash alone, so a collision can never
// prune a branch that holds the only linearization. It is stored compactly:
// operations are numbered in the order of their returns, and the search only
// ever linearizes operations called before the first unlinearized return, so
// a set is "every operation below `prefix`" plus a few `extras` above it (at
// most the operations in flight at that moment, and the pending ones).
//
// Deterministic: an open-addressing table with a stable hash; nothing
// iterates it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sim/checkers/lin_model.h"

namespace consim::lin {

struct Config {
  uint32_t prefix = 0;                // operations 0..prefix-1 are linearized, `prefix` is not
  std::span<const uint32_t> extras;   // the linearized operations above `prefix`, ascending
  StateId state = kEmptyState;
};

class ConfigCache {
 public:
  static uint64_t hash(const Config& c);

  // The entry holding `c`, if it was seen.
  std::optional<uint32_t> find(const Config& c, uint64_t h) const;
  uint32_t insert(const Config& c, uint64_t h);
  // The search left this configuration for good: it has no linearization to
  // the end of the history. (Until then it is an ancestor of the search.)
  void mark_explored(uint32_t entry) { entries_[entry].explored = true; }
  bool explored(uint32_t entry) const { return entries_[entry].explored; }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint64_t hash;
    uint32_t extras_offset;  // into pool_
    uint32_t extras_size;
    uint32_t prefix;
    StateId state;
    bool explored;
  };
  bool equal(const Entry& e, const Config& c, uint64_t h) const;
  void grow();

  std::vector<Entry> entries_;
  std::vector<uint32_t> pool_;   // every entry's extras, back to back
  std::vector<uint32_t> slots_;  // entry + 1, or 0 when free; a power of two in size
};

}  // namespace consim::lin
