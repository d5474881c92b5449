#include "sim/cli/scenario_runner.h"

#include <stdexcept>

#include <fmt/format.h>

#include "reports/history_jsonl.h"
#include "reports/wall_clock.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/engine.h"

namespace consim::cli {

namespace {

std::string with_bugs(std::string cmd, const std::vector<std::string>& bugs) {
  for (const auto& b : bugs) cmd += fmt::format(" --bug {}", b);
  return cmd;
}

}  // namespace

std::optional<Scenario> requested_scenario(const RunRequest& request) {
  if (request.file.empty()) {
    const auto options = to_gen_options(request.gen, request.seed.value_or(1));
    if (!options) return std::nullopt;
    return generate_scenario(*options);
  }
  LoadResult loaded = load_scenario_file(request.file);
  for (const auto& e : loaded.errors) fmt::print(stderr, "{}\n", e);
  return std::move(loaded.scenario);
}

std::string repro_command(const std::string& file, uint64_t seed, const std::vector<std::string>& bugs) {
  return with_bugs(fmt::format("consim run {} --seed {}", shell_quote(file), seed), bugs);
}

std::string repro_command(const GenArgs& gen, uint64_t seed, const std::vector<std::string>& bugs) {
  return with_bugs(fmt::format("consim run {} --seed {}", gen_flags(gen), seed), bugs);
}

std::optional<Summary> load_and_run(const RunRequest& request) {
  const auto loaded = requested_scenario(request);
  if (!loaded) return std::nullopt;
  const Scenario& scenario = *loaded;
  const auto bugs = parse_bugs_for(request.bugs, scenario.protocol);
  if (!bugs) return std::nullopt;

  RunOptions options;
  options.seed = request.seed;
  options.bugs = *bugs;
  options.trace = request.trace;
  if (request.max_events > 0) options.max_events = request.max_events;
  if (request.lin_max_states > 0) options.linearizability_max_states = request.lin_max_states;
  options.repro = request.file.empty() ? repro_command(request.gen, scenario.seed, request.bugs)
                                       : repro_command(request.file, request.seed.value_or(scenario.seed), request.bugs);
  try {
    const Stopwatch clock;
    Engine engine(scenario, std::move(options));
    Summary summary = engine.run();
    summary.wall_ms = clock.elapsed_ms();
    if (request.history) write_history_jsonl(engine.history(), request.history);
    return summary;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "{}: {}\n", request.file.empty() ? "generated scenario" : request.file, e.what());
    return std::nullopt;
  }
}

}  // namespace consim::cli
