// consim sweep: many seeds of generated scenarios (or of one scenario file's
// settings with generated faults), on all cores, every failing seed listed
// with the command that reproduces it.
#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "faults/generator.h"
#include "reports/junit.h"
#include "reports/sweep_report_html.h"
#include "reports/trace_reader.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/parse_error.h"
#include "sim/cli/commands.h"
#include "sim/cli/coverage_flags.h"
#include "sim/cli/gen_options.h"
#include "sim/cli/guided_sweep.h"
#include "sim/cli/repro.h"
#include "sim/cli/scenario_runner.h"
#include "sim/cli/sweep_header.h"
#include "sim/cli/swept_scenario.h"
#include "sim/cli/sweep_runner.h"

namespace consim::cli {
namespace {

struct SweepArgs {
  GenArgs gen;
  std::string seeds = "1..1000";
  std::string scenario_file;
  bool keep_faults = false;
  std::vector<std::string> bugs;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::string shard = "0/1";
  std::string out_path;
  std::string report_path;
  std::string junit_path;
  bool json = false;
  bool quiet = false;
  CoverageFlags coverage;
  bool guided = false;
  uint64_t lin_budget = 0;
};

// The HTML report reads every seed's summary back after the sweep: they go to
// an unnamed temporary file, copied to --out when that was asked for too.
struct TempFileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using TempFile = std::unique_ptr<std::FILE, TempFileCloser>;

// The sweep's own command line, for the report's header.
std::string sweep_command_line(const SweepArgs& a, const std::string& bug_flags) {
  std::string cmd = a.scenario_file.empty() ? fmt::format("consim sweep {}", gen_flags(a.gen))
                                            : fmt::format("consim sweep --scenario {}{}", shell_quote(a.scenario_file),
                                                          a.keep_faults ? " --keep-faults" : "");
  if (!a.scenario_file.empty() && a.gen.faults != "all") cmd += " --faults " + a.gen.faults;
  cmd += fmt::format(" --seeds {}{}", a.seeds, bug_flags);
  if (a.shard != "0/1") cmd += " --shard " + a.shard;
  if (a.guided) cmd += " --guided";
  if (a.lin_budget > 0) cmd += fmt::format(" --lin-budget {}", a.lin_budget);
  return cmd;
}


// The seeds this shard of the sweep runs (--seeds, --shard, --jobs) into `plan`.
bool plan_seeds(const SweepArgs& a, SweepPlan& plan, SweptWhat& swept) {
  std::string error;
  const auto range = parse_seed_range(a.seeds, error);
  if (!range) {
    fmt::print(stderr, "{}--seeds: {}\n", error_prefix(), error);
    return false;
  }
  const auto shard = parse_shard(a.shard, error);
  if (!shard) {
    fmt::print(stderr, "{}--shard: {}\n", error_prefix(), error);
    return false;
  }
  const uint64_t span = range->last - range->first;  // count - 1; no overflow
  if (span >= kMaxSeedsPerSweep) {
    fmt::print(stderr, "{}--seeds: at most {} seeds per sweep (split it with --shard)\n", error_prefix(), kMaxSeedsPerSweep);
    return false;
  }
  plan.seeds.first = range->first + shard->index;
  plan.seeds.step = shard->count;
  plan.seeds.count = shard->index > span ? 0 : (span - shard->index) / shard->count + 1;
  plan.jobs = std::max(1u, a.jobs);
  plan.lin_max_states = a.lin_budget;
  swept.lin_budget = a.lin_budget > 0 ? a.lin_budget : RunOptions{}.linearizability_max_states;
  swept.first_seed = range->first;
  swept.last_seed = range->last;
  swept.shard_index = shard->index;
  swept.shard_count = shard->count;
  swept.faults = a.gen.faults;
  return true;
}

// A sweep of the generator's scenarios: each seed its own cluster, faults and workload.
bool plan_generated(const SweepArgs& a, const GenOptions& gen, SweepPlan& plan, SweptWhat& swept) {
  if (a.keep_faults) {
    fmt::print(stderr, "{}--keep-faults needs --scenario\n", error_prefix());
    return false;
  }
  const auto bugs = parse_bugs_for(a.bugs, gen.protocol);
  if (!bugs) return false;
  const GenOptions base = gen;
  const std::vector<Bug> added = *bugs;
  swept.protocol = gen.protocol;
  swept.nodes = gen.nodes;
  swept.duration_ms = gen.duration.to_ms();
  swept.bugs = added;
  plan.scenario_for = [base, added](uint64_t seed) {
    GenOptions o = base;
    o.seed = seed;
    return with_run_settings(generate_scenario(o), std::nullopt, added);
  };
  const RunSource source = GeneratedRun{a.gen};
  plan.repro_for = [source, added, budget = a.lin_budget](uint64_t seed) {
    return repro_command(source, seed, added, budget);
  };
  return true;
}

// A sweep of one --scenario file: its cluster, config, network and workload,
// each seed's faults (or the file's own, with --keep-faults).
bool plan_from_file(const SweepArgs& a, const CLI::App& cmd, const GenOptions& gen, SweepPlan& plan,
                    SweptWhat& swept) {
  for (const char* flag : {"--protocol", "--nodes", "--duration-ms"})
    if (cmd.count(flag) > 0) {
      fmt::print(stderr, "{}{} comes from the --scenario file; drop one of them\n", error_prefix(), flag);
      return false;
    }
  LoadResult loaded = load_scenario_file(a.scenario_file);
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors) fmt::print(stderr, "{}\n", e);
    return false;
  }
  const auto bugs = parse_bugs_for(a.bugs, loaded.scenario->protocol);
  if (!bugs) return false;
  const std::vector<Bug> added = *bugs;
  const Scenario base = with_run_settings(*loaded.scenario, std::nullopt, added);
  swept.protocol = base.protocol;
  swept.nodes = base.nodes;
  swept.duration_ms = base.duration.to_ms();
  swept.bugs = added;
  swept.scenario = a.scenario_file;
  swept.scenario_digest = scenario_digest(*loaded.scenario);
  swept.keep_faults = a.keep_faults;
  if (a.keep_faults) swept.faults = "";  // the file's own
  const bool keep = a.keep_faults;
  const std::vector<FaultKind> kinds = gen.kinds;
  plan.scenario_for = [base, keep, kinds](uint64_t seed) {
    if (!keep) return swept_scenario(base, seed, kinds);
    Scenario s = base;
    s.seed = seed;
    return s;
  };
  const RunSource source =
      keep ? RunSource{FileRun{a.scenario_file}} : RunSource{SweptFileRun{a.scenario_file, a.gen.faults}};
  plan.repro_for = [source, added, budget = a.lin_budget](uint64_t seed) {
    return repro_command(source, seed, added, budget);
  };
  return true;
}

