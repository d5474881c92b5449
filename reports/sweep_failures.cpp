#include "reports/sweep_failures.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace consim {

void SweepFailureIndex::note(const std::string& name, uint64_t seed, std::string detail, const std::string& repro) {
  Class& c = classes_[name];
  ++c.seeds;
  if (c.listed.size() < kMaxPerClass) c.listed.push_back(Entry{seed, std::move(detail), repro});
}

// The same classes as SweepReport::add, so the two always agree.
void SweepFailureIndex::add(const nlohmann::json& s) {
  const std::string result = s.value("result", std::string());
  if (result == "pass" || result == "unknown") return;  // an unknown seed failed nothing
  const uint64_t seed = s.value("seed", uint64_t{0});
  const std::string repro = s.value("repro", std::string());
  std::set<std::string> seen;
  const auto once = [&](const std::string& name, std::string detail) {
    if (seen.insert(name).second) note(name, seed, std::move(detail), repro);
  };
  if (s.contains("crash") && s["crash"].is_object())
    once("crash", fmt::format("at {} ms: assertion failed at {}: {}", s["crash"].value("time_ms", 0.0),
                              s["crash"].value("where", std::string()), s["crash"].value("what", std::string())));
  for (const auto& v : s.value("violations", nlohmann::json::array()))
    once(v.value("invariant", std::string("?")),
         fmt::format("at {} ms: {}", v.value("time_ms", 0.0), v.value("detail", std::string())));
  for (const auto& e : s.value("expectations", nlohmann::json::array()))
    if (!e.value("ok", true))
      once(expectation_class(e.value("type", std::string())),
           fmt::format("{}: {}", e.value("type", std::string()), e.value("detail", std::string())));
  if (s.contains("stopped_early") && s["stopped_early"].is_string())
    once("event_limit", s["stopped_early"].get<std::string>());
  if (seen.empty()) once("unexplained", "the run failed without a violation or failed expectation");
}

void SweepFailureIndex::add_nondeterminism(const std::vector<SweepFailure>& failures) {
  for (const auto& f : failures)
    if (std::find(f.classes.begin(), f.classes.end(), "nondeterminism") != f.classes.end())
      note("nondeterminism", f.seed, f.detail, f.repro);
}

}  // namespace consim
