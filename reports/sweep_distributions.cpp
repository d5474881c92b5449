#include "reports/sweep_distributions.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "sim/percentile.h"

namespace consim {
namespace {

// Milliseconds in 1-2-5 steps: readable bins over five decades.
std::vector<double> ms_edges() {
  return {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000};
}
// Availability is mostly close to 1: finer bins there.
std::vector<double> ratio_edges() { return {0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 1.0}; }

double rounded(double v) { return std::round(v * 10000.0) / 10000.0; }

// Which figures, and where in the summary: stats.<figure>.<part> (or
// stats.<figure> when part is empty), counted only when stats.<count> > 0.
struct Figure {
  const char* id;
  const char* title;
  const char* figure;
  const char* part;
  const char* count;  // "" : always counted when present
};
constexpr Figure kFigures[] = {
    {"recovery_p50", "Recovery: heal to first commit (median of each seed)", "recovery_ms", "p50", "recoveries"},
    {"recovery_max", "Recovery: heal to first commit (worst of each seed)", "recovery_ms", "max", "recoveries"},
    {"failover_p50", "Failover: leader lost to next commit (median of each seed)", "failover_ms", "p50", "failovers"},
    {"failover_max", "Failover: leader lost to next commit (worst of each seed)", "failover_ms", "max", "failovers"},
    {"commit_p50", "Commit latency p50 of each seed", "commit_latency_ms", "p50", "client_ok"},
    {"commit_p99", "Commit latency p99 of each seed", "commit_latency_ms", "p99", "client_ok"},
    {"availability", "Availability: share of the workload's time committing", "availability", "", ""},
};

}  // namespace

SeedDistribution::SeedDistribution(std::string id, std::string title, std::string unit, std::vector<double> edges,
                                   bool higher_is_worse)
    : id_(std::move(id)),
      title_(std::move(title)),
      unit_(std::move(unit)),
      edges_(std::move(edges)),
      higher_is_worse_(higher_is_worse),
      counts_(edges_.size() - 1, 0) {}

void SeedDistribution::add(uint64_t seed, double value, const std::string& repro) {
  if (!std::isfinite(value)) return;
  const auto bin = std::upper_bound(edges_.begin() + 1, edges_.end() - 1, value) - (edges_.begin() + 1);
  ++counts_[static_cast<size_t>(bin)];
  min_ = seeds_ == 0 ? value : std::min(min_, value);
  max_ = seeds_ == 0 ? value : std::max(max_, value);
  ++seeds_;
  sum_ += value;
  if (values_.size() < kMaxValues) values_.push_back(value);
  // Worst first; an equal value keeps the earlier seed ahead.
  const auto worse = [this](double a, double b) { return higher_is_worse_ ? a > b : a < b; };
  const auto at = std::find_if(worst_.begin(), worst_.end(), [&](const SeedValue& w) { return worse(value, w.value); });
  if (static_cast<size_t>(at - worst_.begin()) < kWorstKept) {
    worst_.insert(at, SeedValue{seed, value, repro});
    if (worst_.size() > kWorstKept) worst_.pop_back();
  }
}

nlohmann::ordered_json SeedDistribution::to_json() const {
  nlohmann::ordered_json bins = nlohmann::ordered_json::array();
  for (size_t i = 0; i < counts_.size(); ++i) bins.push_back({edges_[i], edges_[i + 1], counts_[i]});
  nlohmann::ordered_json worst = nlohmann::ordered_json::array();
  for (const auto& w : worst_) worst.push_back({{"seed", w.seed}, {"value", rounded(w.value)}, {"repro", w.repro}});
  return {{"id", id_},
          {"title", title_},
          {"unit", unit_},
          {"seeds", seeds_},
          {"min", rounded(min_)},
          {"p50", rounded(percentile(values_, 0.5))},
          {"p99", rounded(percentile(values_, 0.99))},
          {"max", rounded(max_)},
          {"mean", seeds_ ? rounded(sum_ / static_cast<double>(seeds_)) : 0.0},
          {"percentiles_over", values_.size()},
          {"bins", bins},
          {"worst", worst}};
}

SweepDistributions::SweepDistributions() {
  for (const Figure& f : kFigures) {
    const bool ratio = std::string_view(f.figure) == "availability";
    metrics_.emplace_back(f.id, f.title, ratio ? "" : "ms", ratio ? ratio_edges() : ms_edges(), !ratio);
  }
}

void SweepDistributions::add(const nlohmann::json& s) {
  const auto stats = s.find("stats");
  if (stats == s.end() || !stats->is_object()) return;
  const uint64_t seed = s.value("seed", uint64_t{0});
  const std::string repro = s.value("repro", std::string());
  for (size_t i = 0; i < std::size(kFigures); ++i) {
    const Figure& f = kFigures[i];
    if (*f.count && stats->value(f.count, uint64_t{0}) == 0) continue;
    const auto figure = stats->find(f.figure);
    if (figure == stats->end()) continue;
    const nlohmann::json* value = &*figure;
    if (*f.part) {
      if (!figure->is_object() || !figure->contains(f.part)) continue;
      value = &(*figure)[f.part];
    }
    if (value->is_number()) metrics_[i].add(seed, value->get<double>(), repro);
  }
}

nlohmann::ordered_json SweepDistributions::to_json() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& m : metrics_) out.push_back(m.to_json());
  return out;
}

}  // namespace consim