// The guided sweep's line in the text report, and its object in the JSON one.
std::string guided_text(const GuidedStats& g) {
  return fmt::format("  guided: {} runs, {} fresh seeds and {} mutants ({} of them reached something new); corpus {}\n",
                     g.runs, g.fresh, g.mutants, g.novel_mutants, g.corpus);
}
nlohmann::ordered_json guided_json(const GuidedStats& g) {
  return {{"runs", g.runs}, {"fresh", g.fresh}, {"mutants", g.mutants}, {"novel_mutants", g.novel_mutants},
          {"corpus", g.corpus}};
}

// Runs the plan (guided, when `guided` is set), writes --out and --report,
// prints the verdict; the exit code.
int run_and_report(const SweepArgs& a, SweepPlan& plan, const SweptWhat& swept, GuidedSweep* guided) {
  const auto claims =
      stdout_claims(a.json, {{"--out", &a.out_path}, {"--report", &a.report_path}, {"--junit", &a.junit_path}});
  if (stdout_conflict(claims)) return kExitBadInput;
  const nlohmann::ordered_json swept_object = swept_json(swept);
  std::string bug_flags;
  for (const auto& b : a.bugs) bug_flags += fmt::format(" --bug {}", b);
  FilePtr out;
  if (!a.out_path.empty()) {
    out = open_output(a.out_path);
    if (!out) return kExitBadInput;
    fmt::print(out.get(), "{}\n", nlohmann::ordered_json{{"sweep", swept_object}}.dump());
    plan.out = out.get();
  }
  FilePtr report_file;
  TempFile summaries;
  if (!a.report_path.empty()) {
    report_file = open_output(a.report_path);
    if (!report_file) return kExitBadInput;
    summaries.reset(std::tmpfile());
    if (!summaries) {
      fmt::print(stderr, "{}cannot create a temporary file for the sweep's summaries\n", error_prefix());
      return kExitBadInput;
    }
    plan.out = summaries.get();
  }
  FilePtr junit;
  if (!a.junit_path.empty()) {
    junit = open_output(a.junit_path);
    if (!junit) return kExitBadInput;
  }
  plan.progress = !a.json && !a.quiet && stderr_is_terminal();

  GuidedStats guided_stats;
  if (guided) {
    guided->out = plan.out;
    guided->progress = plan.progress;
  }
  const SweepOutcome result = guided ? run_guided_sweep(*guided, guided_stats) : run_sweep(plan);
  const double seeds_per_s = result.wall_s > 0 ? static_cast<double>(result.report.seeds()) / result.wall_s : 0;
  if (summaries) {
    std::fflush(summaries.get());
    if (out) copy_file_contents(summaries.get(), out.get());
    const SweepPageInfo page{sweep_command_line(a, bug_flags), seeds_per_s, result.wall_s};
    write_sweep_report(summaries.get(), result.report, page, report_file.get());
  }
  if (junit)
    fmt::print(junit.get(), "{}",
               junit_xml(sweep_command_line(a, bug_flags), sweep_junit_cases(result.report), result.wall_s));
  // Whole lines, renamed into place: after Ctrl-C too, as a valid partial result.
  const bool out_written = out.commit() && report_file.commit() && junit.commit();
  if (a.json) {
    auto report = result.report.to_json(seeds_per_s);
    add_coverage_gate(report, result.report.coverage(), a.coverage);
    if (guided) report["guided"] = guided_json(guided_stats);
    report["peak_rss_kb"] = result.peak_rss_kb;
    report["swept"] = swept_object;
    if (result.interrupted_by) mark_interrupted(report, result);
    std::cout << report.dump(2) << '\n';
  } else {
    // With a file on stdout, the human report goes to stderr, out of its way.
    std::ostream& text = claims.empty() ? std::cout : std::cerr;
    if (result.interrupted_by) text << interrupted_note(result);
    print_failed_gate(text, result.report.coverage(), a.coverage);
    text << result.report.to_text(seeds_per_s, claims.empty() && use_color(), a.quiet);
    if (guided && !a.quiet) text << guided_text(guided_stats);
    print_coverage(text, result.report.coverage(), a.coverage);
  }
  if (result.interrupted_by) return 128 + result.interrupted_by;
  if (!out_written) return kExitBadInput;
  return gated_exit_code(exit_code_for(result.report.verdict()), result.report.coverage(), a.coverage);
}

