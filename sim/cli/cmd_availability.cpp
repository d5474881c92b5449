// consim availability: the binomial availability formula against a Monte
// Carlo run of random crashes, and against real protocol runs that pay for
// failover (sim/availability.h).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/availability.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/engine.h"
#include "sim/plural.h"

namespace consim::cli {
namespace {

struct AvailabilityArgs {
  int nodes = 5;
  double p = 0.99;
  double mttr_ms = 2000;
  double model_s = 1e9;
  double run_s = 1000;
  std::string protocols = "raft,multi-paxos";
  uint64_t seed = 1;
  bool json = false;
};

struct ProtocolRun {
  Protocol protocol;
  double majority_up = 0;  // in this run's crash timeline
  double could_commit = 0;
  uint64_t crashes = 0;
  uint64_t failovers = 0;
  double failover_p50_ms = 0;
  bool safe = true;
};

std::string percent(double a) { return fmt::format("{:.4f}%", a * 100.0); }
std::string nines(double a) { return a >= 1.0 ? "inf" : fmt::format("{:.1f}", -std::log10(1.0 - a)); }
std::string down(double a) { return fmt::format("{:.3g}", std::max(0.0, 1.0 - a)); }

int availability_command(const AvailabilityArgs& a) {
  const auto protocols =
      a.protocols == "none" ? std::optional<std::vector<Protocol>>(std::vector<Protocol>{})
                            : parse_protocols(a.protocols, "--protocols");
  if (!protocols) return kExitBadInput;
  const CrashProcess process{a.nodes, a.p, Duration::from_ms(a.mttr_ms)};
  const double formula = binomial_availability(a.nodes, a.p);
  Rng rng(RandomStreams(a.seed).stream("availability"));
  const MajorityUp mc = monte_carlo_majority_up(process, a.model_s, rng);

  std::vector<ProtocolRun> runs;
  for (Protocol p : *protocols) {
    const CrashScenario cs = crash_process_scenario(process, p, Duration::from_ms(a.run_s * 1000.0), a.seed);
    RunOptions options;
    options.check_linearizability = false;  // hours-long histories; the safety checkers still run
    Engine engine(cs.scenario, options);
    const Summary s = engine.run();
    runs.push_back(ProtocolRun{p, cs.majority.fraction, s.stats.availability, cs.majority.crashes,
                               s.stats.failovers, s.stats.failover_ms.p50, s.violations.empty()});
  }

  if (a.json) {
    nlohmann::ordered_json j;
    j["nodes"] = a.nodes;
    j["p"] = a.p;
    j["mttr_ms"] = a.mttr_ms;
    j["formula"] = formula;
    j["monte_carlo"] = {{"model_s", a.model_s}, {"majority_up", mc.fraction}, {"crashes", mc.crashes},
                        {"outages", mc.outages}};
    j["runs"] = nlohmann::ordered_json::array();
    for (const auto& r : runs)
      j["runs"].push_back({{"protocol", std::string(protocol_name(r.protocol))}, {"run_s", a.run_s},
                           {"crashes", r.crashes}, {"majority_up", r.majority_up}, {"could_commit", r.could_commit},
                           {"failovers", r.failovers}, {"failover_p50_ms", r.failover_p50_ms}, {"safe", r.safe}});
    std::cout << j.dump(2) << '\n';
  } else {
    fmt::print("availability of a {}-node majority-quorum cluster, each node up {} of the time\n", a.nodes,
               percent(a.p));
    fmt::print("(crash process: down for {} ms on average, up for {:.0f} s on average)\n\n", a.mttr_ms,
               process.mean_up().to_ms() / 1000.0);
    fmt::print("  {:<58} {:>12} {:>9} {:>7}\n", "model", "available", "down", "nines");
    fmt::print("  {:<58} {:>12} {:>9} {:>7}\n", "binomial formula (a majority is up)", percent(formula), down(formula),
               nines(formula));
    fmt::print("  {:<58} {:>12} {:>9} {:>7}\n",
               fmt::format("Monte Carlo, {:.3g} s, {}, {}", a.model_s, counted(mc.crashes, "crash", "crashes"),
                           counted(mc.outages, "outage", "outages")),
               percent(mc.fraction), down(mc.fraction), nines(mc.fraction));
    for (const auto& r : runs) {
      fmt::print("  {:<58} {:>12} {:>9} {:>7}\n",
                 fmt::format("{}: {:.0f} s run, {}, majority up", protocol_name(r.protocol), a.run_s,
                             counted(r.crashes, "crash", "crashes")),
                 percent(r.majority_up), down(r.majority_up), nines(r.majority_up));
      fmt::print("  {:<58} {:>12} {:>9} {:>7}{}\n",
                 fmt::format("{}: clients could commit ({} failovers, p50 {:.0f} ms)", protocol_name(r.protocol),
                             r.failovers, r.failover_p50_ms),
                 percent(r.could_commit), down(r.could_commit), nines(r.could_commit), r.safe ? "" : "  VIOLATIONS");
    }
    fmt::print("\nThe formula counts only whether a majority is up; a real cluster also loses the time from a\n"
               "leader's crash until a new leader commits (failover), which the protocol rows include.\n");
  }
  for (const auto& r : runs)
    if (!r.safe) return kExitFailed;
  return kExitOk;
}

}  // namespace

void add_availability_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<AvailabilityArgs>();
  auto* cmd = app.add_subcommand(
      "availability", "Availability under random crashes: binomial formula, Monte Carlo, and protocol runs");
  cmd->add_option("--nodes", args->nodes, "Cluster size (default 5)")->check(CLI::Range(1, 64));
  cmd->add_option("--p", args->p, "Fraction of time each node is up (default 0.99)")
      ->check(CLI::Range(0.5, 0.999999));
  cmd->add_option("--mttr-ms", args->mttr_ms, "Mean time a crashed node stays down (default 2000)")
      ->check(CLI::Range(1.0, 1e7));
  cmd->add_option("--model-s", args->model_s, "Model time for the Monte Carlo run, in seconds (default 1e9)")
      ->check(CLI::Range(1.0, 1e11));
  cmd->add_option("--run-s", args->run_s, "Simulated time of each protocol run, in seconds (default 1000)")
      ->check(CLI::Range(1.0, 1e5));
  cmd->add_option("--protocols", args->protocols,
                  "Protocols to run under the crash timeline (default raft,multi-paxos; 'none' skips them)");
  cmd->add_option("--seed", args->seed, "Seed of the crash timelines (default 1)");
  cmd->add_flag("--json", args->json, "Print the figures as one JSON object");
  cmd->footer("Exit codes: 0 the figures were printed, 1 some run had a violation, 2 bad input.");
  cmd->callback([args, &exit_code] { exit_code = availability_command(*args); });
}

}  // namespace consim::cli
