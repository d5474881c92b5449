// consim gen: prints the scenario the generator makes for one seed (or, with
// --scenario FILE, that file with the seed's generated faults).
#include <iostream>
#include <memory>

#include "scenarios/loader.h"
#include "sim/cli/commands.h"
#include "sim/cli/gen_options.h"
#include "sim/cli/scenario_runner.h"

namespace consim::cli {

void add_gen_command(CLI::App& app, int& exit_code) {
  auto request = std::make_shared<RunRequest>();
  request->seed = 1;
  auto* cmd = app.add_subcommand("gen", "Print the scenario the sweep generator makes for one seed");
  add_gen_options(*cmd, request->gen);
  add_swept_option(*cmd, request->swept_file);
  cmd->add_option("--seed", request->seed, "The seed (default 1)");
  cmd->add_option("--bug", request->bugs, "Turn an injected bug on in the file (one name per --bug, repeatable)")
      ->allow_extra_args(false);
  cmd->footer("The output is an ordinary scenario file: `consim gen ... > s.json; consim run s.json` is the same run\n"
              "(same trace hash) as `consim run --protocol P --nodes N --seed S` and as that seed in a sweep;\n"
              "with --bug B, the same as both with --bug B; with --scenario FILE, the same as\n"
              "`consim run --scenario FILE --seed S` and that seed of `consim sweep --scenario FILE`.\n"
              "Exit codes: 0 written, 2 bad input.");
  cmd->callback([cmd, request, &exit_code] {
    if (gen_flags_conflict(*cmd, "", request->swept_file)) {
      exit_code = kExitBadInput;
      return;
    }
    const auto resolved = resolve_run(*request);
    if (!resolved) {
      exit_code = kExitBadInput;
      return;
    }
    std::cout << scenario_to_json(resolved->scenario).dump(2) << '\n';
    exit_code = kExitOk;
  });
}

}  // namespace consim::cli
