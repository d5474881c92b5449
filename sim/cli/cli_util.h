// Helpers shared by the subcommands: bug-name options, output files, terminal
// detection.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocols/bugs.h"
#include "protocols/config.h"

namespace consim::cli {

// Parses --bug names; on an unknown name prints the known ones to stderr and
// returns nullopt.
std::optional<std::vector<Bug>> parse_bugs(const std::vector<std::string>& names);
// parse_bugs, and every bug must apply to `protocol` (else an error on stderr
// and nullopt).
std::optional<std::vector<Bug>> parse_bugs_for(const std::vector<std::string>& names, Protocol protocol);

// "raft,multi-paxos" -> the protocols; on an unknown name prints an error
// naming `option` and returns nullopt.
std::optional<std::vector<Protocol>> parse_protocols(const std::string& list, const char* option);

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;
// Opens `path` for writing ("-" is stdout); prints an error and returns null
// if it cannot.
FilePtr open_output(const std::string& path);

// Colour on a terminal, unless NO_COLOR is set.
bool use_color();
bool stderr_is_terminal();

// Quotes an argument for a shell command line when it needs it.
std::string shell_quote(const std::string& arg);

}  // namespace consim::cli

namespace consim::cli {

struct SeedRange {
  uint64_t first = 1;
  uint64_t last = 1000;
};
// "A..B" (inclusive, A <= B) or a single seed "A".
std::optional<SeedRange> parse_seed_range(const std::string& text, std::string& error);

struct Shard {
  uint64_t index = 0;  // K
  uint64_t count = 1;  // N
};
// "K/N" with 0 <= K < N.
std::optional<Shard> parse_shard(const std::string& text, std::string& error);

}  // namespace consim::cli
