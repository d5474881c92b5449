// The random scenario generator: valid, deterministic, and every schedule
// ends in a heal, a restart of every node and a quiet period.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "faults/generator.h"
#include "scenarios/loader.h"
#include "sim/engine.h"

using namespace consim;

namespace {

GenOptions options(uint64_t seed, int nodes = 5, Protocol p = Protocol::kRaft) {
  GenOptions o;
  o.protocol = p;
  o.nodes = nodes;
  o.seed = seed;
  return o;
}

}  // namespace

TEST_CASE("generator: same seed gives the same scenario - another seed another", "[generator]") {
  const auto a = scenario_to_json(generate_scenario(options(42)));
  const auto b = scenario_to_json(generate_scenario(options(42)));
  const auto c = scenario_to_json(generate_scenario(options(43)));
  CHECK(a == b);
  CHECK(a != c);
}

TEST_CASE("generator: every generated scenario passes the validator and round-trips", "[generator]") {
  for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos})
    for (int nodes : {1, 2, 3, 5, 7})
      for (uint64_t seed = 1; seed <= 40; ++seed) {
        const Scenario s = generate_scenario(options(seed, nodes, p));
        const std::string text = scenario_to_json(s).dump();
        const LoadResult back = parse_scenario(text, "generated.json");
        INFO("protocol " << protocol_name(p) << " nodes " << nodes << " seed " << seed);
        for (const auto& e : back.errors) INFO(e);
        REQUIRE(back.ok());
        CHECK(scenario_to_json(*back.scenario) == scenario_to_json(s));
      }
}

TEST_CASE("generator: the schedule ends with heal - restart all - calm network and true clocks", "[generator]") {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    const Scenario s = generate_scenario(options(seed));
    REQUIRE(!s.faults.empty());
    const Time heal_at = s.faults.back().at;
    bool healed = false, restarted = false, calmed = false;
    int clocks_reset = 0;
    for (const auto& f : s.faults) {
      REQUIRE(f.at <= heal_at);
      if (f.at != heal_at) continue;
      if (std::holds_alternative<HealFault>(f.action)) healed = true;
      if (const auto* r = std::get_if<RestartFault>(&f.action); r && r->node.kind == NodeRef::Kind::kAll)
        restarted = true;
      if (const auto* n = std::get_if<NetworkFault>(&f.action); n && !n->from) calmed = n->drop == 0.0;
      if (const auto* c = std::get_if<ClockFault>(&f.action); c && c->rate == 1.0) ++clocks_reset;
    }
    INFO("seed " << seed);
    CHECK(healed);
    CHECK(restarted);
    CHECK(calmed);
    CHECK(clocks_reset == s.nodes);
    CHECK(heal_at < Time::zero() + s.duration);
    CHECK_FALSE(s.expect.empty());
  }
}

TEST_CASE("generator: swarm profiles differ between seeds", "[generator]") {
  std::set<std::string> descriptions;
  for (uint64_t seed = 1; seed <= 30; ++seed) descriptions.insert(generate_scenario(options(seed)).description);
  CHECK(descriptions.size() > 10);
}

TEST_CASE("generator: --faults restricts the kinds used", "[generator]") {
  std::string error;
  const auto kinds = parse_fault_kinds("crash,pause", error);
  REQUIRE(kinds);
  GenOptions o = options(7);
  o.kinds = *kinds;
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    o.seed = seed;
    const Scenario s = generate_scenario(o);
    const Time heal_at = s.faults.back().at;
    for (const auto& f : s.faults) {
      if (f.at == heal_at) continue;  // the calm-down is always there
      const auto type = fault_type_name(f.action);
      CHECK((type == "crash" || type == "restart" || type == "pause" || type == "heal"));
    }
  }
  CHECK_FALSE(parse_fault_kinds("crash,typo", error));
  CHECK(error.find("typo") != std::string::npos);
}

TEST_CASE("generator: a generated run and its file are the same run", "[generator]") {
  for (uint64_t seed : {3, 17, 99}) {
    const Scenario s = generate_scenario(options(seed));
    const LoadResult back = parse_scenario(scenario_to_json(s).dump(2), "s.json");
    REQUIRE(back.ok());
    CHECK(run_scenario(s, {}).trace_hash == run_scenario(*back.scenario, {}).trace_hash);
  }
}

