// Each consim subcommand registers itself on the CLI11 app from its own file.
#pragma once

#include <CLI/CLI.hpp>

#include "sim/summary.h"

namespace consim::cli {

// Exit codes, as the README documents them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;
// No check failed, but the linearizability search ran out of its budget
// (--lin-budget): not a pass.
inline constexpr int kExitUnknown = 3;
// The exit code of a verdict.
inline int exit_code_for(RunResult verdict) {
  switch (verdict) {
    case RunResult::kPass: return kExitOk;
    case RunResult::kUnknown: return kExitUnknown;
    case RunResult::kFail: break;
  }
  return kExitFailed;
}

void add_validate_command(CLI::App& app, int& exit_code);
void add_list_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_suite_command(CLI::App& app, int& exit_code);
void add_gen_command(CLI::App& app, int& exit_code);
void add_sweep_command(CLI::App& app, int& exit_code);
void add_merge_command(CLI::App& app, int& exit_code);
void add_shrink_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_availability_command(CLI::App& app, int& exit_code);

}  // namespace consim::cli
