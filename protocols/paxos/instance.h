// Which single-decree Paxos instance decides a key (scenarios/README.md,
// `workload`: for basic-paxos every key is a write-once register decided by
// its own instance). Public, so that the engine and checkers can name
// instances the same way the nodes do.
#pragma once

#include <cstdint>
#include <string_view>

namespace consim::paxos {

// "k" followed by a decimal number without leading zeros (the workload's keys
// k1..kN) is that number, if it is below 2^63. Any other key is a stable
// 64-bit hash of the key with the top bit set, so the two kinds never meet
// and two distinct keys never share an instance ("k7" and "k07" included).
uint64_t instance_of(std::string_view key);

}  // namespace consim::paxos
