// The failing seeds of a sweep grouped by what failed (each invariant that
// fired, a failed expectation's class, "event_limit"), each with the
// evidence of that class in that seed and its repro command: what the sweep
// report lists. Fed the per-seed run summaries in seed order; a class keeps
// at most kMaxPerClass seeds (and counts the rest).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/sweep_report.h"

namespace consim {

class SweepFailureIndex {
 public:
  static constexpr size_t kMaxPerClass = 200;

  struct Entry {
    uint64_t seed = 0;
    std::string detail;  // the first evidence of this class in this seed
    std::string repro;
  };
  struct Class {
    uint64_t seeds = 0;
    std::vector<Entry> listed;  // the first kMaxPerClass seeds
  };

  void add(const nlohmann::json& summary);
  // Seeds that SweepReport found not to reproduce (their rerun gave another hash).
  void add_nondeterminism(const std::vector<SweepFailure>& failures);
  const std::map<std::string, Class>& classes() const { return classes_; }

 private:
  void note(const std::string& name, uint64_t seed, std::string detail, const std::string& repro);
  std::map<std::string, Class> classes_;
};

}  // namespace consim
