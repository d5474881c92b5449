// consim list (alias: consim bugs): every bug of the catalog, every checker,
// every fault and expectation type, each on a line of its own with its meaning.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocols/core/bugs.h"
#include "protocols/core/invariants.h"
#include "scenarios/scenario_fields.h"
#include "support/run_consim.h"

using consim_test::run_consim;

namespace {

// A line "  NAME   meaning..." with some meaning after the name.
bool listed(const std::string& out, std::string_view name) {
  const std::string head = "\n  " + std::string(name) + " ";
  const size_t at = out.find(head);
  if (at == std::string::npos) return false;
  const size_t end = out.find('\n', at + 1);
  const std::string line = out.substr(at + head.size(), end - at - head.size());
  return line.find_first_not_of(' ') != std::string::npos && line.size() > 10;
}

}  // namespace

TEST_CASE("consim list names every bug and checker and fault type and expectation type with a meaning", "[cli]") {
  const auto r = run_consim({"list"});
  REQUIRE(r.exit_code == 0);
  for (const auto& b : consim::all_bugs()) CHECK(listed(r.out, b.name));
  for (const auto inv : consim::all_invariants()) CHECK(listed(r.out, consim::invariant_name(inv)));
  for (const auto name : consim::fault_type_names()) CHECK(listed(r.out, name));
  for (const auto name : consim::expectation_type_names()) CHECK(listed(r.out, name));
  CHECK(run_consim({"bugs"}).out == r.out);
}

TEST_CASE("consim list --json gives the same names as one object - each bug with its protocols", "[cli]") {
  const auto r = run_consim({"list", "--json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.at("bugs").size() == consim::all_bugs().size());
  for (size_t i = 0; i < consim::all_bugs().size(); ++i) {
    const auto& b = consim::all_bugs()[i];
    const auto& entry = j.at("bugs")[i];
    CHECK(entry.at("name") == std::string(b.name));
    CHECK_FALSE(entry.at("meaning").get<std::string>().empty());
    std::vector<std::string> expected;
    for (auto p : {consim::Protocol::kRaft, consim::Protocol::kBasicPaxos, consim::Protocol::kMultiPaxos})
      if (consim::bug_applies(b.bug, p)) expected.emplace_back(consim::protocol_name(p));
    CHECK(entry.at("protocols").get<std::vector<std::string>>() == expected);
  }
  CHECK(j.at("checkers").size() == consim::all_invariants().size());
  CHECK(j.at("faults").size() == consim::fault_type_names().size());
  CHECK(j.at("expectations").size() == consim::expectation_type_names().size());
}
