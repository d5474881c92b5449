// Runs a scenario (given as JSON text) through the consim binary with
// --trace and returns the trace's lines as JSON objects, for tests that check
// what happened when.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run_consim.h"

namespace consim_test {

inline std::vector<nlohmann::json> traced(const std::string& scenario, const std::string& name) {
  const TempDir dir(name);
  std::ofstream(dir.str("s.json")) << scenario;
  const auto r = run_consim({"run", dir.str("s.json"), "--trace", dir.str("t.jsonl"), "--quiet"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> out;
  std::ifstream in(dir.str("t.jsonl"));
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

inline std::vector<nlohmann::json> of_kind(const std::vector<nlohmann::json>& trace, const std::string& kind) {
  std::vector<nlohmann::json> out;
  for (const auto& e : trace)
    if (e["kind"] == kind) out.push_back(e);
  return out;
}

}  // namespace consim_test
