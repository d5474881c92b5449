// consim gen: prints the scenario the generator makes for one seed.
#include <iostream>
#include <memory>

#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/cli/gen_options.h"

namespace consim::cli {

void add_gen_command(CLI::App& app, int& exit_code) {
  struct Args {
    GenArgs gen;
    uint64_t seed = 1;
    std::vector<std::string> bugs;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("gen", "Print the scenario the sweep generator makes for one seed");
  add_gen_options(*cmd, args->gen);
  cmd->add_option("--seed", args->seed, "The seed (default 1)");
  cmd->add_option("--bug", args->bugs, "Turn an injected bug on in the file (one name per --bug, repeatable)")
      ->allow_extra_args(false);
  cmd->footer("The output is an ordinary scenario file: `consim gen ... > s.json; consim run s.json` is the same run\n"
              "(same trace hash) as `consim run --protocol P --nodes N --seed S` and as that seed in a sweep;\n"
              "with --bug B, the same as both with --bug B. Exit codes: 0 written, 2 bad input.");
  cmd->callback([args, &exit_code] {
    const auto options = to_gen_options(args->gen, args->seed);
    if (!options) {
      exit_code = kExitBadInput;
      return;
    }
    const auto bugs = parse_bugs_for(args->bugs, options->protocol);
    if (!bugs) {
      exit_code = kExitBadInput;
      return;
    }
    std::cout << scenario_to_json(with_run_settings(generate_scenario(*options), std::nullopt, *bugs)).dump(2) << '\n';
    exit_code = kExitOk;
  });
}

}  // namespace consim::cli
