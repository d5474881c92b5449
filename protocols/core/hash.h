// Stable 64-bit hashing for digests and the trace hash: the same bytes give
// the same hash under every compiler and standard library (std::hash does
// not promise that).
#pragma once

#include <cstdint>
#include <cstring>
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
  // Rotate, xor, multiply by an odd constant: each step is a bijection of
  // the state for a fixed input, cheap enough for every event of a run; the
  // full mix is applied once, in value().
  constexpr void add(uint64_t v) { h_ = (((h_ << 23) | (h_ >> 41)) ^ v) * 0x9e3779b97f4a7c15ULL; }
  // The length, then the bytes eight at a time as little-endian words (the
  // tail zero-padded). The byte order is fixed explicitly, so the value does
  // not depend on the machine's.
  void add(std::string_view s) {
    add(static_cast<uint64_t>(s.size()));
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) add(load_le8(s.data() + i));
    if (i < s.size()) {
      uint64_t tail = 0;
      for (size_t k = i; k < s.size(); ++k) tail |= uint64_t{static_cast<unsigned char>(s[k])} << (8 * (k - i));
      add(tail);
    }
  }
  constexpr uint64_t value() const { return mix64(h_); }

 private:
  static uint64_t load_le8(const char* p) {
    unsigned char b[8];
    std::memcpy(b, p, 8);
    return uint64_t{b[0]} | uint64_t{b[1]} << 8 | uint64_t{b[2]} << 16 | uint64_t{b[3]} << 24 |
           uint64_t{b[4]} << 32 | uint64_t{b[5]} << 40 | uint64_t{b[6]} << 48 | uint64_t{b[7]} << 56;
  }

  uint64_t h_;
};

}  // namespace consim
