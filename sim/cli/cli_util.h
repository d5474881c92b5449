// Helpers shared by the subcommands: bug-name options, output files, terminal
// detection.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "protocols/core/bugs.h"
#include "protocols/core/config.h"

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

// An output file (--trace, --history, --out, reports) that never looks
// complete when it is not: it is written under a temporary name in the same
// directory (".NAME.consim-tmp-PID") and renamed over NAME only by commit().
// An output that is dropped without commit(), by discard() or while an
// exception unwinds, leaves nothing behind; one interrupted by SIGINT, SIGTERM
// or SIGHUP has its temporary file removed by a handler before the process
// dies. Destroying it normally (or reset()) commits, so a caller that simply
// writes and returns keeps working; callers that can fail after opening call
// discard() on that path. "-" is stdout, and a path that exists and is not a
// regular file (/dev/null, a FIFO) is written in place.
class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&& other) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::FILE* get() const { return file_; }
  explicit operator bool() const { return file_ != nullptr; }
  const std::string& path() const { return path_; }

  // Flushes, closes and renames the file into place. False, with an error on
  // stderr, when any write failed (disk full, ...): then nothing is renamed
  // and the temporary file is removed.
  bool commit();
  // Closes and removes the temporary file; NAME is left as it was.
  void discard();
  // Commits (like closing a FILE*): what destruction does.
  void reset() { commit(); }

 private:
  friend OutputFile open_output(const std::string& path);
  std::FILE* file_ = nullptr;
  std::string path_;       // where the file belongs
  std::string temp_path_;  // where it is written; empty when written in place
};
using FilePtr = OutputFile;  // the name callers used when this was a FILE* holder

// Opens `path` for writing as an OutputFile ("-" is stdout); prints an error
// naming the path and returns an empty one if it cannot be written (a missing
// directory, no permission, a directory). Called before the work, so that a
// bad path costs nothing.
OutputFile open_output(const std::string& path);

// Removes the temporary files of every OutputFile not yet committed or
// discarded. Async-signal-safe: for signal handlers (the sweep's Ctrl-C).
void remove_uncommitted_outputs() noexcept;

// Colour on a terminal, unless NO_COLOR is set.
// The outputs that ask for stdout: "--json" when `json`, and "FLAG -" for each
// file option whose path is "-".
std::vector<std::string> stdout_claims(bool json,
                                       std::initializer_list<std::pair<std::string_view, const std::string*>> files);
// Stdout holds one thing: true, after printing the error, when more than one
// output claims it.
bool stdout_conflict(const std::vector<std::string>& claims);

// An option's value must be one of `names`; otherwise the error names them
// and the nearest ("did you mean").
CLI::Validator one_of(std::vector<std::string> names);

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
// A decimal number 0 .. 2^64-1, digits only.
std::optional<uint64_t> parse_u64(std::string_view s);

struct Shard {
  uint64_t index = 0;  // K
  uint64_t count = 1;  // N
};
// "K/N" with 0 <= K < N.
std::optional<Shard> parse_shard(const std::string& text, std::string& error);

}  // namespace consim::cli
