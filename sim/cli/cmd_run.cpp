#include "sim/cli/commands.h"

namespace consim::cli {
void add_run_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run one scenario (being written)");
  cmd->callback([&exit_code] { exit_code = kExitBadInput; });
}
}  // namespace consim::cli
