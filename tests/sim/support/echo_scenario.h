// Builders for the Scenario structs the engine tests run with the echo node:
// a scenario is written in code, field by field, as the loader would produce
// it.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/scenario.h"
#include "sim/engine.h"
#include "tests/sim/support/echo_node.h"

namespace consim::test {

inline Time ms(double v) { return Time::from_ms(v); }
inline DurationRange fixed_delay(int64_t delay_ms) { return {Duration::ms(delay_ms), Duration::ms(delay_ms)}; }

// A quiet cluster: fixed 50 ms delay, no loss, instant syncs, no clients.
inline Scenario echo_scenario(int nodes, double duration_ms, uint64_t seed = 1) {
  Scenario s;
  s.name = "echo";
  s.protocol = Protocol::kRaft;  // selects the checkers; the echo factory replaces the nodes
  s.nodes = nodes;
  s.seed = seed;
  s.duration = Duration::from_ms(duration_ms);
  s.network.delay = fixed_delay(50);
  return s;
}

inline RunOptions echo_options(uint64_t max_events = 10'000'000) {
  RunOptions o;
  o.check_linearizability = false;  // the echo node is not a key-value store
  o.factory = &make_echo_node;
  o.max_events = max_events;
  return o;
}

inline NodeRef node(NodeId id) { return NodeRef{NodeRef::Kind::kId, id}; }
inline NodeRef selector(NodeRef::Kind kind) { return NodeRef{kind, 0}; }
inline PartitionGroup group(std::vector<NodeRef> members) { return PartitionGroup{false, std::move(members)}; }
inline PartitionGroup rest() { return PartitionGroup{true, {}}; }

inline void add_fault(Scenario& s, double at_ms, FaultAction action) {
  s.faults.push_back(Fault{ms(at_ms), std::move(action)});
}

inline NetworkFault link_change(NodeId from, NodeId to) {
  NetworkFault f;
  f.from = node(from);
  f.to = node(to);
  return f;
}

// Runs `s` with the echo node and returns the engine (for inspection) and
// its summary.
struct EchoRun {
  std::unique_ptr<Engine> engine;
  Summary summary;
};

inline EchoRun run_echo(const Scenario& s, RunOptions options = echo_options()) {
  EchoRun r;
  r.engine = std::make_unique<Engine>(s, std::move(options));
  r.summary = r.engine->run();
  return r;
}

}  // namespace consim::test

// Failed checks print times and durations in milliseconds.
namespace Catch {
template <>
struct StringMaker<consim::Time> {
  static std::string convert(consim::Time t) { return std::to_string(t.to_ms()) + " ms"; }
};
template <>
struct StringMaker<consim::Duration> {
  static std::string convert(consim::Duration d) { return std::to_string(d.to_ms()) + " ms"; }
};
}  // namespace Catch
