// Targeted faults in scenario files (docs/scenarios.md): triggered faults
// and bounces ("on", "restart_after_ms") and held-back messages ("hold").
// What the loader accepts, what it refuses and how it says so, and the round
// trip through scenario_to_json.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "scenarios/loader.h"

namespace consim {
namespace {

LoadResult parse_faults(const std::string& faults, const std::string& protocol = "raft") {
  return parse_scenario(R"({"name": "t", "protocol": ")" + protocol +
                            R"(", "nodes": 3, "duration_ms": 5000, "faults": [)" + faults + "]}",
                        "t.json");
}

std::string errors_of(const LoadResult& r) {
  std::string all;
  for (const auto& e : r.errors) all += e + "\n";
  return all;
}

}  // namespace

TEST_CASE("loader: a triggered fault reads its event - filters - delay - probability - count and window", "[loader][triggers]") {
  const LoadResult r = parse_faults(R"({"at_ms": 100, "type": "crash", "node": "trigger", "restart_after_ms": 15,
      "on": {"event": "send", "node": 2, "message": "RequestVoteReply", "after_ms": [0, 2], "probability": 0.5,
             "times": 3, "until_ms": 4000}})");
  INFO(errors_of(r));
  REQUIRE(r.ok());
  const Fault& f = r.scenario->faults.at(0);
  REQUIRE(f.on);
  CHECK(f.at == Time::from_ms(100));
  CHECK(f.on->event == TriggerEvent::kSend);
  CHECK(f.on->node == 2);
  CHECK(f.on->message == "RequestVoteReply");
  CHECK(f.on->after == DurationRange{Duration::zero(), Duration::ms(2)});
  CHECK(f.on->probability == 0.5);
  CHECK(f.on->times == 3);
  CHECK(f.on->until == Time::from_ms(4000));
  const auto& crash = std::get<CrashFault>(f.action);
  CHECK(crash.node.kind == NodeRef::Kind::kTrigger);
  CHECK(crash.restart_after == Duration::ms(15));
  // Round trip.
  const LoadResult back = parse_scenario(scenario_to_json(*r.scenario).dump(), "back.json");
  INFO(errors_of(back));
  REQUIRE(back.ok());
  CHECK(back.scenario->faults == r.scenario->faults);
}

TEST_CASE("loader: a trigger's defaults fire once - at once - for any node", "[loader][triggers]") {
  const LoadResult r = parse_faults(R"({"at_ms": 0, "type": "isolate", "node": "trigger", "on": {"event": "leader"}})");
  REQUIRE(r.ok());
  const Trigger& t = *r.scenario->faults.at(0).on;
  CHECK_FALSE(t.node);
  CHECK(t.message.empty());
  CHECK(t.after == DurationRange{Duration::zero(), Duration::zero()});
  CHECK(t.probability == 1.0);
  CHECK(t.times == 1);
  CHECK_FALSE(t.until);
}

TEST_CASE("loader: bad triggers are refused with the path and what was expected", "[loader][triggers]") {
  const LoadResult r = parse_faults(R"(
      {"at_ms": 0, "type": "crash", "node": "trigger", "on": {"event": "sent"}},
      {"at_ms": 0, "type": "crash", "node": "trigger", "on": {"event": "send", "message": "RequestVoteRply"}},
      {"at_ms": 0, "type": "crash", "node": "trigger"},
      {"at_ms": 500, "type": "heal", "on": {"event": "leader", "message": "P1a", "until_ms": 100, "when": 1}},
      {"at_ms": 0, "type": "crash", "node": 1, "on": {"event": "append", "new_term": 1, "times": 0, "node": 4}},
      {"at_ms": 0, "type": "crash", "node": 1, "restart_after_ms": 0})");
  const std::string e = errors_of(r);
  CHECK_FALSE(r.ok());
  CHECK_THAT(e, Catch::Contains("/faults/0/on/event: expected an event: \"leader\", \"send\", \"receive\", \"append\" or "
                                "\"sync\" (got \"sent\") (did you mean \"send\"?)"));
  CHECK_THAT(e, Catch::Contains("/faults/1/on/message: expected a raft message type: \"RequestVote\"") &&
                    Catch::Contains("(did you mean \"RequestVoteReply\"?)"));
  CHECK_THAT(e, Catch::Contains("/faults/2/node: \"trigger\" names the node whose event fired the fault: only in a fault "
                                "with \"on\""));
  CHECK_THAT(e, Catch::Contains("/faults/3/on/message: \"message\" applies only to the events \"send\" and \"receive\""));
  CHECK_THAT(e, Catch::Contains("/faults/3/on/until_ms: expected a time >= the fault's at_ms (500)"));
  CHECK_THAT(e, Catch::Contains("/faults/3/on/when: unknown field \"when\""));
  CHECK_THAT(e, Catch::Contains("/faults/4/on/new_term: expected"));
  CHECK_THAT(e, Catch::Contains("/faults/4/on/times: expected an integer 1..1000000000000 (got 0)"));
  CHECK_THAT(e, Catch::Contains("/faults/4/on/node: expected a node id 1..3"));
  CHECK_THAT(e, Catch::Contains("/faults/5/restart_after_ms: expected"));
}

