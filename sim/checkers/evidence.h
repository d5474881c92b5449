// How checkers write their evidence, so every violation reads the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/command.h"

namespace consim {

// "0x" and 16 lowercase hex digits: digests and prefix hashes.
std::string hex64(uint64_t value);

// The nodes of a violation, ascending and without repeats.
std::vector<NodeId> involved(NodeId a, NodeId b);

// A command as evidence: "put k1=v7 (client 2, seq 5)", "noop".
std::string describe(const Command& command);

// What a command does, without who asked: "put k1=v7", "append k1+=v8",
// "get k1", "noop".
std::string describe_operation(OpType op, std::string_view key, std::string_view value);

// A value as evidence: quoted, and if long (an append chain) only its end:
// "\"c3-78\"", "\"...c1-9c2-4\" (412 chars)".
std::string quote_value(std::string_view value);

}  // namespace consim
