// sim/compare.h: one scenario on several protocols with the same seeds.
#include <catch2/catch.hpp>

#include <array>

#include "protocols/core/config.h"
#include "scenarios/loader.h"
#include "sim/compare.h"

namespace consim {
namespace {

Scenario leader_crash() {
  LoadResult r = load_scenario_file(std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json");
  REQUIRE(r.ok());
  return *r.scenario;
}

TEST_CASE("compare measures raft latency in round trips and its failover", "[compare]") {
  const Scenario s = leader_crash();
  const std::array protocols{Protocol::kRaft};
  const Comparison c = compare_protocols(s, protocols, 1, 3);
  REQUIRE(c.rows.size() == 1);
  const ProtocolFigures& raft = c.rows[0];
  CHECK(raft.runs == 3);
  CHECK(raft.runs_with_violations == 0);
  CHECK(c.rtt_ms == Approx((s.network.delay.min + s.network.delay.max).to_ms()));
  // Client to leader, leader to a majority and back, leader to client: about two round trips.
  CHECK(raft.write_p50_ms / c.rtt_ms > 1.5);
  CHECK(raft.write_p50_ms / c.rtt_ms < 3.0);
  CHECK(raft.failovers >= 3);  // the scenario crashes the leader
  CHECK(raft.failover_p50_ms > 0);
  CHECK(raft.messages_per_commit > 1.0);
  CHECK(raft.availability > 0.5);
  CHECK(raft.availability < 1.0);
}

TEST_CASE("compare is deterministic", "[compare]") {
  const Scenario s = leader_crash();
  const std::array protocols{Protocol::kRaft};
  const Comparison a = compare_protocols(s, protocols, 4, 4);
  const Comparison b = compare_protocols(s, protocols, 4, 4);
  CHECK(a.rows[0].write_p99_ms == b.rows[0].write_p99_ms);
  CHECK(a.rows[0].messages_sent == b.rows[0].messages_sent);
  CHECK(a.rows[0].failover_p50_ms == b.rows[0].failover_p50_ms);
}

TEST_CASE("config_for carries leader timing between raft and multi-paxos", "[compare]") {
  RaftConfig r;
  r.election_timeout = {Duration::ms(500), Duration::ms(900)};
  r.heartbeat = Duration::ms(70);
  r.snapshot_threshold = 33;
  const auto m = std::get<MultiPaxosConfig>(config_for(Protocol::kMultiPaxos, r));
  CHECK(m.leader_timeout == r.election_timeout);
  CHECK(m.heartbeat == r.heartbeat);
  CHECK(m.snapshot_threshold == 33);
  const auto back = std::get<RaftConfig>(config_for(Protocol::kRaft, m));
  CHECK(back.election_timeout == r.election_timeout);
  CHECK(std::holds_alternative<BasicPaxosConfig>(config_for(Protocol::kBasicPaxos, r)));
  CHECK(std::get<RaftConfig>(config_for(Protocol::kRaft, r)).pre_vote == r.pre_vote);
}

}  // namespace
}  // namespace consim