TEST_CASE("loader: message types are the protocol's own", "[loader][triggers]") {
  CHECK(parse_faults(R"({"at_ms": 0, "type": "heal", "on": {"event": "receive", "message": "P2b"}})", "multi-paxos").ok());
  CHECK(parse_faults(R"({"at_ms": 0, "type": "heal", "on": {"event": "receive", "message": "Promise"}})", "basic-paxos").ok());
  CHECK_FALSE(parse_faults(R"({"at_ms": 0, "type": "heal", "on": {"event": "receive", "message": "P2b"}})").ok());
}

TEST_CASE("loader: an event the protocol never reports is refused", "[loader][triggers]") {
  const LoadResult leader = parse_faults(R"({"at_ms": 0, "type": "heal", "on": {"event": "leader"}})", "basic-paxos");
  CHECK_THAT(errors_of(leader), Catch::Contains("/faults/0/on/event: basic-paxos has no leader"));
  const LoadResult append = parse_faults(R"({"at_ms": 0, "type": "heal", "on": {"event": "append"}})", "multi-paxos");
  CHECK_THAT(errors_of(append), Catch::Contains("/faults/0/on/event: multi-paxos reports no log entries"));
  CHECK(parse_faults(R"({"at_ms": 0, "type": "heal", "on": {"event": "leader"}})", "multi-paxos").ok());
}

TEST_CASE("loader: a hold reads its link - type - delay - probability - count and duration", "[loader][hold]") {
  const LoadResult r = parse_faults(R"({"at_ms": 100, "type": "hold", "from": "leader", "to": 3,
      "message": "AppendEntriesReply", "delay_ms": [200, 900], "probability": 0.25, "count": 7, "duration_ms": 1500})");
  INFO(errors_of(r));
  REQUIRE(r.ok());
  const auto& h = std::get<HoldFault>(r.scenario->faults.at(0).action);
  CHECK(h.from == NodeRef{NodeRef::Kind::kLeader, 0});
  CHECK(h.to == NodeRef{NodeRef::Kind::kId, 3});
  CHECK(h.message == "AppendEntriesReply");
  CHECK(h.delay == DurationRange{Duration::ms(200), Duration::ms(900)});
  CHECK(h.probability == 0.25);
  CHECK(h.count == 7);
  CHECK(h.duration == Duration::ms(1500));
  const LoadResult back = parse_scenario(scenario_to_json(*r.scenario).dump(), "back.json");
  INFO(errors_of(back));
  REQUIRE(back.ok());
  CHECK(back.scenario->faults == r.scenario->faults);
}

TEST_CASE("loader: a hold's defaults hold one message of any type - from anyone to anyone", "[loader][hold]") {
  const LoadResult r = parse_faults(R"({"at_ms": 0, "type": "hold", "delay_ms": 50})");
  REQUIRE(r.ok());
  const auto& h = std::get<HoldFault>(r.scenario->faults.at(0).action);
  CHECK_FALSE(h.from);
  CHECK_FALSE(h.to);
  CHECK(h.message.empty());
  CHECK(h.delay == DurationRange{Duration::ms(50), Duration::ms(50)});
  CHECK(h.probability == 1.0);
  CHECK(h.count == 1);
  CHECK_FALSE(h.duration);
}

TEST_CASE("loader: bad holds are refused with the path and what was expected", "[loader][hold]") {
  const LoadResult r = parse_faults(R"(
      {"at_ms": 0, "type": "hold", "from": 2},
      {"at_ms": 0, "type": "hold", "delay_ms": 0, "message": "AppendEntres"},
      {"at_ms": 0, "type": "hold", "delay_ms": 5, "from": 2, "to": 2, "count": 0, "probability": 2},
      {"at_ms": 0, "type": "hold", "delay_ms": 5, "from": "trigger", "duration_ms": 0, "node": 1})");
  const std::string e = errors_of(r);
  CHECK_FALSE(r.ok());
  CHECK_THAT(e, Catch::Contains("/faults/0/delay_ms: required field is missing"));
  CHECK_THAT(e, Catch::Contains("/faults/1/delay_ms: expected"));
  CHECK_THAT(e, Catch::Contains("/faults/1/message: expected a raft message type") &&
                    Catch::Contains("(did you mean \"AppendEntries\"?)"));
  CHECK_THAT(e, Catch::Contains("/faults/2/to: expected a node other than \"from\""));
  CHECK_THAT(e, Catch::Contains("/faults/2/count: expected an integer 1..1000000000000 (got 0)"));
  CHECK_THAT(e, Catch::Contains("/faults/2/probability: expected"));
  CHECK_THAT(e, Catch::Contains("/faults/3/from: \"trigger\" names the node whose event fired the fault"));
  CHECK_THAT(e, Catch::Contains("/faults/3/duration_ms: expected"));
  CHECK_THAT(e, Catch::Contains("/faults/3/node: unknown field \"node\""));
  CHECK(parse_faults(R"({"at_ms": 0, "type": "hold", "delay_ms": 5, "message": "P2a"})", "multi-paxos").ok());
  CHECK_FALSE(parse_faults(R"({"at_ms": 0, "type": "hold", "delay_ms": 5, "message": "P2a"})").ok());
}

}  // namespace consim
