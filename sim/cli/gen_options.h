// The generator's command-line options (--protocol, --nodes, --seed,
// --faults, --duration-ms, --mutate), shared by `gen`, `run` without a file,
// `shrink` and `sweep`.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "faults/generator.h"

namespace consim::cli {

struct GenArgs {
  std::string protocol = "raft";
  int nodes = 5;
  std::string faults = "all";
  double duration_ms = 10'000;
  std::string mutate;  // "A,B,...": a guided sweep's mutant of the seed (faults/mutate.h)
};

// Adds the options to `cmd` (the seed is added by each command).
void add_gen_options(CLI::App& cmd, GenArgs& args);
// Checks them; on bad input prints why and returns nullopt.
std::optional<GenOptions> to_gen_options(const GenArgs& args, uint64_t seed);
// With a scenario file, the generator's flags make no sense, and with
// --scenario FILE only --faults does: prints which one was given (or that
// both a file and --scenario were) and returns true.
bool gen_flags_conflict(const CLI::App& cmd, const std::string& file, const std::string& swept_file);
// --scenario FILE on run, shrink and gen (RunRequest::swept_file).
void add_swept_option(CLI::App& cmd, std::string& swept_file);
// The flags that reproduce these options, e.g. "--protocol raft --nodes 5".
std::string gen_flags(const GenArgs& args);

}  // namespace consim::cli