// --guided: the generator's scenarios only, one whole range, one mutant list per run.
bool check_guided(const SweepArgs& a) {
  const char* conflict = !a.scenario_file.empty() ? "--scenario" : a.shard != "0/1" ? "--shard" : nullptr;
  if (!a.gen.mutate.empty()) conflict = "--mutate";
  if (conflict == nullptr) return true;
  fmt::print(stderr, "{}--guided sweeps the generator's scenarios over one whole range: drop {}\n", error_prefix(),
             conflict);
  return false;
}

int sweep_command(const SweepArgs& a, const CLI::App& cmd) {
  SweepPlan plan;
  SweptWhat swept;
  if (!plan_seeds(a, plan, swept)) return kExitBadInput;
  if (!a.gen.mutate.empty() && !a.guided) {
    fmt::print(stderr, "{}--mutate names one mutant of one seed: give it to run, gen or shrink\n", error_prefix());
    return kExitBadInput;
  }
  if (a.guided && !check_guided(a)) return kExitBadInput;
  const auto gen = to_gen_options(a.gen, 1);
  if (!gen) return kExitBadInput;
  const bool planned =
      a.scenario_file.empty() ? plan_generated(a, *gen, plan, swept) : plan_from_file(a, cmd, *gen, plan, swept);
  if (!planned) return kExitBadInput;
  if (!a.guided) return run_and_report(a, plan, swept, nullptr);
  swept.guided = true;
  GuidedSweep guided;
  guided.base = *gen;
  guided.gen = a.gen;
  guided.bugs = swept.bugs;
  guided.seeds = plan.seeds;
  guided.jobs = plan.jobs;
  guided.lin_max_states = a.lin_budget;
  return run_and_report(a, plan, swept, &guided);
}

}  // namespace

