// consim merge: combines the --out files of several sweep shards into the
// report one sweep over all their seeds would have given.
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/sweep_report.h"
#include "scenarios/json_reader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"

namespace consim::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> files;
  std::string out_path;
  bool json = false;
};

int merge_command(const MergeArgs& a) {
  // Seed order, whatever the order of files and shards; a seed given twice
  // (overlapping shards) counts once.
  // Ordered JSON keeps each summary's fields in the order sweep wrote them,
  // so the merged --out is line for line what one sweep writes.
  std::map<uint64_t, nlohmann::ordered_json> by_seed;
  for (const auto& file : a.files) {
    std::ifstream in(file);
    if (!in) {
      fmt::print(stderr, "error: cannot read {}\n", file);
      return kExitBadInput;
    }
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
      if (line.empty()) continue;
      // A run summary is a few levels deep; a line nested deeper is not one
      // (and printing it back would overflow the stack).
      nlohmann::ordered_json j = json_nesting_exceeds(line) ? nlohmann::ordered_json(nlohmann::ordered_json::value_t::discarded)
                                                            : nlohmann::ordered_json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("seed") || !j["seed"].is_number_unsigned() ||
          !j.contains("result")) {
        fmt::print(stderr, "{}:{}: expected one run summary (a JSON object with seed and result)\n", file, n);
        return kExitBadInput;
      }
      // The seed is read first: json's operator= takes its argument by value,
      // and C++17 evaluates the right side of `=` before the left.
      const auto seed = j["seed"].get<uint64_t>();
      by_seed[seed] = std::move(j);
    }
  }
  SweepReport report;
  double wall_ms = 0;
  for (const auto& [seed, summary] : by_seed) {
    report.add(summary);
    wall_ms += summary.value("wall_ms", 0.0);
  }
  if (!a.out_path.empty()) {
    FilePtr out = open_output(a.out_path);
    if (!out) return kExitBadInput;
    for (const auto& [seed, summary] : by_seed) fmt::print(out.get(), "{}\n", summary.dump());
    if (!out.commit()) return kExitBadInput;
  }
  // One core's rate: the sum of the runs' own wall times.
  const double seeds_per_s = wall_ms > 0 ? static_cast<double>(report.seeds()) / (wall_ms / 1000.0) : 0;
  if (a.json) std::cout << report.to_json(seeds_per_s).dump(2) << '\n';
  else std::cout << report.to_text(seeds_per_s, use_color());
  return report.failed() == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void add_merge_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MergeArgs>();
  auto* cmd = app.add_subcommand("merge", "Combine the --out files of sweep shards into one sweep report");
  cmd->add_option("files", args->files, "JSON Lines files written by `consim sweep --out`")->required();
  cmd->add_option("--out", args->out_path, "Also write the merged summaries, one per line, in seed order");
  cmd->add_flag("--json", args->json, "Print the merged report as one JSON object");
  cmd->footer("seeds_per_s in a merged report is per core: seeds over the sum of the runs' wall time.");
  cmd->callback([args, &exit_code] { exit_code = merge_command(*args); });
}

}  // namespace consim::cli