namespace {

// The faults the main fault phase drew: not a disk's, a hold or a triggered one.
std::vector<Fault> phase_faults(const Scenario& s) {
  std::vector<Fault> out;
  for (const auto& f : s.faults)
    if (!f.on && !std::holds_alternative<DiskFault>(f.action) && !std::holds_alternative<HoldFault>(f.action))
      out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("generator: disks - holds and triggers draw from their own streams - a seed's other faults stay as they were",
          "[generator]") {
  std::vector<FaultKind> without_disk;
  for (FaultKind k : all_fault_kinds())
    if (k != FaultKind::kDisk && k != FaultKind::kHold) without_disk.push_back(k);
  int with_disks = 0, with_triggers = 0, with_holds = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    GenOptions a = options(seed);
    GenOptions b = a;
    b.kinds = without_disk;
    const Scenario sa = generate_scenario(a);
    const Scenario sb = generate_scenario(b);
    INFO("seed " << seed);
    CHECK(phase_faults(sa) == phase_faults(sb));
    for (const auto& f : sb.faults) CHECK_FALSE((std::holds_alternative<DiskFault>(f.action) ||
                                                 std::holds_alternative<HoldFault>(f.action)));
    with_holds += std::any_of(sa.faults.begin(), sa.faults.end(),
                              [](const Fault& f) { return std::holds_alternative<HoldFault>(f.action); });
    CHECK(sb.storage.sync == DurationRange{Duration::zero(), Duration::zero()});
    with_disks += sa.storage.sync.max > Duration::zero() ? 1 : 0;
    for (const auto& f : sa.faults) with_triggers += f.on ? 1 : 0;
  }
  CHECK(with_disks > 30);     // drawn on three seeds in four
  CHECK(with_triggers > 30);  // about one triggered fault a seed
  CHECK((with_holds > 15 && with_holds < 45));  // half the seeds
}

TEST_CASE("generator: every hold ends by the heal - triggered ones are armed only on raft and multi-paxos",
          "[generator]") {
  for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos})
    for (uint64_t seed = 1; seed <= 60; ++seed) {
      const Scenario s = generate_scenario(options(seed, 5, p));
      const Time heal_at = s.faults.back().at;
      for (const auto& f : s.faults) {
        const auto* h = std::get_if<HoldFault>(&f.action);
        if (!h) continue;
        INFO(protocol_name(p) << " seed " << seed);
        REQUIRE(h->duration);
        if (!f.on) CHECK(f.at + *h->duration <= heal_at);
        if (f.on) CHECK(f.on->event == TriggerEvent::kLeader);
        CHECK((p != Protocol::kBasicPaxos || !f.on));
        CHECK(h->delay.min > Duration::zero());
      }
    }
}

TEST_CASE("generator: triggered faults are armed in the fault phase only - so they land before the heal",
          "[generator]") {
  for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos})
    for (uint64_t seed = 1; seed <= 60; ++seed) {
      const Scenario s = generate_scenario(options(seed, 5, p));
      const Time heal_at = s.faults.back().at;
      for (const auto& f : s.faults) {
        if (!f.on) continue;
        INFO(protocol_name(p) << " seed " << seed);
        REQUIRE(f.on->until);
        CHECK(*f.on->until + f.on->after.max < heal_at);
        CHECK(f.at <= *f.on->until);
        // Basic Paxos has no leader and no log: its triggers wait for messages.
        if (p == Protocol::kBasicPaxos) CHECK(f.on->event == TriggerEvent::kSend);
        if (p != Protocol::kRaft) CHECK(f.on->event != TriggerEvent::kAppend);
      }
    }
}

TEST_CASE("generator: Raft and Multi-Paxos seeds sometimes bind one client to each node - Basic Paxos never",
          "[generator]") {
  for (Protocol p : {Protocol::kRaft, Protocol::kMultiPaxos, Protocol::kBasicPaxos}) {
    int bound = 0;
    for (uint64_t seed = 1; seed <= 60; ++seed) {
      const Scenario s = generate_scenario(options(seed, 5, p));
      REQUIRE(s.workload);
      if (!s.workload->bound) continue;
      ++bound;
      CHECK(s.workload->clients == 5);
    }
    INFO(protocol_name(p));
    if (p == Protocol::kBasicPaxos) CHECK(bound == 0);
    else CHECK((bound > 8 && bound < 32));  // three seeds in ten
  }
}

TEST_CASE("generator: hot keys on four seeds in ten - never with keys in turn", "[generator]") {
  int skewed = 0;
  for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos})
    for (uint64_t seed = 1; seed <= 100; ++seed) {
      const Scenario s = generate_scenario(options(seed, 5, p));
      if (!s.workload->key_skew) continue;
      ++skewed;
      INFO("seed " << seed);
      CHECK_FALSE(s.workload->ops_per_key);
      CHECK((*s.workload->key_skew >= 0.8 && *s.workload->key_skew <= 2.0));
    }
  CHECK((skewed > 80 && skewed < 160));
}