void add_sweep_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = app.add_subcommand("sweep", "Run many seeds of generated scenarios on all cores and report every failing seed");
  add_gen_options(*cmd, args->gen);
  cmd->add_option("--seeds", args->seeds, "Inclusive range of seeds A..B (default 1..1000)");
  cmd->add_option("--scenario", args->scenario_file,
                  "Take protocol, cluster, config, network and workload from this file; faults are generated per "
                  "seed unless --keep-faults");
  cmd->add_flag("--keep-faults", args->keep_faults, "With --scenario: keep the file's own faults and expectations");
  cmd->add_option("--bug", args->bugs, "Turn an injected bug on (one name per --bug, repeatable)")->allow_extra_args(false);
  cmd->add_option("--jobs", args->jobs, "Parallel workers (default: number of cores); results never depend on it")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--shard", args->shard, "Run only shard K of N (K/N, K in 0..N-1): seeds first+K, first+K+N, ...");
  cmd->add_option("--out", args->out_path, "Write one run summary per line (JSON Lines), in seed order");
  cmd->add_option("--report", args->report_path,
                  "Write a self-contained HTML report to FILE: failures by invariant with their repro commands, "
                  "seeds per second, and the spread of recovery, failover and commit latency across seeds");
  cmd->add_option("--junit", args->junit_path,
                  "Write JUnit XML to FILE: one test case per failing or unknown seed with its evidence, repro "
                  "and trace hash, and one for the seeds that passed");
  cmd->add_flag("--json", args->json, "Print the sweep report as one JSON object");
  cmd->add_flag("--quiet", args->quiet, "Print only the verdict and, per failing seed, its invariants and repro");
  add_coverage_flags(*cmd, args->coverage);
  cmd->add_flag("--guided", args->guided,
                "Coverage-guided: as many runs as --seeds has seeds, after the first few mostly mutants of the runs "
                "that reached new probes or abstract states; each failing run's repro line names its mutant");
  cmd->add_option("--lin-budget", args->lin_budget,
                  "States each seed's linearizability search may explore per key before it answers \"unknown\" "
                  "(default 2000000); a sweep with an unknown seed and no failure is UNKNOWN, exit 3")
      ->check(CLI::PositiveNumber);
  cmd->footer("Exit codes: 0 every seed passed, 1 some seed failed (or, with --require-coverage, a probe not\n"
              "marked rare was hit by no seed), 2 bad input, 3 no seed failed but some\n"
              "seed's linearizability search ran out of its budget (unknown, not a pass), 130 interrupted by\n"
              "Ctrl-C (143 by SIGTERM): the report and --out then cover the seeds done, in order.\n"
              "Shards of one range are disjoint and cover it; `consim merge` combines their --out files.");
  cmd->callback([cmd, args, &exit_code] { exit_code = sweep_command(*args, *cmd); });
}

}  // namespace consim::cli
