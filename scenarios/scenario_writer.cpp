// scenario_to_json: a Scenario back to the file format, every field written.
#include "scenarios/loader.h"

namespace consim {
namespace {

using nlohmann::json;

// Whole milliseconds as integers, anything finer as a decimal: a double holds
// every microsecond count below kMaxTimeMs * 1000 exactly enough that
// Time::from_ms rounds it back to the same count.
json ms_json(int64_t us) {
  if (us % 1000 == 0) return us / 1000;
  return static_cast<double>(us) / 1000.0;
}
json to_json(Time t) { return ms_json(t.us()); }
json to_json(Duration d) { return ms_json(d.count_us()); }
json to_json(const DurationRange& r) {
  if (r.min == r.max) return to_json(r.min);
  return json::array({to_json(r.min), to_json(r.max)});
}
json to_json(const NodeRef& n) {
  if (n.kind == NodeRef::Kind::kId) return n.id;
  return std::string(selector_name(n.kind));
}

json config_json(const RaftConfig& c) {
  return {{"election_timeout_ms", to_json(c.election_timeout)},
          {"heartbeat_ms", to_json(c.heartbeat)},
          {"pre_vote", c.pre_vote},
          {"check_quorum", c.check_quorum},
          {"snapshot_threshold", c.snapshot_threshold},
          {"max_entries_per_message", c.max_entries_per_message}};
}
json config_json(const MultiPaxosConfig& c) {
  return {{"leader_timeout_ms", to_json(c.leader_timeout)},
          {"heartbeat_ms", to_json(c.heartbeat)},
          {"snapshot_threshold", c.snapshot_threshold},
          {"max_entries_per_message", c.max_entries_per_message}};
}
json config_json(const BasicPaxosConfig& c) { return {{"retry_backoff_ms", to_json(c.retry_backoff)}}; }

json workload_json(const Workload& w) {
  json out = {{"clients", w.clients},
              {"start_ms", to_json(w.start)},
              {"think_ms", to_json(w.think)},
              {"keys", w.keys},
              {"ops", {{"put", w.ops.put}, {"get", w.ops.get}, {"append", w.ops.append}}},
              {"timeout_ms", to_json(w.timeout)}};
  // never: not filled in (a generated scenario); the file's default is duration_ms.
  if (w.stop != Time::never()) out["stop_ms"] = to_json(w.stop);
  if (w.max_requests) out["max_requests"] = *w.max_requests;
  if (w.ops_per_key) out["ops_per_key"] = *w.ops_per_key;
  if (w.bound) out["bound"] = true;
  if (w.key_skew) out["key_skew"] = *w.key_skew;
  return out;
}

// The fields of each fault type besides `at_ms` and `type`.
void fault_fields(json& out, const PartitionFault& f) {
  json groups = json::array();
  for (const PartitionGroup& g : f.groups) {
    if (g.rest) {
      groups.push_back("rest");
      continue;
    }
    json members = json::array();
    for (const NodeRef& n : g.members) members.push_back(to_json(n));
    groups.push_back(std::move(members));
  }
  out["groups"] = std::move(groups);
}
void fault_fields(json& out, const IsolateFault& f) { out["node"] = to_json(f.node); }
void fault_fields(json& out, const CutFault& f) {
  out["from"] = to_json(f.from);
  out["to"] = to_json(f.to);
  out["both"] = f.both;
}
void fault_fields(json&, const HealFault&) {}
void fault_fields(json& out, const CrashFault& f) {
  out["node"] = to_json(f.node);
  if (f.restart_after) out["restart_after_ms"] = to_json(*f.restart_after);
}
void fault_fields(json& out, const RestartFault& f) { out["node"] = to_json(f.node); }
void fault_fields(json& out, const PauseFault& f) {
  out["node"] = to_json(f.node);
  out["duration_ms"] = to_json(f.duration);
}
void fault_fields(json& out, const NetworkFault& f) {
  if (f.delay) out["delay_ms"] = to_json(*f.delay);
  if (f.drop) out["drop"] = *f.drop;
  if (f.duplicate) out["duplicate"] = *f.duplicate;
  if (f.from) out["from"] = to_json(*f.from);
  if (f.to) out["to"] = to_json(*f.to);
}
void fault_fields(json& out, const ClockFault& f) {
  out["node"] = to_json(f.node);
  out["rate"] = f.rate;
}
void fault_fields(json& out, const DiskFault& f) {
  out["node"] = to_json(f.node);
  out["sync_ms"] = to_json(f.sync);
}

void fault_fields(json& out, const HoldFault& f) {
  if (f.from) out["from"] = to_json(*f.from);
  if (f.to) out["to"] = to_json(*f.to);
  if (!f.message.empty()) out["message"] = std::string(f.message);
  out["delay_ms"] = to_json(f.delay);
  out["probability"] = f.probability;
  out["count"] = f.count;
  if (f.duration) out["duration_ms"] = to_json(*f.duration);
}

json trigger_json(const Trigger& t) {
  json out = {{"event", std::string(trigger_event_name(t.event))}};
  if (t.node) out["node"] = *t.node;
  if (!t.message.empty()) out["message"] = std::string(t.message);
  if (t.new_term) out["new_term"] = true;
  out["after_ms"] = to_json(t.after);
  out["probability"] = t.probability;
  out["times"] = t.times;
  if (t.until) out["until_ms"] = to_json(*t.until);
  return out;
}

// The fields of each expectation type besides `type`.
void expect_fields(json& out, const LeaderAtExpect& e) { out["at_ms"] = to_json(e.at); }
void expect_fields(json& out, const NoLeaderAtExpect& e) { out["at_ms"] = to_json(e.at); }
void expect_fields(json& out, const CommitsExpect& e) {
  out["from_ms"] = to_json(e.from);
  out["to_ms"] = to_json(e.to);
  if (e.min) out["min"] = *e.min;
  if (e.max) out["max"] = *e.max;
}
void expect_fields(json& out, const ClientOkExpect& e) {
  out["min"] = e.min;
  if (e.from) out["from_ms"] = to_json(*e.from);
  if (e.to) out["to_ms"] = to_json(*e.to);
}
void expect_fields(json& out, const ConvergedExpect& e) { out["by_ms"] = to_json(e.by); }
void expect_fields(json& out, const ElectionsExpect& e) {
  out["from_ms"] = to_json(e.from);
  out["to_ms"] = to_json(e.to);
  out["max"] = e.max;
}
void expect_fields(json& out, const MessagesExpect& e) {
  out["from_ms"] = to_json(e.from);
  out["to_ms"] = to_json(e.to);
  out["max"] = e.max;
}
void expect_fields(json& out, const LogSizeExpect& e) { out["max"] = e.max; }
void expect_fields(json& out, const DecidedExpect& e) { out["by_ms"] = to_json(e.by); }
void expect_fields(json& out, const ViolatesExpect& e) { out["invariant"] = std::string(invariant_name(e.invariant)); }

}  // namespace

json scenario_to_json(const Scenario& s) {
  json out = {{"name", s.name}, {"protocol", std::string(protocol_name(s.protocol))}, {"nodes", s.nodes},
              {"seed", s.seed}, {"duration_ms", to_json(s.duration)}};
  if (!s.description.empty()) out["description"] = s.description;
  out["config"] = std::visit([](const auto& c) { return config_json(c); }, s.config);
  out["network"] = {{"delay_ms", to_json(s.network.delay)},
                    {"drop", s.network.drop},
                    {"duplicate", s.network.duplicate}};
  out["storage"] = {{"sync_ms", to_json(s.storage.sync)}, {"lose_unsynced", s.storage.lose_unsynced}};
  if (s.workload) out["workload"] = workload_json(*s.workload);

  json faults = json::array();
  for (const Fault& f : s.faults) {
    json entry = {{"at_ms", to_json(f.at)}, {"type", std::string(fault_type_name(f.action))}};
    if (f.on) entry["on"] = trigger_json(*f.on);
    std::visit([&](const auto& a) { fault_fields(entry, a); }, f.action);
    faults.push_back(std::move(entry));
  }
  out["faults"] = std::move(faults);

  json expect = json::array();
  for (const Expectation& e : s.expect) {
    json entry = {{"type", std::string(expectation_type_name(e))}};
    std::visit([&](const auto& x) { expect_fields(entry, x); }, e);
    expect.push_back(std::move(entry));
  }
  out["expect"] = std::move(expect);

  json bugs = json::array();
  for (Bug b : s.bugs) bugs.push_back(std::string(bug_name(b)));
  out["bugs"] = std::move(bugs);
  return out;
}

}  // namespace consim
