// consim list (alias: consim bugs): every bug of the catalog, every checker,
// every fault and expectation type, each on a line of its own with its meaning.
#include <catch2/catch.hpp>

#include <string>

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
