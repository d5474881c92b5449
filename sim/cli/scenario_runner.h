// Loading and running one scenario file, shared by `run` and `suite`.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "sim/cli/gen_options.h"
#include "sim/summary.h"

namespace consim::cli {

struct RunRequest {
  std::string file;  // empty: run the generator's scenario for `gen` and the seed
  // --scenario FILE: that file with the seed's generated faults, as one seed
  // of `sweep --scenario FILE` (gen.faults picks the fault kinds).
  std::string swept_file;
  GenArgs gen;
  std::optional<uint64_t> seed;
  std::vector<std::string> bugs;
  std::FILE* trace = nullptr;
  std::FILE* history = nullptr;  // the client history as Jepsen-style JSON Lines, or EDN
  bool history_edn = false;
  uint64_t max_events = 0;       // 0: the engine's default
  uint64_t lin_max_states = 0;   // 0: the engine's default
};

// The scenario a request names: its file (validated), or the generator's
// for the request's seed. On bad input prints every problem to stderr and
// returns nullopt.
std::optional<Scenario> requested_scenario(const RunRequest& request);

// Loads, validates and runs `request.file` (or generates the scenario). On bad input prints every
// problem to stderr and returns nullopt (exit code 2: nothing was run).
std::optional<Summary> load_and_run(const RunRequest& request);

// The run a request asks for, resolved once: the requested scenario with
// the request's seed and bugs applied (with_run_settings), and the command
// that reproduces it. On bad input prints every problem to stderr and
// returns nullopt.
struct ResolvedRun {
  Scenario scenario;
  std::vector<Bug> bugs;  // those the request turned on
  std::string repro;
};
std::optional<ResolvedRun> resolve_run(const RunRequest& request);

}  // namespace consim::cli
