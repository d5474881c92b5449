// parse_scenario, load_scenario_file and scenario_to_json (scenarios/README.md).
#include "scenarios/loader.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include <catch2/catch.hpp>

#include "scenarios/json_reader.h"
#include "scenarios/scenario_fields.h"

namespace consim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSourceDir(CONSIM_SOURCE_DIR);

Scenario parse_ok(const std::string& text) {
  LoadResult r = parse_scenario(text, "t.json");
  INFO(text);
  for (const auto& e : r.errors) UNSCOPED_INFO(e);
  REQUIRE(r.ok());
  return *r.scenario;
}

std::vector<std::string> parse_errors(const std::string& text) {
  LoadResult r = parse_scenario(text, "t.json");
  CHECK_FALSE(r.scenario.has_value());
  return r.errors;
}

// A raft scenario with only the required fields, plus `extra` top-level fields.
std::string minimal(const std::string& extra = "", const std::string& protocol = "raft") {
  return R"({"name": "t", "protocol": ")" + protocol + R"(", "nodes": 5, "duration_ms": 1000)" +
         (extra.empty() ? "" : ", " + extra) + "}";
}

bool same_config(const ProtocolConfig& a, const ProtocolConfig& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<RaftConfig>(&a)) {
    const auto& y = std::get<RaftConfig>(b);
    return x->election_timeout == y.election_timeout && x->heartbeat == y.heartbeat && x->pre_vote == y.pre_vote &&
           x->check_quorum == y.check_quorum && x->snapshot_threshold == y.snapshot_threshold &&
           x->max_entries_per_message == y.max_entries_per_message;
  }
  if (const auto* x = std::get_if<MultiPaxosConfig>(&a)) {
    const auto& y = std::get<MultiPaxosConfig>(b);
    return x->leader_timeout == y.leader_timeout && x->heartbeat == y.heartbeat &&
           x->snapshot_threshold == y.snapshot_threshold && x->max_entries_per_message == y.max_entries_per_message;
  }
  return std::get<BasicPaxosConfig>(a).retry_backoff == std::get<BasicPaxosConfig>(b).retry_backoff;
}

// Every field but source_path (where the scenario came from, not what it says).
void check_same(const Scenario& a, const Scenario& b) {
  CHECK(a.name == b.name);
  CHECK(a.description == b.description);
  CHECK(a.protocol == b.protocol);
  CHECK(a.nodes == b.nodes);
  CHECK(a.seed == b.seed);
  CHECK(a.duration == b.duration);
  CHECK(same_config(a.config, b.config));
  CHECK(a.network == b.network);
  CHECK(a.storage == b.storage);
  CHECK(a.workload == b.workload);
  CHECK(a.faults == b.faults);
  CHECK(a.expect == b.expect);
  CHECK(a.bugs == b.bugs);
}

void check_round_trip(const Scenario& s) {
  const std::string text = scenario_to_json(s).dump(2);
  INFO(text);
  const Scenario back = parse_ok(text);
  check_same(s, back);
  CHECK(scenario_to_json(back) == scenario_to_json(s));
}

NodeRef id(NodeId n) { return NodeRef{NodeRef::Kind::kId, n}; }
NodeRef sel(NodeRef::Kind k) { return NodeRef{k, 0}; }

}  // namespace

TEST_CASE("a file with only the required fields gets every default", "[loader]") {
  const Scenario s = parse_ok(minimal());
  CHECK(s.name == "t");
  CHECK(s.description.empty());
  CHECK(s.protocol == Protocol::kRaft);
  CHECK(s.nodes == 5);
  CHECK(s.seed == 1);
  CHECK(s.duration == Duration::ms(1000));
  CHECK(same_config(s.config, RaftConfig{}));
  CHECK(s.network == NetworkConditions{});
  CHECK(s.network.delay == DurationRange{Duration::ms(1), Duration::ms(10)});
  CHECK(s.storage == StorageConfig{});
  CHECK(s.storage.lose_unsynced);
  CHECK_FALSE(s.workload.has_value());
  CHECK(s.faults.empty());
  CHECK(s.expect.empty());
  CHECK(s.bugs.empty());
  CHECK(s.source_path.empty());
}

