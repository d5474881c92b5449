// Mutations of generated schedules (faults/mutate.h): deterministic, kept to
// the fault phase, undone by the schedule's own recovery, and valid
// scenarios whose correct runs still pass.
#include <catch2/catch.hpp>

#include <algorithm>

#include "faults/generator.h"
#include "scenarios/loader.h"
#include "sim/engine.h"

using namespace consim;

namespace {

GenOptions options(uint64_t seed, std::vector<uint64_t> mutations, Protocol p = Protocol::kRaft) {
  GenOptions o;
  o.protocol = p;
  o.nodes = 5;
  o.seed = seed;
  o.mutations = std::move(mutations);
  return o;
}

Time heal_at(const GenOptions& o) { return at_fraction(o.duration, kGeneratedHealAt); }

// The faults from the heal on: what ends every schedule (but the resets of
// links and disks, which a mutant may add: checked apart).
std::vector<Fault> recovery(const Scenario& s, Time heal) {
  std::vector<Fault> out;
  for (const Fault& f : s.faults) {
    const bool link = std::holds_alternative<NetworkFault>(f.action) && std::get<NetworkFault>(f.action).from;
    if (f.at >= heal && !link && !std::holds_alternative<DiskFault>(f.action)) out.push_back(f);
  }
  return out;
}

}  // namespace

TEST_CASE("mutate: the same mutations give the same scenario - others another", "[generator][mutate]") {
  const auto a = scenario_to_json(generate_scenario(options(7, {11, 12})));
  CHECK(a == scenario_to_json(generate_scenario(options(7, {11, 12}))));
  CHECK(a != scenario_to_json(generate_scenario(options(7, {}))));
  int differ = 0;
  for (uint64_t m = 1; m <= 20; ++m)
    differ += scenario_to_json(generate_scenario(options(7, {m}))) != scenario_to_json(generate_scenario(options(7, {}))) ? 1 : 0;
  CHECK(differ >= 15);  // a mutation that deletes or shifts a fault of an empty phase may change nothing
  CHECK(generate_scenario(options(7, {11, 12})).name == "gen-raft-n5-s7-m11-12");
}

TEST_CASE("mutate: mutants change only the fault phase - the recovery stays and holds end by the heal",
          "[generator][mutate]") {
  for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos})
    for (uint64_t seed = 1; seed <= 30; ++seed) {
      const GenOptions plain = options(seed, {}, p);
      const Scenario base = generate_scenario(plain);
      const Time heal = heal_at(plain);
      std::vector<uint64_t> chain;
      for (uint64_t m = 1; m <= 6; ++m) {
        chain.push_back(seed * 1000 + m);
        const Scenario s = generate_scenario(options(seed, chain, p));
        INFO(s.name);
        CHECK(recovery(s, heal) == recovery(base, heal));
        CHECK(s.expect == base.expect);
        CHECK(std::is_sorted(s.faults.begin(), s.faults.end(), [](const Fault& a, const Fault& b) { return a.at < b.at; }));
        for (const Fault& f : s.faults) {
          if (const auto* hold = std::get_if<HoldFault>(&f.action); hold && !f.on) {
            REQUIRE(hold->duration);
            CHECK(f.at + *hold->duration <= heal);
          }
          // A disk made slow is made quick again at the heal.
          if (std::holds_alternative<DiskFault>(f.action) && f.at < heal)
            CHECK(std::any_of(s.faults.begin(), s.faults.end(), [&](const Fault& g) {
              const auto* reset = std::get_if<DiskFault>(&g.action);
              return g.at == heal && reset && reset->node.kind == NodeRef::Kind::kAll && reset->sync == s.storage.sync;
            }));
          // A link whose conditions a fault changes is calmed at the heal.
          if (const auto* link = std::get_if<NetworkFault>(&f.action); link && link->from && f.at < heal)
            CHECK(std::any_of(s.faults.begin(), s.faults.end(), [&](const Fault& g) {
              const auto* reset = std::get_if<NetworkFault>(&g.action);
              return g.at == heal && reset && reset->from == link->from && reset->to == link->to;
            }));
        }
        const LoadResult back = parse_scenario(scenario_to_json(s).dump(), "mutant.json");
        CHECK(back.ok());
      }
    }
}

TEST_CASE("mutate: correct clusters pass their mutants - the liveness expectations still hold", "[generator][mutate]") {
  for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos})
    for (uint64_t seed = 1; seed <= 12; ++seed) {
      const Scenario s = generate_scenario(options(seed, {seed, seed + 1, seed + 2}, p));
      const Summary r = run_scenario(s, {});
      INFO(s.name);
      CHECK(r.pass);
    }
}
