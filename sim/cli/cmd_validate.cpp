// consim validate FILE...: checks scenario files without running them.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/loader.h"
#include "sim/cli/commands.h"

namespace consim::cli {
namespace {

constexpr const char* kDetails =
    "Every field is checked against the scenario format (scenarios/README.md,\n"
    "scenarios/scenario.schema.json): types, ranges, node ids within 1..nodes,\n"
    "config keys of the chosen protocol, bug and invariant names. Unknown fields\n"
    "are errors, so a typo such as \"duraton_ms\" is caught.\n"
    "\n"
    "Prints \"ok  FILE\" on stdout for each valid file, and one line per problem\n"
    "on stderr, every problem of every file:\n"
    "  s.json: /faults/2/node: expected a node id 1..5 or \"leader\", \"random\" or \"random-follower\" (got 9)\n"
    "  s.json:4:1: invalid JSON: syntax error while parsing object key - unexpected '}'; expected string literal\n"
    "\n"
    "Exit codes: 0 if every file is valid, 2 otherwise.";

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files without running them");
  cmd->footer(kDetails);
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("files", *files, "Scenario files (.json) to check")->required()->type_name("FILE");
  cmd->callback([files, &exit_code] {
    bool all_valid = true;
    for (const std::string& file : *files) {
      const LoadResult result = load_scenario_file(file);
      if (result.ok()) {
        std::cout << "ok  " << file << '\n';
        continue;
      }
      all_valid = false;
      for (const std::string& error : result.errors) std::cerr << error << '\n';
    }
    exit_code = all_valid ? kExitOk : kExitBadInput;
  });
}

}  // namespace consim::cli
