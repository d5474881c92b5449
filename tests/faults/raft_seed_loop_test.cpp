// Sweep-level test (STYLE.md 12): many generated Raft runs, every fault kind
// on, every checker on. Correct Raft must show zero violations and meet the
// liveness expectations of every generated schedule.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "faults/generator.h"
#include "sim/engine.h"

using namespace consim;

namespace {

void sweep(int nodes, uint64_t first, uint64_t last) {
  for (uint64_t seed = first; seed <= last; ++seed) {
    GenOptions o;
    o.nodes = nodes;
    o.seed = seed;
    const Summary s = run_scenario(generate_scenario(o), {});
    std::string why;
    for (const auto& v : s.violations) why += fmt::format("{}: {}\n", invariant_name(v.invariant), v.detail);
    for (const auto& e : s.expectations)
      if (!e.ok) why += fmt::format("{}: {}\n", expectation_kind_name(e.kind), e.detail);
    INFO(fmt::format("consim run --protocol raft --nodes {} --seed {}\n{}", nodes, seed, why));
    REQUIRE(s.violations.empty());
    REQUIRE(s.pass);
  }
}

}  // namespace

TEST_CASE("raft seed loop: 5 nodes - seeds 1..150 - all fault kinds: no violation - liveness after heal",
          "[sweep]") {
  sweep(5, 1, 150);
}

TEST_CASE("raft seed loop: 3 nodes - seeds 1..60 - all fault kinds", "[sweep]") { sweep(3, 1, 60); }

TEST_CASE("raft seed loop: 4 and 7 nodes - seeds 1..25 each", "[sweep]") {
  sweep(4, 1, 25);
  sweep(7, 1, 25);
}
