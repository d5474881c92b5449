// Aggregating per-seed run summaries into a sweep report. The same code
// serves a live sweep and `consim merge` of shard outputs, because both feed
// it the per-seed summaries in their JSON form (one --out line each): a merge
// of shards is then the report one sweep would have given.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/sweep_coverage.h"
#include "sim/summary.h"

namespace consim {

struct SweepFailure {
  uint64_t seed = 0;
  // Its place in the sweep's order, from 1: the seed's for a sweep of seeds
  // 1..N; a guided sweep runs mutants of seeds too, and a seed more than once.
  uint64_t run = 0;
  // Invariants fired, failed expectations by class (expectation_class),
  // "event_limit", "crash", "nondeterminism"; for an unknown seed, "unknown".
  std::vector<std::string> classes;
  std::string detail;  // the first violation or failed expectation (an unknown seed: why)
  std::string repro;
  std::string trace_hash;
};

// What a failed expectation of this type is, in a sweep's counts: "liveness"
// for the recovery expectations (leader_at, commits, converged, decided), its
// own type name otherwise (client_ok, no_leader_at, elections, violates, ...).
std::string expectation_class(const std::string& type);

class SweepReport {
 public:
  // Adds one seed's summary (the JSON of summary_to_json, or a line of --out).
  void add(const nlohmann::json& summary);
  // Marks the seed as not reproducing: a rerun gave another trace hash.
  void add_nondeterminism(uint64_t seed, const std::string& first_hash, const std::string& second_hash,
                          const std::string& repro);

  uint64_t seeds() const { return seeds_; }
  uint64_t passed() const { return seeds_ - failed() - unknown(); }
  uint64_t failed() const { return static_cast<uint64_t>(failures_.size()); }
  // Seeds that failed no check but whose linearizability search ran out of budget.
  uint64_t unknown() const { return static_cast<uint64_t>(unknown_.size()); }
  // The sweep's verdict: fail if any seed failed, else unknown if any was, else pass.
  RunResult verdict() const;
  const std::map<std::string, uint64_t>& by_invariant() const { return by_invariant_; }
  // In the order the runs were added (by seed, but for a guided sweep).
  std::vector<SweepFailure> failures() const;
  std::vector<SweepFailure> unknown_seeds() const;
  double sim_time_ms() const { return sim_time_ms_; }
  uint64_t events() const { return events_; }
  const SweepCoverage& coverage() const { return coverage_; }

  // The --json object of the README (`seeds_per_s` from the caller's clock).
  nlohmann::ordered_json to_json(double seeds_per_s) const;
  // The human report: verdict first, one line per failure with its repro.
  // Quiet: only the verdict and, per failing seed, its invariants and repro.
  std::string to_text(double seeds_per_s, bool color, bool quiet = false) const;

 private:
  uint64_t seeds_ = 0;
  uint64_t events_ = 0;
  double sim_time_ms_ = 0;
  std::map<uint64_t, SweepFailure> failures_;  // by run
  std::map<uint64_t, SweepFailure> unknown_;   // by run
  std::map<std::string, uint64_t> by_invariant_;
  SweepCoverage coverage_;
};

}  // namespace consim
