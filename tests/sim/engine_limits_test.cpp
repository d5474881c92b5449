// The memory bounds of one run (RunOptions: max_in_flight, max_history_ops,
// max_log_entries) and the interrupt flag, on real Raft clusters built to
// reach each one (STYLE.md 8): the run stops, says which bound and when,
// fails, and stops at the same event every time.
#include <atomic>
#include <string>

#include <catch2/catch.hpp>

#include "scenarios/loader.h"
#include "sim/engine.h"

namespace consim {
namespace {

Scenario scenario(const std::string& text) {
  const LoadResult r = parse_scenario(text, "limits.json");
  for (const auto& e : r.errors) UNSCOPED_INFO(e);
  REQUIRE(r.ok());
  return *r.scenario;
}

std::string stop_text(const Summary& s) { return s.stopped_early ? s.stopped_early->describe() : std::string(); }

// Runs twice: a bound must stop the run at the same event each time.
Summary run_twice(const Scenario& s, const RunOptions& options) {
  const Summary first = run_scenario(s, options);
  const Summary again = run_scenario(s, options);
  CHECK(first.trace_hash == again.trace_hash);
  CHECK(first.events == again.events);
  CHECK(stop_text(first) == stop_text(again));
  return first;
}

}  // namespace

TEST_CASE("limits: messages piling up in flight stop the run at max_in_flight", "[engine][limits]") {
  // A heartbeat every 10 microseconds over links that take 100 s: every
  // heartbeat adds messages that will not arrive within the run.
  const Scenario s = scenario(R"({"name": "flood", "protocol": "raft", "nodes": 5, "duration_ms": 200000,
      "config": {"heartbeat_ms": 0.01, "election_timeout_ms": [1, 2]},
      "network": {"delay_ms": 100000}})");
  RunOptions options;
  options.max_in_flight = 20'000;
  const Summary r = run_twice(s, options);
  CHECK_FALSE(r.pass);
  INFO(stop_text(r));
  CHECK(r.stopped_early->reason == StopReason::kInFlightBound);
  CHECK(stop_text(r).find("events in flight") != std::string::npos);
  CHECK(stop_text(r).find("bound of 20000") != std::string::npos);
  CHECK(r.sim_time_ms < 200000);
  // The check runs every Engine::kLimitCheckEvents events: the overshoot is small.
  CHECK(r.events < 40'000);
}

TEST_CASE("limits: an unlimited workload stops the run at max_history_ops", "[engine][limits]") {
  const Scenario s = scenario(R"({"name": "busy", "protocol": "raft", "nodes": 3, "duration_ms": 86400000,
      "workload": {"clients": 20, "think_ms": 0}})");
  RunOptions options;
  options.max_history_ops = 2'000;
  const Summary r = run_twice(s, options);
  CHECK_FALSE(r.pass);
  INFO(stop_text(r));
  CHECK(r.stopped_early->reason == StopReason::kHistoryBound);
  CHECK(stop_text(r).find("client history reached") != std::string::npos);
  CHECK(stop_text(r).find("over the bound of 2000") != std::string::npos);
  CHECK(stop_text(r).find("workload.max_requests") != std::string::npos);
  CHECK(r.stats.client_ok + r.stats.client_failed < 4'000);
}

TEST_CASE("limits: a log that is never compacted stops the run at max_log_entries", "[engine][limits]") {
  const Scenario s = scenario(R"({"name": "long-log", "protocol": "raft", "nodes": 3, "duration_ms": 86400000,
      "workload": {"clients": 5, "think_ms": 0, "ops": {"put": 1}}})");
  RunOptions options;
  options.max_log_entries = 500;
  const Summary r = run_twice(s, options);
  CHECK_FALSE(r.pass);
  INFO(stop_text(r));
  CHECK(r.stopped_early->reason == StopReason::kLogBound);
  CHECK(stop_text(r).find("log entries in memory, over the bound of 500") != std::string::npos);
  CHECK(stop_text(r).find("snapshot_threshold") != std::string::npos);
}

TEST_CASE("limits: with snapshots the same log stays under max_log_entries", "[engine][limits]") {
  const Scenario s = scenario(R"({"name": "compacted", "protocol": "raft", "nodes": 3, "duration_ms": 8000,
      "config": {"snapshot_threshold": 100},
      "workload": {"clients": 5, "think_ms": 0, "ops": {"put": 1}}})");
  RunOptions options;
  options.max_log_entries = 500;
  const Summary r = run_scenario(s, options);
  INFO(stop_text(r));
  CHECK_FALSE(r.stopped_early);
  CHECK(r.stats.entries_committed > 1'000);
  CHECK(r.pass);
}

TEST_CASE("limits: multi-paxos slots count against max_log_entries", "[engine][limits]") {
  const Scenario s = scenario(R"({"name": "slots", "protocol": "multi-paxos", "nodes": 3, "duration_ms": 86400000,
      "workload": {"clients": 5, "think_ms": 0, "ops": {"put": 1}}})");
  RunOptions options;
  options.max_log_entries = 300;
  const Summary r = run_scenario(s, options);
  INFO(stop_text(r));
  CHECK(stop_text(r).find("log entries in memory") != std::string::npos);
}

TEST_CASE("limits: the default bounds leave the bundled kinds of runs alone", "[engine][limits]") {
  const RunOptions defaults;
  CHECK(defaults.max_events == 200'000'000);
  CHECK(defaults.max_in_flight == 1'000'000);
  CHECK(defaults.max_history_ops == 1'000'000);
  CHECK(defaults.max_log_entries == 1'000'000);
  // A file can ask for at most as many requests as the history may hold.
  CHECK(kMaxRequests <= defaults.max_history_ops);
  const Scenario s = scenario(R"({"name": "ordinary", "protocol": "raft", "nodes": 5, "duration_ms": 5000,
      "network": {"delay_ms": [1, 20], "duplicate": 0.2}, "workload": {"clients": 10}})");
  const Summary r = run_scenario(s, defaults);
  CHECK_FALSE(r.stopped_early);
  CHECK(r.pass);
}

TEST_CASE("limits: an interrupt stops the run at its next check and fails it", "[engine][limits]") {
  const Scenario s = scenario(R"({"name": "stop-me", "protocol": "raft", "nodes": 3, "duration_ms": 60000,
      "workload": {"clients": 3}})");
  std::atomic<bool> interrupt{true};
  RunOptions options;
  options.interrupt = &interrupt;
  const Summary r = run_scenario(s, options);
  CHECK_FALSE(r.pass);
  CHECK(r.events == Engine::kLimitCheckEvents);
  REQUIRE(r.stopped_early);
  CHECK(r.stopped_early->reason == StopReason::kInterrupted);
  CHECK(stop_text(r).ends_with(": interrupted"));

  interrupt = false;
  const Summary whole = run_scenario(s, options);
  CHECK_FALSE(whole.stopped_early);
  CHECK(whole.pass);
}

}  // namespace consim
