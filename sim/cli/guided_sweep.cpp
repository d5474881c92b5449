#include "sim/cli/guided_sweep.h"

#include <algorithm>

#include <fmt/format.h>

#include "protocols/core/random.h"
#include "sim/cli/repro.h"

namespace consim::cli {
namespace {

constexpr size_t kGeneration = 64;    // runs planned at a time
constexpr size_t kFreshEvery = 4;     // after the first generation, one run in four is a fresh seed
constexpr size_t kMaxChain = 8;       // mutations per mutant
constexpr size_t kMaxCorpus = 4096;

// What a run reached, as feature numbers: probes first, then abstract states.
std::vector<uint32_t> features_of(const nlohmann::ordered_json& summary) {
  std::vector<uint32_t> out;
  const auto c = summary.find("coverage");
  if (c == summary.end() || !c->is_object()) return out;
  for (const auto& [name, hits] : (*c)["probes"].items())
    if (const auto p = probe_from_name(name)) out.push_back(static_cast<uint32_t>(*p));
  for (const auto& code : (*c)["states"])
    if (code.is_number_unsigned() && code.get<uint64_t>() < kStateCodes)
      out.push_back(static_cast<uint32_t>(kProbeCount + code.get<uint64_t>()));
  return out;
}

struct Job {
  uint64_t seed = 0;
  std::vector<uint64_t> mutations;
};

struct Entry {
  Job job;
  std::vector<uint32_t> features;
};

std::string mutation_list(const std::vector<uint64_t>& m) {
  std::string out;
  for (uint64_t x : m) out += fmt::format("{}{}", out.empty() ? "" : ",", x);
  return out;
}

class Guide {
 public:
  explicit Guide(const GuidedSweep& g) : g_(g), rng_(RandomStreams(g.seeds.first).stream("guided")) {}
  Guide(const Guide&) = delete;
  Guide& operator=(const Guide&) = delete;

  // The next generation's runs: fresh seeds while there is no corpus, then
  // mostly mutants of entries drawn by weight.
  std::vector<Job> plan(size_t size) {
    std::vector<double> cumulative;
    double total = 0;
    for (const Entry& e : corpus_) {
      double w = 0;
      for (uint32_t f : e.features) w += 1.0 / static_cast<double>(std::max<uint64_t>(1, reached_[f]));
      total += w;
      cumulative.push_back(total);
    }
    std::vector<Job> jobs;
    for (size_t k = 0; k < size; ++k) {
      if (corpus_.empty() || k % kFreshEvery == 0) {
        jobs.push_back(Job{g_.seeds.at(next_fresh_++), {}});
        continue;
      }
      const double x = rng_.uniform_real() * total;
      const size_t i = std::min<size_t>(
          static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin()),
          corpus_.size() - 1);
      Job child = corpus_[i].job;
      if (child.mutations.size() == kMaxChain) child.mutations.pop_back();
      child.mutations.push_back(rng_.uniform_u64(1, 999'999'999));
      jobs.push_back(std::move(child));
    }
    return jobs;
  }

  // A run's result, in order: new coverage puts it in the corpus.
  void learn(const Job& job, const nlohmann::ordered_json& summary, GuidedStats& stats) {
    std::vector<uint32_t> features = features_of(summary);
    bool novel = false;
    for (uint32_t f : features) novel = novel || reached_[f] == 0;
    for (uint32_t f : features) ++reached_[f];
    ++stats.runs;
    if (job.mutations.empty()) ++stats.fresh;
    else ++stats.mutants;
    if (!novel) return;
    if (!job.mutations.empty()) ++stats.novel_mutants;
    if (corpus_.size() < kMaxCorpus) corpus_.push_back(Entry{job, std::move(features)});
    stats.corpus = corpus_.size();
  }

 private:
  const GuidedSweep& g_;
  Rng rng_;
  std::vector<Entry> corpus_;
  std::vector<uint64_t> reached_ = std::vector<uint64_t>(kProbeCount + kStateCodes, 0);
  uint64_t next_fresh_ = 0;
};

// One generation as a sweep of its own, its results added to `total`.
SweepOutcome run_generation(const GuidedSweep& g, const std::vector<Job>& jobs, SweepReport& total,
                            std::vector<nlohmann::ordered_json>& results) {
  SweepPlan plan;
  plan.seeds = SeedList{0, 1, jobs.size()};
  plan.jobs = g.jobs;
  plan.out = g.out;
  plan.lin_max_states = g.lin_max_states;
  plan.into = &total;
  plan.scenario_for = [&](uint64_t i) {
    GenOptions o = g.base;
    o.seed = jobs[i].seed;
    o.mutations = jobs[i].mutations;
    return with_run_settings(generate_scenario(o), std::nullopt, g.bugs);
  };
  plan.repro_for = [&](uint64_t i) {
    GenArgs args = g.gen;
    args.mutate = mutation_list(jobs[i].mutations);
    return repro_command(GeneratedRun{args}, jobs[i].seed, g.bugs, g.lin_max_states);
  };
  plan.on_result = [&](const nlohmann::ordered_json& s) { results.push_back(s); };
  return run_sweep(plan);
}

}  // namespace

SweepOutcome run_guided_sweep(const GuidedSweep& g, GuidedStats& stats) {
  SweepOutcome outcome;
  outcome.seeds_planned = g.seeds.count;
  Guide guide(g);
  double wall_s = 0;
  while (stats.runs < g.seeds.count) {
    const size_t size = static_cast<size_t>(std::min<uint64_t>(kGeneration, g.seeds.count - stats.runs));
    const std::vector<Job> jobs = guide.plan(size);
    std::vector<nlohmann::ordered_json> results;
    const SweepOutcome part = run_generation(g, jobs, outcome.report, results);
    wall_s += part.wall_s;
    for (size_t i = 0; i < results.size(); ++i) guide.learn(jobs[i], results[i], stats);
    outcome.peak_rss_kb = std::max(outcome.peak_rss_kb, part.peak_rss_kb);
    if (g.progress)
      fmt::print(stderr, "\rguided: {}/{} runs ({} mutants), {} failed, corpus {}   ", stats.runs, g.seeds.count,
                 stats.mutants, outcome.report.failed(), stats.corpus);
    if (part.interrupted_by) {
      outcome.interrupted_by = part.interrupted_by;
      break;
    }
  }
  if (g.progress) fmt::print(stderr, "\n");
  outcome.wall_s = wall_s;
  return outcome;
}

}  // namespace consim::cli
