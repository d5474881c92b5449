#include <exception>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/parse_error.h"
#include "sim/version.h"

int main(int argc, char** argv) {
  CLI::App app{"consim: a deterministic discrete-event simulator for Raft, Basic Paxos and Multi-Paxos clusters.\n"
               "Same scenario + same seed = the same run, event for event."};
  app.name("consim");
  app.set_version_flag("--version", std::string("consim ") + consim::kVersion);
  app.require_subcommand(1);
  int exit_code = consim::cli::kExitOk;
  consim::cli::add_run_command(app, exit_code);
  consim::cli::add_suite_command(app, exit_code);
  consim::cli::add_gen_command(app, exit_code);
  consim::cli::add_sweep_command(app, exit_code);
  consim::cli::add_merge_command(app, exit_code);
  consim::cli::add_shrink_command(app, exit_code);
  consim::cli::add_compare_command(app, exit_code);
  consim::cli::add_availability_command(app, exit_code);
  consim::cli::add_validate_command(app, exit_code);
  consim::cli::add_list_command(app, exit_code);
  consim::cli::track_subcommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // 0 for --help and --version; every real parse error is bad input, exit 2.
    return consim::cli::report_parse_error(app, e, argc, argv);
  }
  return exit_code;
}
