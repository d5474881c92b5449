// PrefixChain: a log as the checkers see it. For each index it keeps the
// entry's term and command digest and a prefix hash standing for the whole log
// up to that index:
//
//   prefix(0) = kEmptyLogPrefix,  prefix(i) = H(prefix(i-1), term(i), digest(i))
//
// so two logs hold the same entries at 1..i exactly when their prefix hashes
// at i are equal (up to a 64-bit hash collision). That turns "do these logs
// agree up to i" into one comparison.
//
// Entries covered by a snapshot are gone: the chain keeps the snapshot's last
// index and term as its base, and the prefix hash at the base when known. A
// chain whose base prefix is unknown (a snapshot the checkers could not place,
// or a gap in what a node reported) still tracks terms and digests, but its
// prefix hashes mean nothing and prefix_at() returns nothing until
// establish() supplies the base prefix.
//
// Sharing. In a healthy cluster every node holds the same entries, so a chain
// may point at a SharedLog (one canonical entry per index, kept by
// LogHistory) instead of copying: entries base+1 .. shared_to are the shared
// log's, and only entries after the first one that differs (an uncommitted,
// divergent tail) are the chain's own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "protocols/core/command.h"
#include "sim/checkers/index_window.h"

namespace consim {

inline constexpr uint64_t kEmptyLogPrefix = 0x6a09e667f3bcc908ULL;

uint64_t chain_prefix(uint64_t previous_prefix, uint64_t term, uint64_t digest);

struct ChainEntry {
  uint64_t term = 0;
  uint64_t digest = 0;
  uint64_t prefix = 0;
};

struct SharedEntry {
  ChainEntry entry;
  NodeId node = 0;  // the node that reported it first; 0: no entry here
};
using SharedLog = IndexWindow<SharedEntry>;

class PrefixChain {
 public:
  // The empty log: base 0, known. A chain sharing `shared` must not outlive
  // it, and indexes it shares must not be dropped from it (see unshare()).
  explicit PrefixChain(const SharedLog* shared = nullptr) : shared_(shared) {}

  uint64_t base_index() const { return base_index_; }
  uint64_t base_term() const { return base_term_; }
  uint64_t last_index() const { return shared_to_ + own_.size(); }
  bool known() const { return known_; }
  // The base or an entry sits at `index`.
  bool holds(uint64_t index) const { return index >= base_index_ && index <= last_index(); }

  // Requires base_index() < index <= last_index().
  const ChainEntry& entry(uint64_t index) const {
    return index <= shared_to_ ? (*shared_)[index].entry : own_[index];
  }
  // Requires holds(index).
  uint64_t term_at(uint64_t index) const { return index == base_index_ ? base_term_ : entry(index).term; }
  // The prefix hash at `index`, when the chain is known and holds it.
  std::optional<uint64_t> prefix_at(uint64_t index) const;
  // The prefix hash an entry appended now would get (meaningless if unknown).
  uint64_t next_prefix(uint64_t term, uint64_t digest) const;

  // Appends at last_index() + 1.
  void append(uint64_t term, uint64_t digest);
  // Removes every entry at index >= `index`; the base is never removed.
  void truncate_from(uint64_t index);
  // The base moves up to `index` (which the chain holds); entries after it stay.
  void compact_to(uint64_t index);
  // The whole log is replaced by a snapshot ending at (index, term), whose
  // prefix hash is `prefix` (nullopt: unknown).
  void reset(uint64_t index, uint64_t term, std::optional<uint64_t> prefix);
  // The base prefix of an unknown chain has been found: every prefix above it
  // is recomputed, O(entries held).
  void establish(uint64_t base_prefix);

  // True if the chain shares an index below `index`.
  bool shares_below(uint64_t index) const { return shared_to_ > base_index_ && base_index_ + 1 < index; }
  // Copies every shared entry into the chain's own, O(entries held): before
  // the shared log drops indexes this chain still uses.
  void unshare();

  size_t memory_bytes() const { return own_.capacity_bytes(); }

 private:
  const SharedLog* shared_;
  uint64_t base_index_ = 0;
  uint64_t base_term_ = 0;
  uint64_t base_prefix_ = kEmptyLogPrefix;  // meaningful only when known_
  bool known_ = true;
  uint64_t shared_to_ = 0;              // entries base_index_+1 .. shared_to_ are the shared log's
  IndexWindow<ChainEntry> own_{1};      // entries shared_to_+1 .. last_index()
};

// The first index in [lo, hi] at which chains `a` and `b` differ, or nullopt
// if they agree at hi. Both must be known and hold every index in [lo, hi].
// A result of `lo` means "at or before lo": nothing lower is compared. Binary
// search, since two chains that differ at i differ at every index after i.
std::optional<uint64_t> first_difference(const PrefixChain& a, const PrefixChain& b, uint64_t lo, uint64_t hi);

}  // namespace consim
