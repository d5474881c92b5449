#include "sim/cli/gen_options.h"

#include <cmath>

#include <fmt/format.h>

#include "protocols/core/quorum.h"
#include "scenarios/loader.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/parse_error.h"
#include "sim/trace.h"

namespace consim::cli {

void add_gen_options(CLI::App& cmd, GenArgs& a) {
  cmd.add_option("--protocol", a.protocol, "raft, basic-paxos or multi-paxos (default raft)")
      ->check(one_of({"raft", "basic-paxos", "multi-paxos"}));
  cmd.add_option("--nodes", a.nodes, "Cluster size (default 5)")->check(CLI::Range(1, kMaxNodes));
  cmd.add_option("--faults", a.faults,
                 "Fault kinds the generator may use: comma-separated partition,isolate,cut,crash,pause,network,clock,disk,hold; "
                 "or all (default) or none");
  cmd.add_option("--duration-ms", a.duration_ms,
                 fmt::format("Length of each generated run, {} to {} ms (default 10000): the schedule needs room for "
                             "faults, a heal and a quiet period",
                             kMinGeneratedDurationMs, kMaxDurationMs));
  cmd.add_option("--mutate", a.mutate,
                 "Comma-separated mutation numbers applied in order to the seed's fault schedule: a mutant that "
                 "`sweep --guided` ran, as its repro line names it");
}

namespace {

// "A,B,...": at most kMaxMutations numbers.
constexpr size_t kMaxMutations = 64;
std::optional<std::vector<uint64_t>> parse_mutations(const std::string& list) {
  std::vector<uint64_t> out;
  if (list.empty()) return out;
  size_t at = 0;
  for (;;) {
    const size_t comma = list.find(',', at);
    const std::string item = list.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    const auto n = parse_u64(item);
    if (!n || out.size() == kMaxMutations) return std::nullopt;
    out.push_back(*n);
    if (comma == std::string::npos) return out;
    at = comma + 1;
  }
}

}  // namespace

std::optional<GenOptions> to_gen_options(const GenArgs& a, uint64_t seed) {
  GenOptions o;
  o.protocol = a.protocol == "raft" ? Protocol::kRaft
               : a.protocol == "basic-paxos" ? Protocol::kBasicPaxos
                                             : Protocol::kMultiPaxos;
  o.nodes = a.nodes;
  o.seed = seed;
  std::string error;
  const auto kinds = parse_fault_kinds(a.faults, error);
  if (!kinds) {
    fmt::print(stderr, "{}--faults: {}\n", error_prefix(), error);
    return std::nullopt;
  }
  o.kinds = *kinds;
  if (!std::isfinite(a.duration_ms) || a.duration_ms < static_cast<double>(kMinGeneratedDurationMs) ||
      a.duration_ms > kMaxDurationMs) {
    fmt::print(stderr, "{}--duration-ms: expected a number of milliseconds from {} to {} (got {})\n", error_prefix(),
               kMinGeneratedDurationMs, kMaxDurationMs, a.duration_ms);
    return std::nullopt;
  }
  o.duration = Duration::from_ms(a.duration_ms);
  const auto mutations = parse_mutations(a.mutate);
  if (!mutations) {
    fmt::print(stderr, "{}--mutate: expected up to {} comma-separated unsigned numbers, such as 17,4021 (got \"{}\")\n",
               error_prefix(), kMaxMutations, a.mutate);
    return std::nullopt;
  }
  o.mutations = *mutations;
  return o;
}

bool gen_flags_conflict(const CLI::App& cmd, const std::string& file, const std::string& swept_file) {
  if (!file.empty() && !swept_file.empty()) {
    fmt::print(stderr, "{}give a scenario file or --scenario FILE, not both\n", error_prefix());
    return true;
  }
  if (file.empty() && swept_file.empty()) return false;
  for (const char* flag : {"--protocol", "--nodes", "--faults", "--duration-ms", "--mutate"}) {
    if (cmd.count(flag) == 0 || (!swept_file.empty() && std::string_view(flag) == "--faults")) continue;
    if (!swept_file.empty()) fmt::print(stderr, "{}{} comes from the --scenario file; drop one of them\n", error_prefix(), flag);
    else fmt::print(stderr, "{}{} applies only to a generated run (no scenario file)\n", error_prefix(), flag);
    return true;
  }
  return false;
}

void add_swept_option(CLI::App& cmd, std::string& swept_file) {
  cmd.add_option("--scenario", swept_file,
                 "Take protocol, cluster, config, network and workload from this file and generate the seed's faults "
                 "(--faults picks their kinds): one seed of `sweep --scenario FILE`");
}

std::string gen_flags(const GenArgs& a) {
  std::string flags = fmt::format("--protocol {} --nodes {}", a.protocol, a.nodes);
  if (a.faults != "all") flags += fmt::format(" --faults {}", a.faults);
  if (a.duration_ms != GenArgs{}.duration_ms) flags += fmt::format(" --duration-ms {}", format_ms(a.duration_ms));
  if (!a.mutate.empty()) flags += fmt::format(" --mutate {}", a.mutate);
  return flags;
}

}  // namespace consim::cli
