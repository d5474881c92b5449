// consim gen: prints the scenario the generator makes for one seed.
#include <iostream>
#include <memory>

#include "scenarios/loader.h"
#include "sim/cli/commands.h"
#include "sim/cli/gen_options.h"

namespace consim::cli {

void add_gen_command(CLI::App& app, int& exit_code) {
  struct Args {
    GenArgs gen;
    uint64_t seed = 1;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("gen", "Print the scenario the sweep generator makes for one seed");
  add_gen_options(*cmd, args->gen);
  cmd->add_option("--seed", args->seed, "The seed (default 1)");
  cmd->footer("The output is an ordinary scenario file: `consim gen ... > s.json; consim run s.json` is the same run\n"
              "(same trace hash) as `consim run --protocol P --nodes N --seed S` and as that seed in a sweep.");
  cmd->callback([args, &exit_code] {
    const auto options = to_gen_options(args->gen, args->seed);
    if (!options) {
      exit_code = kExitBadInput;
      return;
    }
    std::cout << scenario_to_json(generate_scenario(*options)).dump(2) << '\n';
    exit_code = kExitOk;
  });
}

}  // namespace consim::cli
