// Seeded randomness. One 64-bit run seed feeds SplitMix64, which derives an
// independent xoshiro256** stream for each named consumer (the network, each
// node, each client, the fault generator). Adding a draw to one stream never
// shifts another. The distributions are written here by hand because the
// standard library's differ between implementations, and a run must be the
// same under g++ and clang++.
#pragma once

#include <cstdint>
#include <string_view>

#include "protocols/core/time.h"

namespace consim {

// FNV-1a 64: stable across compilers and runs, unlike std::hash. Names the
// random streams, and digests a swept scenario file.
constexpr uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// SplitMix64 (Steele, Lea, Flood 2014): used only to expand seeds.
constexpr uint64_t splitmix64_next(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna 2018) with the draws consim needs.
class Rng {
 public:
  explicit Rng(uint64_t seed);

  uint64_t next_u64();
  // Uniform in [lo, hi], inclusive, without modulo bias (Lemire's method with
  // rejection). Requires lo <= hi.
  uint64_t uniform_u64(uint64_t lo, uint64_t hi);
  int64_t uniform_int(int64_t lo, int64_t hi);
  // Uniform in [0, 1) with 53 bits of precision.
  double uniform_real();
  // True with probability p; p <= 0 never draws true, p >= 1 always does.
  // Always consumes exactly one draw so that streams stay aligned.
  bool bernoulli(double p);
  // Uniform duration in [range.min, range.max], microsecond resolution.
  Duration uniform_duration(DurationRange range);

 private:
  uint64_t s_[4];
};

// Derives named streams from one run seed. stream("node", 3) and
// stream("client", 3) are unrelated; the same (seed, name, index) always gives
// the same stream.
class RandomStreams {
 public:
  explicit RandomStreams(uint64_t run_seed) : run_seed_(run_seed) {}
  Rng stream(std::string_view name, uint64_t index = 0) const;
  uint64_t run_seed() const { return run_seed_; }

 private:
  uint64_t run_seed_;
};

}  // namespace consim
