#include "reports/sweep_report.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "reports/summary_text.h"
#include "sim/plural.h"

namespace consim {

std::string expectation_class(const std::string& type) {
  constexpr std::array<std::string_view, 4> kLiveness{"leader_at", "commits", "converged", "decided"};
  return std::find(kLiveness.begin(), kLiveness.end(), type) != kLiveness.end() ? "liveness" : type;
}

void SweepReport::add(const nlohmann::json& s) {
  ++seeds_;
  coverage_.add(s);
  events_ += s.value("events", uint64_t{0});
  sim_time_ms_ += s.value("sim_time_ms", 0.0);
  const std::string result = s.value("result", std::string());
  if (result == "pass") return;
  SweepFailure f;
  f.seed = s.value("seed", uint64_t{0});
  f.run = seeds_;
  f.repro = s.value("repro", std::string());
  f.trace_hash = s.value("trace_hash", std::string());
  if (result == "unknown") {
    f.classes = {"unknown"};
    if (s.contains("linearizability") && s["linearizability"].is_object())
      f.detail = "linearizability: " + s["linearizability"].value("reason", std::string());
    unknown_[f.run] = std::move(f);
    return;
  }
  const auto add_class = [&f](const std::string& c) {
    if (std::find(f.classes.begin(), f.classes.end(), c) == f.classes.end()) f.classes.push_back(c);
  };
  if (s.contains("crash")) {
    add_class("crash");
    f.detail = fmt::format("assertion failed at {}: {}", s["crash"].value("where", std::string()),
                           s["crash"].value("what", std::string()));
  }
  for (const auto& v : s.value("violations", nlohmann::json::array())) {
    add_class(v.value("invariant", std::string("?")));
    if (f.detail.empty()) f.detail = v.value("detail", std::string());
  }
  for (const auto& e : s.value("expectations", nlohmann::json::array()))
    if (!e.value("ok", true)) {
      add_class(expectation_class(e.value("type", std::string())));
      if (f.detail.empty()) f.detail = fmt::format("{}: {}", e.value("type", std::string()), e.value("detail", std::string()));
    }
  if (s.contains("stopped_early")) {
    add_class("event_limit");
    if (f.detail.empty()) f.detail = s["stopped_early"].get<std::string>();
  }
  if (f.classes.empty()) add_class("unexplained");
  for (const auto& c : f.classes) ++by_invariant_[c];
  failures_[f.run] = std::move(f);
}

void SweepReport::add_nondeterminism(uint64_t seed, const std::string& first_hash, const std::string& second_hash,
                                     const std::string& repro) {
  // The seed added last: each failing seed runs again at once.
  SweepFailure& f = failures_[seeds_];
  f.seed = seed;
  f.run = seeds_;
  f.repro = repro;
  if (f.trace_hash.empty()) f.trace_hash = first_hash;
  f.classes.push_back("nondeterminism");
  f.detail = fmt::format("rerun gave trace hash {} instead of {}", second_hash, first_hash);
  ++by_invariant_["nondeterminism"];
}

RunResult SweepReport::verdict() const {
  if (failed() > 0) return RunResult::kFail;
  return unknown() > 0 ? RunResult::kUnknown : RunResult::kPass;
}

std::vector<SweepFailure> SweepReport::failures() const {
  std::vector<SweepFailure> out;
  for (const auto& [run, f] : failures_) out.push_back(f);
  return out;
}

std::vector<SweepFailure> SweepReport::unknown_seeds() const {
  std::vector<SweepFailure> out;
  for (const auto& [run, f] : unknown_) out.push_back(f);
  return out;
}

nlohmann::ordered_json SweepReport::to_json(double seeds_per_s) const {
  const auto listed = [](const std::map<uint64_t, SweepFailure>& seeds) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& [run, f] : seeds)
      list.push_back({{"seed", f.seed}, {"run", f.run}, {"violations", f.classes}, {"detail", f.detail}, {"repro", f.repro},
                      {"trace_hash", f.trace_hash}});
    return list;
  };
  nlohmann::ordered_json j;
  j["result"] = run_result_name(verdict());
  j["seeds"] = seeds_;
  j["passed"] = passed();
  j["failed"] = failed();
  j["unknown"] = unknown();
  j["by_invariant"] = nlohmann::ordered_json::object();
  for (const auto& [name, count] : by_invariant_) j["by_invariant"][name] = count;
  j["failures"] = listed(failures_);
  j["unknown_seeds"] = listed(unknown_);
  j["seeds_per_s"] = std::round(seeds_per_s * 10.0) / 10.0;
  j["coverage"] = coverage_.to_json();
  return j;
}

std::string SweepReport::to_text(double seeds_per_s, bool color, bool quiet) const {
  const auto paint = [color](std::string_view code, std::string_view text) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  const std::string word = paint(verdict_colour(verdict()), verdict_word(verdict()));
  std::string out = fmt::format("{} {}: {} passed, {} failed{} ({:.1f} seeds/s, {} events, {:.0f} s simulated)\n",
                                word, counted(seeds_, "seed", "seeds"), passed(), failed(), unknown() ? fmt::format(", {} unknown", unknown()) : "",
                                seeds_per_s, events_, sim_time_ms_ / 1000.0);
  if (!quiet) {
    for (const auto& [name, count] : by_invariant_) out += fmt::format("  {:<22} {}\n", name, counted(count, "seed", "seeds"));
    if (seeds_ > 0) out += "  " + coverage_.summary_line();
  }
  const auto seed_lines = [&](const std::map<uint64_t, SweepFailure>& seeds, std::string_view colour) {
    for (const auto& [run, f] : seeds) {
      std::string classes;
      for (const auto& c : f.classes) classes += (classes.empty() ? "" : ",") + c;
      const std::string head = fmt::format("  seed {} (trace {}): {}", f.seed, f.trace_hash, paint(colour, classes));
      if (quiet) out += fmt::format("{}: {}\n", head, f.repro);
      else out += fmt::format("{}: {}\n    repro: {}\n", head, f.detail, f.repro);
    }
  };
  seed_lines(failures_, "31");
  seed_lines(unknown_, "33");
  return out;
}

}  // namespace consim
