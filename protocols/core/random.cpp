#include "protocols/core/random.h"

#include "protocols/core/assert.h"


namespace consim {
namespace {

__extension__ using u128 = unsigned __int128;

constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t sm = seed;
  for (auto& word : s_) word = splitmix64_next(sm);
  // xoshiro's one forbidden state is all zeros; SplitMix64 cannot produce four
  // zero words in a row, but guard it anyway.
  if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;
}

uint64_t Rng::next_u64() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Rng::uniform_u64(uint64_t lo, uint64_t hi) {
  CONSIM_ASSERT(lo <= hi, "an empty range");
  const uint64_t span = hi - lo;
  if (span == UINT64_MAX) return next_u64();
  const uint64_t n = span + 1;
  // Lemire 2019, "Fast Random Integer Generation in an Interval".
  u128 m = static_cast<u128>(next_u64()) * n;
  auto low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<u128>(next_u64()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return lo + static_cast<uint64_t>(m >> 64);
}

int64_t Rng::uniform_int(int64_t lo, int64_t hi) {
  CONSIM_ASSERT(lo <= hi, "an empty range");
  const auto span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + uniform_u64(0, span));
}

double Rng::uniform_real() {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

bool Rng::bernoulli(double p) {
  const double u = uniform_real();
  return u < p;
}

Duration Rng::uniform_duration(DurationRange range) {
  if (range.max <= range.min) return range.min;
  return Duration::us(uniform_int(range.min.count_us(), range.max.count_us()));
}

Rng RandomStreams::stream(std::string_view name, uint64_t index) const {
  uint64_t sm = run_seed_ ^ fnv1a(name);
  uint64_t mixed = splitmix64_next(sm);
  sm = mixed ^ (index * 0xd1b54a32d192ed03ULL);
  return Rng(splitmix64_next(sm));
}

}  // namespace consim
