// consim compare SCENARIO.json --protocols raft,multi-paxos: one fault
// scenario on several protocols with the same seeds, side by side.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "reports/comparison_report.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/compare.h"

namespace consim::cli {
namespace {

struct CompareArgs {
  std::string file;
  std::string protocols = "raft,multi-paxos";
  std::string seeds;
  bool json = false;
};

int compare_command(const CompareArgs& a) {
  const auto protocols = parse_protocols(a.protocols, "--protocols");
  if (!protocols) return kExitBadInput;
  LoadResult loaded = load_scenario_file(a.file);
  for (const auto& e : loaded.errors) fmt::print(stderr, "{}\n", e);
  if (!loaded.scenario) return kExitBadInput;
  SeedRange seeds{loaded.scenario->seed, loaded.scenario->seed};
  if (!a.seeds.empty()) {
    std::string error;
    const auto range = parse_seed_range(a.seeds, error);
    if (!range) {
      fmt::print(stderr, "--seeds: {}\n", error);
      return kExitBadInput;
    }
    seeds = *range;
  }
  const Comparison c = compare_protocols(*loaded.scenario, *protocols, seeds.first, seeds.last);
  if (a.json) std::cout << comparison_to_json(c).dump(2) << '\n';
  else std::cout << comparison_to_text(c);
  for (const auto& row : c.rows)
    if (row.runs_with_violations > 0) return kExitFailed;
  return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = app.add_subcommand(
      "compare", "Run one fault scenario on several protocols with the same seeds and compare the figures");
  cmd->add_option("scenario", args->file, "Scenario file (JSON); its protocol and expectations are replaced")
      ->required();
  cmd->add_option("--protocols", args->protocols, "Comma-separated protocols (default raft,multi-paxos)");
  cmd->add_option("--seeds", args->seeds, "Seeds A..B, pooled (default: the scenario's seed)");
  cmd->add_flag("--json", args->json, "Print the figures as one JSON object");
  cmd->footer(
      "Each protocol runs the same faults, network, storage and workload; Raft's election timeout becomes\n"
      "Multi-Paxos's leader timeout and back. Exit codes: 0 compared, 1 some run had a violation, 2 bad input.");
  cmd->callback([args, &exit_code] { exit_code = compare_command(*args); });
}

}  // namespace consim::cli
