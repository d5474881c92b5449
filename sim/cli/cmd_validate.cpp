#include "sim/cli/commands.h"

namespace consim::cli {
void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Validate scenario files (being written)");
  cmd->callback([&exit_code] { exit_code = kExitBadInput; });
}
}  // namespace consim::cli
