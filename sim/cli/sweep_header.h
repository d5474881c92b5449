// What a sweep swept, as the first line of its --out file and the "swept"
// field of its --json report: protocol, cluster, faults, bugs, scenario,
// seed range, shard and consim version. `consim merge` reads it back to
// refuse shards of different sweeps and to name the seeds a merge lacks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocols/core/bugs.h"
#include "protocols/core/config.h"
#include "scenarios/scenario.h"

namespace consim::cli {

// The most seeds one sweep takes (--seeds): a bound, not a hang; a header
// declaring more is not one a sweep wrote.
inline constexpr uint64_t kMaxSeedsPerSweep = 1'000'000'000;

struct SweptWhat {
  Protocol protocol = Protocol::kRaft;
  int nodes = 0;
  double duration_ms = 0;
  std::string faults;             // the generator's fault kinds ("all", "crash,partition", ...)
  std::vector<Bug> bugs;          // the --bug flags
  std::string scenario;           // the --scenario file, empty for generated scenarios
  std::string scenario_digest;    // of the scenario as loaded, so an edited file is not the same sweep
  bool keep_faults = false;
  uint64_t lin_budget = 0;        // --lin-budget: the linearizability search's states per key
  uint64_t first_seed = 1, last_seed = 1;  // the declared range, --seeds
  uint64_t shard_index = 0, shard_count = 1;
  bool guided = false;            // --guided: the header says so (and merge refuses it)
};

// The --out file's first line: {"sweep": {...}}.
nlohmann::ordered_json swept_json(const SweptWhat& w);
// The first field in which two such objects differ, the shard aside
// ("protocol: \"raft\" against \"multi-paxos\""); empty when they are shards
// of one sweep.
std::string swept_difference(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);
// Hex FNV-1a 64 of the scenario's canonical JSON: what was read, without
// reading the file again (it may be a pipe).
std::string scenario_digest(const Scenario& s);

}  // namespace consim::cli
