// How checkers write their evidence, so every violation reads the same way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocols/core/command.h"

namespace consim {

// "0x" and 16 lowercase hex digits: digests and prefix hashes.
std::string hex64(uint64_t value);

// The nodes of a violation, ascending and without repeats.
std::vector<NodeId> involved(NodeId a, NodeId b);

// A command as evidence: "put k1=v7 (client 2, seq 5)", "noop".
std::string describe(const Command& command);

}  // namespace consim