TEST_CASE("config defaults follow the protocol - and a key overrides only itself", "[loader]") {
  CHECK(same_config(parse_ok(minimal("", "basic-paxos")).config, BasicPaxosConfig{}));
  CHECK(same_config(parse_ok(minimal("", "multi-paxos")).config, MultiPaxosConfig{}));

  const Scenario s = parse_ok(minimal(R"("config": {"heartbeat_ms": 20, "pre_vote": true})"));
  RaftConfig expected;
  expected.heartbeat = Duration::ms(20);
  expected.pre_vote = true;
  CHECK(same_config(s.config, expected));
}

TEST_CASE("workload: defaults - stop_ms defaults to duration_ms - ops left out weigh 0", "[loader]") {
  const Scenario empty = parse_ok(minimal(R"("workload": {})"));
  REQUIRE(empty.workload.has_value());
  Workload expected;
  expected.stop = Time::zero() + Duration::ms(1000);
  CHECK(*empty.workload == expected);
  CHECK(empty.workload->ops == OpWeights{1, 1, 1});
  CHECK_FALSE(empty.workload->max_requests.has_value());

  const Scenario puts = parse_ok(minimal(R"("workload": {"ops": {"put": 2}, "max_requests": 7, "stop_ms": 400})"));
  CHECK(puts.workload->ops == OpWeights{2, 0, 0});
  CHECK(puts.workload->max_requests == 7u);
  CHECK(puts.workload->stop == Time::from_us(400'000));
}

TEST_CASE("a number is the range (n - n) and decimal times keep microseconds", "[loader]") {
  const Scenario s = parse_ok(
      R"({"name": "t", "protocol": "raft", "nodes": 3, "duration_ms": 20000.5,
          "network": {"delay_ms": 3}, "config": {"election_timeout_ms": [150.001, 300.5]},
          "faults": [{"at_ms": 0.0004, "type": "heal"}, {"at_ms": 1.0015, "type": "heal"}]})");
  CHECK(s.duration == Duration::us(20'000'500));
  CHECK(s.network.delay == DurationRange{Duration::ms(3), Duration::ms(3)});
  CHECK(std::get<RaftConfig>(s.config).election_timeout == DurationRange{Duration::us(150'001), Duration::us(300'500)});
  // Below the microsecond, times round to the nearest one.
  CHECK(s.faults[0].at == Time::zero());
  CHECK(s.faults[1].at == Time::from_us(1002));
}

TEST_CASE("nodes are fixed ids or selectors - and restart also takes all", "[loader]") {
  const Scenario s = parse_ok(minimal(R"("faults": [
      {"at_ms": 1, "type": "crash", "node": 5},
      {"at_ms": 2, "type": "isolate", "node": "leader"},
      {"at_ms": 3, "type": "pause", "node": "random", "duration_ms": 10},
      {"at_ms": 4, "type": "clock", "node": "random-follower", "rate": 2},
      {"at_ms": 5, "type": "restart", "node": "all"},
      {"at_ms": 6, "type": "cut", "from": "random", "to": "random"},
      {"at_ms": 7, "type": "partition", "groups": [["leader", 1], "rest"]}])"));
  REQUIRE(s.faults.size() == 7);
  CHECK(std::get<CrashFault>(s.faults[0].action).node == id(5));
  CHECK(std::get<IsolateFault>(s.faults[1].action).node == sel(NodeRef::Kind::kLeader));
  CHECK(std::get<PauseFault>(s.faults[2].action).node == sel(NodeRef::Kind::kRandom));
  CHECK(std::get<PauseFault>(s.faults[2].action).duration == Duration::ms(10));
  CHECK(std::get<ClockFault>(s.faults[3].action).node == sel(NodeRef::Kind::kRandomFollower));
  CHECK(std::get<ClockFault>(s.faults[3].action).rate == 2.0);
  CHECK(std::get<RestartFault>(s.faults[4].action).node == sel(NodeRef::Kind::kAll));
  // Two "random" picks in one fault are distinct nodes by the spec: allowed.
  const auto& cut = std::get<CutFault>(s.faults[5].action);
  CHECK(cut.from == sel(NodeRef::Kind::kRandom));
  CHECK(cut.both);
  const auto& partition = std::get<PartitionFault>(s.faults[6].action);
  REQUIRE(partition.groups.size() == 2);
  CHECK(partition.groups[0] == PartitionGroup{false, {sel(NodeRef::Kind::kLeader), id(1)}});
  CHECK(partition.groups[1] == PartitionGroup{true, {}});
}

TEST_CASE("faults run in time order - equal times in file order", "[loader]") {
  const Scenario s = parse_ok(minimal(R"("faults": [
      {"at_ms": 300, "type": "crash", "node": 1},
      {"at_ms": 100, "type": "crash", "node": 2},
      {"at_ms": 300, "type": "crash", "node": 3},
      {"at_ms": 100, "type": "heal"},
      {"at_ms": 0, "type": "crash", "node": 4}])"));
  std::vector<std::pair<int64_t, std::string>> order;
  for (const Fault& f : s.faults) {
    const auto* crash = std::get_if<CrashFault>(&f.action);
    order.emplace_back(f.at.us() / 1000, crash ? std::to_string(crash->node.id) : "heal");
  }
  const std::vector<std::pair<int64_t, std::string>> expected{
      {0, "4"}, {100, "2"}, {100, "heal"}, {300, "1"}, {300, "3"}};
  CHECK(order == expected);
}

TEST_CASE("seed takes every unsigned 64-bit value and nothing else", "[loader]") {
  CHECK(parse_ok(minimal(R"("seed": 0)")).seed == 0);
  CHECK(parse_ok(minimal(R"("seed": 18446744073709551615)")).seed == 18446744073709551615u);
  CHECK(parse_ok(minimal(R"("seed": 42.0)")).seed == 42);
  for (const char* bad : {"-1", "1.5", "18446744073709551616", "\"7\"", "null", "1e300"}) {
    INFO(bad);
    const auto errors = parse_errors(minimal(std::string(R"("seed": )") + bad));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].starts_with("t.json: /seed: expected an integer 0..18446744073709551615 (got "));
  }
}

