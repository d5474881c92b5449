#include "reports/summary_json.h"

#include <cmath>
#include <utility>

namespace consim {
namespace {

// Milliseconds rounded to the microsecond, the resolution of simulated time.
double ms(double v) { return std::round(v * 1000.0) / 1000.0; }

nlohmann::ordered_json latency(const LatencyStats& l) {
  return {{"p50", ms(l.p50)}, {"p99", ms(l.p99)}, {"max", ms(l.max)}};
}

}  // namespace

nlohmann::ordered_json witness_to_json(const std::vector<WitnessOp>& witness) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& op : witness)
    out.push_back({{"op", op.op},
                   {"client", op.client},
                   {"seq", op.seq},
                   {"invoke_ms", ms(op.invoke.to_ms())},
                   {"complete_ms", op.complete ? nlohmann::ordered_json(ms(op.complete->to_ms())) : nullptr},
                   {"node", op.node},
                   {"answer", op.answer}});
  return out;
}

nlohmann::ordered_json coverage_to_json(const RunCoverage& c) {
  nlohmann::ordered_json probes = nlohmann::ordered_json::object();
  for (const ProbeInfo& info : all_probes())
    if (const uint64_t hits = c.probes[static_cast<size_t>(info.probe)]; hits > 0) probes[std::string(info.name)] = hits;
  return {{"probes", std::move(probes)}, {"states", c.states}};
}

nlohmann::ordered_json summary_to_json(const Summary& s) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["consim_version"] = s.consim_version;
  j["scenario"] = s.scenario;
  j["protocol"] = std::string(protocol_name(s.protocol));
  j["nodes"] = s.nodes;
  j["seed"] = s.seed;
  j["bugs"] = ordered_json::array();
  for (Bug b : s.bugs) j["bugs"].push_back(std::string(bug_name(b)));
  j["result"] = run_result_name(run_result(s));
  j["violations"] = ordered_json::array();
  for (const auto& v : s.violations) {
    ordered_json violation = {{"invariant", std::string(invariant_name(v.invariant))},
                              {"time_ms", ms(v.time.to_ms())},
                              {"nodes", v.nodes},
                              {"detail", v.detail}};
    if (!v.witness.empty()) violation["witness"] = witness_to_json(v.witness);
    j["violations"].push_back(std::move(violation));
  }
  j["expectations"] = ordered_json::array();
  for (const auto& e : s.expectations)
    j["expectations"].push_back({{"type", std::string(expectation_kind_name(e.kind))}, {"ok", e.ok}, {"detail", e.detail}});
  j["faults_skipped"] = ordered_json::array();
  for (const auto& f : s.faults_skipped)
    j["faults_skipped"].push_back({{"at_ms", ms(f.at_ms)}, {"type", f.type}, {"reason", f.reason}});
  if (s.stopped_early) {
    j["stopped_early"] = s.stopped_early->describe();
    j["stop_reason"] = std::string(stop_reason_name(s.stopped_early->reason));
  }
  if (s.crash)
    j["crash"] = {{"what", s.crash->what},
                  {"where", s.crash->where},
                  {"time_ms", ms(s.crash->time_ms)},
                  {"events", s.crash->events},
                  {"node", s.crash->node}};
  j["trace_hash"] = s.trace_hash;
  j["events"] = s.events;
  j["sim_time_ms"] = ms(s.sim_time_ms);
  j["wall_ms"] = std::round(s.wall_ms * 10.0) / 10.0;
  const RunStats& st = s.stats;
  j["stats"] = {{"messages_sent", st.messages_sent},
                {"messages_delivered", st.messages_delivered},
                {"messages_dropped", st.messages_dropped},
                {"leaders_elected", st.leaders_elected},
                {"entries_committed", st.entries_committed},
                {"client_ok", st.client_ok},
                {"client_failed", st.client_failed},
                {"client_retries", st.client_retries},
                {"crashes", st.crashes},
                {"restarts", st.restarts},
                {"commit_latency_ms", latency(st.commit_latency_ms)},
                {"failovers", st.failovers},
                {"failover_ms", latency(st.failover_ms)},
                {"recoveries", st.recoveries},
                {"recovery_ms", latency(st.recovery_ms)}};
  if (st.availability >= 0) j["stats"]["availability"] = std::round(st.availability * 10000.0) / 10000.0;
  j["linearizability"] = {{"verdict", std::string(lin_verdict_name(s.linearizability.verdict))},
                          {"reason", s.linearizability.reason},
                          {"states", s.linearizability.states}};
  j["coverage"] = coverage_to_json(s.coverage);
  j["repro"] = s.repro;
  return j;
}

}  // namespace consim
