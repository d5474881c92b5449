#include "sim/cli/sweep_header.h"

#include <algorithm>

#include <fmt/format.h>

#include "protocols/core/random.h"
#include "scenarios/loader.h"
#include "sim/version.h"

namespace consim::cli {

nlohmann::ordered_json swept_json(const SweptWhat& w) {
  std::vector<std::string> bugs;
  for (const Bug b : w.bugs) bugs.emplace_back(bug_name(b));
  std::sort(bugs.begin(), bugs.end());
  bugs.erase(std::unique(bugs.begin(), bugs.end()), bugs.end());
  nlohmann::ordered_json j;
  j["consim_version"] = kVersion;
  j["protocol"] = protocol_name(w.protocol);
  j["nodes"] = w.nodes;
  j["duration_ms"] = w.duration_ms;
  j["faults"] = w.faults;
  j["bugs"] = bugs;
  j["scenario"] = w.scenario.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(w.scenario);
  if (!w.scenario.empty()) j["scenario_digest"] = w.scenario_digest;
  j["keep_faults"] = w.keep_faults;
  j["lin_budget"] = w.lin_budget;
  j["seeds"] = fmt::format("{}..{}", w.first_seed, w.last_seed);
  j["shard"] = fmt::format("{}/{}", w.shard_index, w.shard_count);
  if (w.guided) j["guided"] = true;
  return j;
}

std::string swept_difference(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) {
  std::vector<std::string> keys;
  for (const auto* side : {&a, &b})
    for (const auto& [key, value] : side->items())
      if (key != "shard" && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  for (const auto& key : keys) {
    const auto va = a.contains(key) ? a[key] : nlohmann::ordered_json();
    const auto vb = b.contains(key) ? b[key] : nlohmann::ordered_json();
    if (va != vb) return fmt::format("{}: {} against {}", key, va.dump(), vb.dump());
  }
  return {};
}

std::string scenario_digest(const Scenario& s) { return fmt::format("{:016x}", fnv1a(scenario_to_json(s).dump())); }

}  // namespace consim::cli
