// Stable 64-bit hashing for digests and the trace hash: the same bytes give
// the same hash under every compiler and standard library (std::hash does
// not promise that).
#pragma once

#include <cstdint>
#include <string_view>

namespace consim {

// The 64-bit finalizer of MurmurHash3 / SplitMix64: a bijective mix.
constexpr uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

class StableHasher {
 public:
  constexpr explicit StableHasher(uint64_t seed = 0x243f6a8885a308d3ULL) : h_(seed) {}
  constexpr void add(uint64_t v) { h_ = mix64(h_ ^ (v + 0x9e3779b97f4a7c15ULL + (h_ << 6) + (h_ >> 2))); }
  constexpr void add(std::string_view s) {
    add(static_cast<uint64_t>(s.size()));
    uint64_t word = 0;
    int n = 0;
    for (unsigned char c : s) {
      word = (word << 8) | c;
      if (++n == 8) {
        add(word);
        word = 0;
        n = 0;
      }
    }
    if (n > 0) add(word);
  }
  constexpr uint64_t value() const { return h_; }

 private:
  uint64_t h_;
};

}  // namespace consim
