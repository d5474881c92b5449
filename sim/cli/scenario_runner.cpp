#include "sim/cli/scenario_runner.h"

#include <stdexcept>

#include <fmt/format.h>

#include "reports/history_edn.h"
#include "reports/history_jsonl.h"
#include "reports/wall_clock.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/parse_error.h"
#include "sim/cli/repro.h"
#include "sim/cli/swept_scenario.h"
#include "sim/engine.h"

namespace consim::cli {

std::optional<Scenario> requested_scenario(const RunRequest& request) {
  if (!request.swept_file.empty()) {
    LoadResult loaded = load_scenario_file(request.swept_file);
    for (const auto& e : loaded.errors) fmt::print(stderr, "{}\n", e);
    if (!loaded.ok()) return std::nullopt;
    std::string error;
    const auto kinds = parse_fault_kinds(request.gen.faults, error);
    if (!kinds) {
      fmt::print(stderr, "{}--faults: {}\n", error_prefix(), error);
      return std::nullopt;
    }
    return swept_scenario(*loaded.scenario, request.seed.value_or(loaded.scenario->seed), *kinds);
  }
  if (request.file.empty()) {
    const auto options = to_gen_options(request.gen, request.seed.value_or(1));
    if (!options) return std::nullopt;
    return generate_scenario(*options);
  }
  LoadResult loaded = load_scenario_file(request.file);
  for (const auto& e : loaded.errors) fmt::print(stderr, "{}\n", e);
  return std::move(loaded.scenario);
}

std::optional<ResolvedRun> resolve_run(const RunRequest& request) {
  const auto loaded = requested_scenario(request);
  if (!loaded) return std::nullopt;
  const auto bugs = parse_bugs_for(request.bugs, loaded->protocol);
  if (!bugs) return std::nullopt;
  ResolvedRun run{with_run_settings(*loaded, request.seed, *bugs), *bugs, {}};
  const RunSource source = !request.swept_file.empty() ? RunSource{SweptFileRun{request.swept_file, request.gen.faults}}
                           : request.file.empty()       ? RunSource{GeneratedRun{request.gen}}
                                                        : RunSource{FileRun{request.file}};
  run.repro = repro_command(source, run.scenario.seed, run.bugs, request.lin_max_states);
  return run;
}

std::optional<Summary> load_and_run(const RunRequest& request) {
  const auto resolved = resolve_run(request);
  if (!resolved) return std::nullopt;
  const Scenario& scenario = resolved->scenario;
  RunOptions options;
  options.trace = request.trace;
  if (request.max_events > 0) options.max_events = request.max_events;
  if (request.lin_max_states > 0) options.linearizability_max_states = request.lin_max_states;
  options.repro = resolved->repro;
  try {
    const Stopwatch clock;
    Engine engine(scenario, std::move(options));
    Summary summary = engine.run();
    summary.wall_ms = clock.elapsed_ms();
    if (request.history && request.history_edn) write_history_edn(engine.history(), request.history);
    else if (request.history) write_history_jsonl(engine.history(), request.history);
    return summary;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "{}: {}\n", request.file.empty() ? "generated scenario" : request.file, e.what());
    return std::nullopt;
  }
}

}  // namespace consim::cli
