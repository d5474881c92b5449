// How the figures of a sweep's runs are spread across its seeds: recovery
// (heal to first commit), failover (leader lost to next commit), commit
// latency and availability, each as a histogram with its percentiles and the
// worst seeds. Fed the per-seed run summaries (the lines of `sweep --out`) in
// seed order, like SweepReport; its memory is bounded whatever the sweep's
// size (STYLE.md 8).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace consim {

struct SeedValue {
  uint64_t seed = 0;
  double value = 0;
  std::string repro;
};

// One figure over the seeds that have it (a seed without a heal has no
// recovery time, one without a workload no latency).
class SeedDistribution {
 public:
  // Percentiles are over the first this many seeds that have the figure.
  static constexpr size_t kMaxValues = 200'000;
  static constexpr size_t kWorstKept = 5;

  // `edges`: ascending bin edges; values below the first or above the last
  // fall into the first or last bin. `higher_is_worse` orders the worst seeds.
  SeedDistribution(std::string id, std::string title, std::string unit, std::vector<double> edges,
                   bool higher_is_worse);

  void add(uint64_t seed, double value, const std::string& repro);
  nlohmann::ordered_json to_json() const;

 private:
  std::string id_;
  std::string title_;
  std::string unit_;
  std::vector<double> edges_;
  bool higher_is_worse_;
  std::vector<uint64_t> counts_;  // one per bin: edges_.size() - 1
  std::vector<double> values_;    // up to kMaxValues, for the percentiles
  uint64_t seeds_ = 0;
  double sum_ = 0;
  double min_ = 0;
  double max_ = 0;
  std::vector<SeedValue> worst_;  // worst first
};

class SweepDistributions {
 public:
  SweepDistributions();
  // Adds one seed's summary (summary_to_json, or a line of --out).
  void add(const nlohmann::json& summary);
  nlohmann::ordered_json to_json() const;

 private:
  std::vector<SeedDistribution> metrics_;
};

}  // namespace consim
