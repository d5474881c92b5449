// Reads the --out files of sweep shards for `consim merge` and refuses what
// would make the merged verdict wrong: files of different sweeps, files
// without their header, seeds outside their shard, one seed with two
// different results, and seeds of the declared range that no file holds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace consim::cli {

struct MergedShards {
  nlohmann::ordered_json swept;                          // the common header, shard "0/1"
  std::map<uint64_t, nlohmann::ordered_json> by_seed;    // every seed of the range, once
};

// The shards' seeds in seed order, or nullopt after printing to stderr why
// they cannot be merged (file and line where there is one).
std::optional<MergedShards> read_shards(const std::vector<std::string>& files);

}  // namespace consim::cli
