#include "protocols/paxos/instance.h"

#include "protocols/core/hash.h"

namespace consim::paxos {
namespace {

constexpr uint64_t kHashedBit = uint64_t{1} << 63;

bool numbered_key(std::string_view key, uint64_t& number) {
  if (key.size() < 2 || key.size() > 20 || key[0] != 'k') return false;
  const std::string_view digits = key.substr(1);
  if (digits.size() > 1 && digits[0] == '0') return false;
  uint64_t n = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return false;
    const auto d = static_cast<uint64_t>(c - '0');
    if (n > (kHashedBit - 1 - d) / 10) return false;  // would reach 2^63
    n = n * 10 + d;
  }
  number = n;
  return true;
}

}  // namespace

uint64_t instance_of(std::string_view key) {
  if (uint64_t number = 0; numbered_key(key, number)) return number;
  StableHasher h;
  h.add(key);
  return h.value() | kHashedBit;
}

}  // namespace consim::paxos
