#include "sim/checkers/lin_cache.h"

#include <algorithm>

#include "protocols/core/assert.h"
#include "protocols/core/hash.h"

namespace consim::lin {

uint64_t ConfigCache::hash(const Config& c) {
  StableHasher h;
  h.add(c.state);
  h.add(c.prefix);
  for (uint32_t op : c.extras) h.add(op);
  return h.value();
}

bool ConfigCache::equal(const Entry& e, const Config& c, uint64_t h) const {
  if (e.hash != h || e.prefix != c.prefix || e.state != c.state || e.extras_size != c.extras.size()) return false;
  return std::equal(c.extras.begin(), c.extras.end(), pool_.begin() + e.extras_offset);
}

std::optional<uint32_t> ConfigCache::find(const Config& c, uint64_t h) const {
  if (slots_.empty()) return std::nullopt;
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) return std::nullopt;
    const uint32_t entry = slots_[i] - 1;
    if (equal(entries_[entry], c, h)) return entry;
  }
}

uint32_t ConfigCache::insert(const Config& c, uint64_t h) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  CONSIM_ASSERT(entries_.size() < UINT32_MAX - 1 && pool_.size() + c.extras.size() < UINT32_MAX,
                "the search budget keeps the memo within 32-bit indexes");
  const auto entry = static_cast<uint32_t>(entries_.size());
  entries_.push_back(Entry{h, static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(c.extras.size()), c.prefix,
                           c.state, false});
  pool_.insert(pool_.end(), c.extras.begin(), c.extras.end());
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = entry + 1;
  return entry;
}

void ConfigCache::grow() {
  slots_.assign(std::max<size_t>(1024, slots_.size() * 2), 0);
  const size_t mask = slots_.size() - 1;
  for (uint32_t entry = 0; entry < entries_.size(); ++entry) {
    size_t i = entries_[entry].hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = entry + 1;
  }
}

}  // namespace consim::lin