TEST_CASE("expectations read into their types", "[loader]") {
  const Scenario s = parse_ok(minimal(R"("workload": {}, "expect": [
      {"type": "leader_at", "at_ms": 500},
      {"type": "no_leader_at", "at_ms": 0},
      {"type": "commits", "from_ms": 100, "to_ms": 200, "max": 3},
      {"type": "client_ok", "min": 2, "from_ms": 10},
      {"type": "converged", "by_ms": 1000},
      {"type": "elections", "from_ms": 0, "to_ms": 0, "max": 0},
      {"type": "messages", "from_ms": 1, "to_ms": 2, "max": 9},
      {"type": "log_size", "max": 100},
      {"type": "violates", "invariant": "log_matching"}])"));
  REQUIRE(s.expect.size() == 9);
  CHECK(std::get<LeaderAtExpect>(s.expect[0]).at == Time::from_us(500'000));
  CHECK(std::get<CommitsExpect>(s.expect[2]) ==
        CommitsExpect{Time::from_us(100'000), Time::from_us(200'000), std::nullopt, 3});
  CHECK(std::get<ClientOkExpect>(s.expect[3]) == ClientOkExpect{2, Time::from_us(10'000), std::nullopt});
  CHECK(std::get<ViolatesExpect>(s.expect[8]).invariant == Invariant::kLogMatching);

  const Scenario paxos = parse_ok(minimal(R"("expect": [{"type": "decided", "by_ms": 900}])", "basic-paxos"));
  CHECK(std::get<DecidedExpect>(paxos.expect[0]).by == Time::from_us(900'000));
}

TEST_CASE("bugs apply by name prefix: paxos bugs to both Paxos protocols - multipaxos bugs to multi-paxos", "[loader]") {
  CHECK(parse_ok(minimal(R"("bugs": ["raft.local-read", "raft.volatile-vote"])")).bugs ==
        std::vector<Bug>{Bug::kRaftLocalRead, Bug::kRaftVolatileVote});
  CHECK(parse_ok(minimal(R"("bugs": ["paxos.minority-accept"])", "basic-paxos")).bugs ==
        std::vector<Bug>{Bug::kPaxosMinorityAccept});
  CHECK(parse_ok(minimal(R"("bugs": ["paxos.minority-accept", "multipaxos.local-read"])", "multi-paxos")).bugs ==
        std::vector<Bug>{Bug::kPaxosMinorityAccept, Bug::kMultiPaxosLocalRead});
  CHECK(parse_errors(minimal(R"("bugs": ["paxos.minority-accept"])")).size() == 1);
  CHECK(parse_errors(minimal(R"("bugs": ["multipaxos.local-read"])", "basic-paxos")).size() == 1);
}

TEST_CASE("every problem is reported - each with file - path and what was expected", "[loader]") {
  const auto errors = parse_errors(R"({"name": 5, "protocol": "raft", "nodes": 3, "duration_ms": 100,
      "network": {"drop": 2, "delay": 1},
      "faults": [{"at_ms": 1, "type": "crash", "node": 4}, {"at_ms": 1, "type": "crash", "node": 0}]})");
  const std::vector<std::string> expected{
      R"(t.json: /name: expected a non-empty string of at most 200 characters (got 5))",
      R"(t.json: /network/delay: unknown field "delay" (did you mean "delay_ms"?))",
      R"(t.json: /network/drop: expected a probability 0..1 (got 2))",
      R"(t.json: /faults/0/node: expected a node id 1..3 or "leader", "random" or "random-follower" (got 4))",
      R"(t.json: /faults/1/node: expected a node id 1..3 or "leader", "random" or "random-follower" (got 0))",
  };
  CHECK(errors == expected);
}

TEST_CASE("a key repeated in one object is an error - and the rest is still checked", "[loader]") {
  const auto errors = parse_errors(R"({"name": "t", "protocol": "raft", "nodes": 3, "nodes": 0, "duration_ms": 10,
      "faults": [{"at_ms": 1, "type": "heal", "type": "heal"}]})");
  const std::vector<std::string> expected{
      "t.json: /nodes: field appears twice in one object (the JSON would keep only the last)",
      "t.json: /faults/0/type: field appears twice in one object (the JSON would keep only the last)",
      "t.json: /nodes: expected an integer 1..64 (got 0)",
  };
  CHECK(errors == expected);
}

TEST_CASE("a problem in one field does not cascade into others", "[loader]") {
  // Without a valid protocol the config keys cannot be checked; without a
  // valid node count, ids are checked against the largest cluster.
  const auto errors = parse_errors(R"({"name": "t", "protocol": "zab", "nodes": 100, "duration_ms": 100,
      "config": {"anything": 1}, "faults": [{"at_ms": 1, "type": "crash", "node": 60}],
      "bugs": ["raft.local-read"], "expect": [{"type": "decided", "by_ms": 5}]})");
  CHECK(errors.size() == 2);
}

TEST_CASE("syntax errors give line and column", "[loader]") {
  CHECK(parse_errors("{\n  \"name\": \"x\",\n  \"nodes\": 3,\n}") ==
        std::vector<std::string>{"t.json:4:1: invalid JSON: syntax error while parsing object key - unexpected '}'; "
                                 "expected string literal"});
  const auto eof = parse_errors("{\"name\": \"x\"");
  REQUIRE(eof.size() == 1);
  CHECK(eof[0].starts_with("t.json:1:13: invalid JSON: "));
  const auto garbage = parse_errors("{}\n\n  x");
  REQUIRE(garbage.size() == 1);
  CHECK(garbage[0].starts_with("t.json:3:3: invalid JSON: "));

  CHECK(text_position("ab\ncd", 0).line == 1);
  CHECK(text_position("ab\ncd", 4).line == 2);
  CHECK(text_position("ab\ncd", 4).column == 2);
  CHECK(text_position("ab\ncd", 99).column == 3);
}

TEST_CASE("odd documents are errors - never crashes", "[loader]") {
  // Deep nesting, huge strings and numbers, every JSON type at the top level.
  CHECK(parse_errors(std::string(100000, '[') + std::string(100000, ']')).size() == 1);
  CHECK(parse_ok(minimal(R"("description": ")" + std::string(1 << 20, 'x') + "\"")).description.size() == 1 << 20);
  for (const char* doc : {"null", "true", "3", "\"s\"", "[]", "{}", "1e999", "-", "{\"a\":}"}) {
    INFO(doc);
    CHECK_FALSE(parse_errors(doc).empty());
  }
}

TEST_CASE("any value of any type in any place gives errors - never an exception", "[loader]") {
  // Mutation sweep: every value in a file that sets every field, replaced
  // in turn by each odd value. The loader must answer, and every error must
  // name the file.
  std::ifstream in(kSourceDir / "tests/scenarios/good/raft-every-field.json");
  const json doc = json::parse(in);
  const json flat = doc.flatten();
  const std::vector<json> odd{nullptr, true, -1, 0, 0.5, 1e300, 18446744073709551615u, "x", "leader",
                              json::array(), json::array({1, 2}), json::object()};
  size_t parsed = 0;
  for (const auto& [pointer, _] : flat.items()) {
    // Each leaf, and each container above it.
    json::json_pointer p(pointer);
    while (!p.empty()) {
      for (const json& value : odd) {
        json mutated = doc;
        mutated[p] = value;
        LoadResult r;
        REQUIRE_NOTHROW(r = parse_scenario(mutated.dump(), "m.json"));
        CHECK(r.ok() == r.errors.empty());
        for (const auto& e : r.errors) CHECK(e.starts_with("m.json: /"));
        ++parsed;
      }
      p = p.parent_pointer();
    }
  }
  CHECK(parsed > 1000);
}

TEST_CASE("load_scenario_file: missing file - directory - empty file", "[loader]") {
  const fs::path dir = fs::temp_directory_path() / ("consim-loader-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string missing = (dir / "missing.json").string();
  const std::string empty = (dir / "empty.json").string();
  std::ofstream(empty).close();

  CHECK(load_scenario_file(missing).errors == std::vector<std::string>{missing + ": cannot read: no such file"});
  CHECK(load_scenario_file(dir.string()).errors ==
        std::vector<std::string>{dir.string() + ": is a directory, not a scenario file"});
  CHECK(load_scenario_file(empty).errors ==
        std::vector<std::string>{empty + ": the file is empty (expected a JSON object)"});

  const std::string good = (kSourceDir / "tests/scenarios/good/minimal.json").string();
  const LoadResult ok = load_scenario_file(good);
  REQUIRE(ok.ok());
  CHECK(ok.scenario->source_path == good);
  fs::remove_all(dir);
}

TEST_CASE("scenario_to_json round-trips every good file", "[loader][round-trip]") {
  for (const auto& entry : fs::directory_iterator(kSourceDir / "tests/scenarios/good")) {
    INFO(entry.path());
    const LoadResult r = load_scenario_file(entry.path().string());
    REQUIRE(r.ok());
    check_round_trip(*r.scenario);
  }
}

TEST_CASE("scenario_to_json round-trips every field - microseconds and bounds included", "[loader][round-trip]") {
  Scenario s;
  s.name = "built";
  s.description = "made in code";
  s.protocol = Protocol::kMultiPaxos;
  s.nodes = 64;
  s.seed = 18446744073709551615u;
  s.duration = Duration::ms(86'400'000);  // the largest accepted: 24 h
  MultiPaxosConfig config;
  config.leader_timeout = {Duration::us(1), Duration::us(999'999'999'999)};
  config.heartbeat = Duration::us(12'345);
  config.snapshot_threshold = 77;
  config.max_entries_per_message = 3;
  s.config = config;
  s.network = {{Duration::zero(), Duration::us(1)}, 0.1, 1.0 / 3.0};
  s.storage = {{Duration::us(7), Duration::us(9)}, false};
  Workload w;
  w.clients = 1000;
  w.start = Time::from_us(1);
  w.stop = Time::from_us(2);
  w.think = {Duration::us(3), Duration::us(3)};
  w.keys = 1;
  w.ops = {0.1, 0, 2.5};
  w.timeout = Duration::us(999);
  w.max_requests = 1;
  s.workload = w;
  s.faults = {
      {Time::zero(), PartitionFault{{{false, {id(1), sel(NodeRef::Kind::kLeader)}}, {true, {}}, {false, {id(64)}}}}},
      {Time::from_us(1), IsolateFault{sel(NodeRef::Kind::kRandomFollower)}},
      {Time::from_us(2), CutFault{id(1), sel(NodeRef::Kind::kRandom), false}},
      {Time::from_us(3), HealFault{}},
      {Time::from_us(4), CrashFault{sel(NodeRef::Kind::kLeader)}},
      {Time::from_us(5), RestartFault{sel(NodeRef::Kind::kAll)}},
      {Time::from_us(6), PauseFault{id(2), Duration::us(1)}},
      {Time::from_us(7),
       NetworkFault{DurationRange{Duration::us(10), Duration::us(20)}, std::nullopt, 0.25, id(3), id(4)}},
      {Time::from_us(8), NetworkFault{std::nullopt, 0.0, std::nullopt, std::nullopt, std::nullopt}},
      {Time::from_us(9), DiskFault{sel(NodeRef::Kind::kAll), DurationRange{Duration::us(5), Duration::us(5)}}},
      {Time::from_us(10), DiskFault{id(2), DurationRange{Duration::zero(), Duration::us(300)}}},
      {Time::from_us(11), HoldFault{id(1), sel(NodeRef::Kind::kLeader), "P2a",
                                    DurationRange{Duration::us(1), Duration::us(2)}, 0.5, 3, Duration::us(4)}},
      {Time::from_us(12), HoldFault{std::nullopt, std::nullopt, "", DurationRange{Duration::us(9), Duration::us(9)},
                                    1.0, 1, std::nullopt}},
      {Time::from_us(999'999'999'999), ClockFault{id(5), 0.001}},
  };
  s.expect = {
      LeaderAtExpect{Time::from_us(1)},
      NoLeaderAtExpect{Time::from_us(2)},
      CommitsExpect{Time::from_us(3), Time::from_us(4), 5, std::nullopt},
      ClientOkExpect{6, std::nullopt, Time::from_us(7)},
      ConvergedExpect{Time::from_us(86'400'000'000)},
      ElectionsExpect{Time::zero(), Time::zero(), 0},
      MessagesExpect{Time::from_us(1), Time::from_us(86'400'000'000), 1'000'000'000'000},
      LogSizeExpect{0},
      ViolatesExpect{Invariant::kAgreement},
  };
  s.bugs = {Bug::kMultiPaxosSkipPrepare, Bug::kPaxosAcceptBelowPromise};
  check_round_trip(s);

  // Every fault and expectation type is covered above but `decided`, which
  // needs basic-paxos.
  Scenario paxos;
  paxos.name = "p";
  paxos.protocol = Protocol::kBasicPaxos;
  paxos.config = BasicPaxosConfig{{Duration::zero(), Duration::us(1500)}};
  paxos.expect = {DecidedExpect{Time::from_us(123'456)}};
  check_round_trip(paxos);
}

TEST_CASE("every bundled library scenario validates", "[loader][library]") {
  const fs::path library = kSourceDir / "scenarios/library";
  if (!fs::is_directory(library)) return;
  for (const auto& entry : fs::directory_iterator(library)) {
    if (entry.path().extension() != ".json") continue;
    const LoadResult r = load_scenario_file(entry.path().string());
    INFO(entry.path());
    for (const auto& e : r.errors) UNSCOPED_INFO(e);
    CHECK(r.ok());
  }
}

TEST_CASE("accepted fields: every section has its fields - type names match the model", "[loader]") {
  const auto sections = accepted_sections();
  for (const auto& section : sections) {
    INFO(section);
    CHECK_FALSE(accepted_fields(section).empty());
  }
  CHECK(accepted_fields("no-such-section").empty());
  CHECK(fault_type_names() == std::vector<std::string_view>{"partition", "isolate", "cut", "heal", "crash", "restart",
                                                            "pause", "network", "clock", "disk", "hold"});
  CHECK(expectation_type_names() ==
        std::vector<std::string_view>{"leader_at", "no_leader_at", "commits", "client_ok", "converged", "elections",
                                      "messages", "log_size", "decided", "violates"});
  CHECK(fault_type_name(FaultAction{ClockFault{}}) == "clock");
  CHECK(expectation_type_name(Expectation{ViolatesExpect{}}) == "violates");
}

}  // namespace consim
