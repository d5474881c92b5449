#include "sim/checkers/prefix_chain.h"

#include <vector>

#include "protocols/core/assert.h"
#include "protocols/core/hash.h"

namespace consim {

uint64_t chain_prefix(uint64_t previous_prefix, uint64_t term, uint64_t digest) {
  StableHasher h(previous_prefix);
  h.add(term);
  h.add(digest);
  return h.value();
}

std::optional<uint64_t> PrefixChain::prefix_at(uint64_t index) const {
  if (!known_ || !holds(index)) return std::nullopt;
  return index == base_index_ ? base_prefix_ : entry(index).prefix;
}

uint64_t PrefixChain::next_prefix(uint64_t term, uint64_t digest) const {
  const uint64_t last = last_index();
  return chain_prefix(last == base_index_ ? base_prefix_ : entry(last).prefix, term, digest);
}

void PrefixChain::append(uint64_t term, uint64_t digest) {
  const uint64_t index = last_index() + 1;
  const uint64_t prefix = next_prefix(term, digest);
  if (own_.empty() && known_ && shared_ != nullptr && shared_->contains(index)) {
    const SharedEntry& s = (*shared_)[index];
    if (s.node != 0 && s.entry.prefix == prefix && s.entry.term == term && s.entry.digest == digest) {
      shared_to_ = index;
      own_.reset(index + 1);
      return;
    }
  }
  own_.push_back(ChainEntry{term, digest, prefix});
}

void PrefixChain::truncate_from(uint64_t index) {
  if (index <= base_index_) index = base_index_ + 1;
  if (index <= shared_to_) {
    shared_to_ = index - 1;
    own_.reset(index);
  } else {
    own_.truncate_from(index);
  }
}

void PrefixChain::compact_to(uint64_t index) {
  CONSIM_ASSERT(holds(index), "an index the chain does not hold");
  if (index == base_index_) return;
  const ChainEntry e = entry(index);
  base_index_ = index;
  base_term_ = e.term;
  base_prefix_ = e.prefix;
  if (index >= shared_to_) {
    own_.drop_below(index + 1);
    shared_to_ = index;
  }
}

void PrefixChain::reset(uint64_t index, uint64_t term, std::optional<uint64_t> prefix) {
  base_index_ = index;
  base_term_ = term;
  known_ = prefix.has_value();
  base_prefix_ = prefix.value_or(0);
  shared_to_ = index;
  own_.reset(index + 1);
}

void PrefixChain::establish(uint64_t base_prefix) {
  CONSIM_ASSERT(shared_to_ == base_index_, "an unknown chain shares nothing");
  base_prefix_ = base_prefix;
  known_ = true;
  uint64_t previous = base_prefix;
  for (uint64_t i = base_index_ + 1; i <= last_index(); ++i) {
    ChainEntry& e = own_[i];
    e.prefix = chain_prefix(previous, e.term, e.digest);
    previous = e.prefix;
  }
}

void PrefixChain::unshare() {
  if (shared_to_ == base_index_) return;
  std::vector<ChainEntry> entries;
  entries.reserve(static_cast<size_t>(last_index() - base_index_));
  for (uint64_t i = base_index_ + 1; i <= last_index(); ++i) entries.push_back(entry(i));
  shared_to_ = base_index_;
  own_.reset(base_index_ + 1);
  for (const ChainEntry& e : entries) own_.push_back(e);
}

std::optional<uint64_t> first_difference(const PrefixChain& a, const PrefixChain& b, uint64_t lo, uint64_t hi) {
  CONSIM_ASSERT(lo <= hi && a.holds(lo) && b.holds(lo) && a.holds(hi) && b.holds(hi),
                "a search range both chains hold");
  if (a.prefix_at(hi) == b.prefix_at(hi)) return std::nullopt;
  if (a.prefix_at(lo) != b.prefix_at(lo)) return lo;
  // Invariant: they agree at lo and differ at hi.
  while (hi - lo > 1) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (a.prefix_at(mid) == b.prefix_at(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

}  // namespace consim
