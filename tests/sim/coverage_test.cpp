// Coverage of a run (sim/coverage.h): abstract states are coded one to one,
// the meter files each node's state under the faults in effect, and a real
// run reports the probes it hit and the states it reached, without any of
// it touching the trace.
#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "scenarios/loader.h"
#include "sim/coverage.h"
#include "sim/engine.h"

namespace consim {
namespace {

Scenario scenario(const std::string& text) {
  const LoadResult r = parse_scenario(text, "coverage.json");
  for (const auto& e : r.errors) UNSCOPED_INFO(e);
  REQUIRE(r.ok());
  return *r.scenario;
}

bool reached(const RunCoverage& c, const AbstractState& s) {
  return std::binary_search(c.states.begin(), c.states.end(), s.code());
}

AbstractState state(Role role, uint8_t term_lag, uint8_t commit_lag, bool divergent, uint8_t faults) {
  return AbstractState{static_cast<uint8_t>(role), term_lag, commit_lag, divergent, faults};
}

}  // namespace

TEST_CASE("coverage: every abstract state code decodes to the state that encodes it", "[coverage]") {
  for (uint64_t code = 0; code < kStateCodes; ++code) {
    const auto s = AbstractState::from_code(code);
    REQUIRE(s);
    CHECK(s->code() == code);
  }
  CHECK_FALSE(AbstractState::from_code(kStateCodes));
  const AbstractState s = state(Role::kLeader, 2, 1, true, fault_mask(FaultBit::kPartition) | fault_mask(FaultBit::kDisk));
  CHECK(s.name() == "leader term+2+ commit+1-9 divergent | partition,disk");
  CHECK(state(Role::kFollower, 0, 0, false, 0).name() == "follower term+0 commit+0 agrees | none");
}

TEST_CASE("coverage: the meter files term lag - commit lag and a divergent suffix against the most advanced node",
          "[coverage]") {
  CoverageMeter meter(Protocol::kRaft, 3);
  meter.observe(1, RoleChanged{Role::kLeader, 3});
  meter.observe(1, CommitAdvanced{12});
  meter.observe(2, RoleChanged{Role::kFollower, 1});
  meter.observe(2, EntryAppended{13, 1, 0});  // past its commit index (0), of term 1 < 3
  meter.set_faults(fault_mask(FaultBit::kPartition));
  meter.hit(Probe::kRaftConflictTruncated);
  meter.down(3);
  const RunCoverage c = meter.result();
  CHECK(reached(c, state(Role::kLeader, 0, 0, false, 0)));
  CHECK(reached(c, state(Role::kFollower, 2, 2, false, 0)));  // before its entry
  CHECK(reached(c, state(Role::kFollower, 2, 2, true, 0)));
  CHECK(reached(c, state(Role::kFollower, 2, 2, true, fault_mask(FaultBit::kPartition))));
  CHECK(reached(c, state(Role::kLeader, 0, 0, false, fault_mask(FaultBit::kPartition))));
  const uint8_t crashed = fault_mask(FaultBit::kPartition) | fault_mask(FaultBit::kCrash);
  CHECK(reached(c, AbstractState{AbstractState::kDownRole, 0, 0, false, crashed}));
  CHECK(c.probes[static_cast<size_t>(Probe::kRaftConflictTruncated)] == 1);
  CHECK(std::is_sorted(c.states.begin(), c.states.end()));
}

TEST_CASE("coverage: ballots lag in rounds - not in packed ballot numbers", "[coverage]") {
  CoverageMeter meter(Protocol::kMultiPaxos, 2);
  meter.observe(1, RoleChanged{Role::kLeader, 3 * 256 + 1});
  meter.observe(2, RoleChanged{Role::kFollower, 2 * 256 + 2});
  CHECK(reached(meter.result(), state(Role::kFollower, 1, 0, false, 0)));
}

TEST_CASE("coverage: a run reports its probes and its states under the faults it had - and its hash is its own",
          "[coverage][engine]") {
  const Scenario s = scenario(R"({"name": "c", "protocol": "raft", "nodes": 3, "seed": 7, "duration_ms": 6000,
      "workload": {"clients": 2},
      "faults": [{"at_ms": 1500, "type": "isolate", "node": "leader"},
                 {"at_ms": 3000, "type": "heal"},
                 {"at_ms": 3500, "type": "pause", "node": 2, "duration_ms": 400}]})");
  const Summary first = run_scenario(s, {});
  const Summary again = run_scenario(s, {});
  CHECK(first.trace_hash == again.trace_hash);
  CHECK(first.coverage.states == again.coverage.states);
  CHECK(first.coverage.probes == again.coverage.probes);
  const RunCoverage& c = first.coverage;
  CHECK(c.probes[static_cast<size_t>(Probe::kRaftRedirected)] > 0);
  CHECK(c.probes[static_cast<size_t>(Probe::kRaftLeaderSteppedDown)] > 0);  // the isolated leader, on heal
  const auto under = [&](FaultBit bit) {
    return std::any_of(c.states.begin(), c.states.end(),
                       [&](uint16_t code) { return (AbstractState::from_code(code)->faults & fault_mask(bit)) != 0; });
  };
  CHECK(under(FaultBit::kPartition));
  CHECK(under(FaultBit::kPause));
  CHECK_FALSE(under(FaultBit::kCrash));
  CHECK_FALSE(under(FaultBit::kDisk));
}

}  // namespace consim
