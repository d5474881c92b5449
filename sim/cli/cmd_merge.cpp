// consim merge: combines the --out files of several sweep shards into the
// report one sweep over all their seeds would have given, and refuses files
// that are not the shards of one sweep or leave seeds of its range out.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "reports/sweep_report.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/cli/coverage_flags.h"
#include "sim/cli/merge_reader.h"

namespace consim::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> files;
  std::string out_path;
  bool json = false;
  CoverageFlags coverage;
};

int merge_command(const MergeArgs& a) {
  const auto claims = stdout_claims(a.json, {{"--out", &a.out_path}});
  if (stdout_conflict(claims)) return kExitBadInput;
  const auto merged = read_shards(a.files);
  if (!merged) return kExitBadInput;
  SweepReport report;
  double wall_ms = 0;
  for (const auto& [seed, summary] : merged->by_seed) {
    report.add(summary);
    wall_ms += summary.value("wall_ms", 0.0);
  }
  if (!a.out_path.empty()) {
    // Line for line what one sweep of the whole range writes.
    FilePtr out = open_output(a.out_path);
    if (!out) return kExitBadInput;
    fmt::print(out.get(), "{}\n", nlohmann::ordered_json{{"sweep", merged->swept}}.dump());
    for (const auto& [seed, summary] : merged->by_seed) fmt::print(out.get(), "{}\n", summary.dump());
    if (!out.commit()) return kExitBadInput;
  }
  // One core's rate: the sum of the runs' own wall times.
  const double seeds_per_s = wall_ms > 0 ? static_cast<double>(report.seeds()) / (wall_ms / 1000.0) : 0;
  if (a.json) {
    auto j = report.to_json(seeds_per_s);
    j["swept"] = merged->swept;
    add_coverage_gate(j, report.coverage(), a.coverage);
    std::cout << j.dump(2) << '\n';
  } else {
    // With --out on stdout, the human report goes to stderr, out of its way.
    std::ostream& text = claims.empty() ? std::cout : std::cerr;
    print_failed_gate(text, report.coverage(), a.coverage);
    text << report.to_text(seeds_per_s, claims.empty() && use_color());
    print_coverage(text, report.coverage(), a.coverage);
  }
  return gated_exit_code(exit_code_for(report.verdict()), report.coverage(), a.coverage);
}

}  // namespace

void add_merge_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MergeArgs>();
  auto* cmd = app.add_subcommand("merge", "Combine the --out files of sweep shards into one sweep report");
  cmd->add_option("files", args->files, "JSON Lines files written by `consim sweep --out`")->required();
  cmd->add_option("--out", args->out_path, "Also write the merged summaries, one per line, in seed order");
  cmd->add_flag("--json", args->json, "Print the merged report as one JSON object");
  add_coverage_flags(*cmd, args->coverage);
  cmd->footer(
      "The files must be shards of one sweep: the same protocol, nodes, duration, faults, bugs, scenario,\n"
      "seed range and consim version (each file's first line says what it swept), and together hold every\n"
      "seed of the range. A seed in two files must have the same result in both.\n"
      "Exit codes: 0 every seed passed, 1 some seed failed (or the --require-coverage gate did), 2 the files cannot be merged (the error names\n"
      "the file and line, or the seeds and shards missing), 3 no seed failed but some was unknown.\n"
      "seeds_per_s in a merged report is per core: seeds over the sum of the runs' wall time.");
  cmd->callback([args, &exit_code] { exit_code = merge_command(*args); });
}

}  // namespace consim::cli
