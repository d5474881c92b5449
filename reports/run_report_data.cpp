#include "reports/run_report_data.h"

#include <cmath>

#include "reports/summary_json.h"
#include "reports/violation_evidence.h"
#include "sim/checkers/evidence.h"

namespace consim {
namespace {

using nlohmann::ordered_json;

double ms(Time t) { return static_cast<double>(t.us()) / 1000.0; }
// Derived figures (percentiles) rounded to the microsecond, like the summary's.
double ms(double v) { return std::round(v * 1000.0) / 1000.0; }

ordered_json run_identity(const Summary& s) {
  ordered_json bugs = ordered_json::array();
  for (Bug b : s.bugs) bugs.push_back(std::string(bug_name(b)));
  return {{"scenario", s.scenario},
          {"protocol", std::string(protocol_name(s.protocol))},
          {"nodes", s.nodes},
          {"seed", s.seed},
          {"bugs", bugs},
          {"result", run_result_name(run_result(s))},
          {"trace_hash", s.trace_hash},
          {"events", s.events},
          {"sim_time_ms", s.sim_time_ms},
          {"consim_version", s.consim_version},
          {"repro", s.repro}};
}

ordered_json node_spans(const std::vector<NodeSpan>& spans, bool with_label) {
  ordered_json out = ordered_json::array();
  for (const auto& s : spans) {
    ordered_json row = {s.node, ms(s.from), ms(s.to)};
    if (with_label) {
      row.push_back(s.label);
      row.push_back(s.cause);
      row.push_back(s.minority ? 1 : 0);
    }
    out.push_back(std::move(row));
  }
  return out;
}

ordered_json lanes(const RunTimeline& t) {
  ordered_json roles = ordered_json::array();
  for (const auto& r : t.roles) roles.push_back({r.node, ms(r.from), ms(r.to), r.role, r.term});
  ordered_json faults = ordered_json::array();
  for (const auto& f : t.faults) faults.push_back({ms(f.t), f.type, f.detail, f.applied});
  ordered_json elections = ordered_json::array();
  for (const auto& e : t.elections) elections.push_back({ms(e.t), e.node, e.term});
  return {{"roles", roles},
          {"up", node_spans(t.up, false)},
          {"down", node_spans(t.down, false)},
          {"paused", node_spans(t.paused, false)},
          {"cut_off", node_spans(t.cut_off, true)},
          {"faults", faults},
          {"elections", elections}};
}

ordered_json messages(const MessageSampler& m) {
  ordered_json arrows = ordered_json::array();
  for (const auto& a : m.arrows())
    arrows.push_back({a.from, a.to, ms(a.sent), ms(a.ended), a.type, static_cast<int>(a.fate)});
  return {{"sent", m.sent()}, {"stride", m.stride()}, {"types", m.types()}, {"arrows", arrows}};
}

ordered_json series(const BucketSeries& b) {
  ordered_json p50 = ordered_json::array();
  ordered_json p99 = ordered_json::array();
  ordered_json max = ordered_json::array();
  for (const auto& l : b.latency_ms) {
    p50.push_back(ms(l.p50));
    p99.push_back(ms(l.p99));
    max.push_back(ms(l.max));
  }
  return {
      {"bucket_ms", b.width.to_ms()},     {"commits", b.commits}, {"answers_ok", b.answers_ok}, {"drops", b.drops},
      {"sends_by_node", b.sends_by_node}, {"latency_p50", p50},   {"latency_p99", p99},         {"latency_max", max}};
}

// The witness as the summary has it, but each answer quoted (and cut) as in
// the checker's detail, as the diagram's titles show it.
ordered_json witness_json(const std::vector<WitnessOp>& ops) {
  ordered_json out = witness_to_json(ops);
  for (size_t i = 0; i < ops.size(); ++i)
    if (ops[i].complete) out[i]["answer"] = quote_value(ops[i].answer);
  return out;
}

}  // namespace

nlohmann::ordered_json build_run_report_data(std::FILE* trace, const Summary& s) {
  // Evidence first: its windows decide which messages are kept whatever the sampling.
  std::vector<TimeWindow> focus;
  for (const auto& v : s.violations) focus.push_back(evidence_window(v));
  const RunTimeline t = build_run_timeline(trace, s, focus);

  ordered_json j;
  j["run"] = run_identity(s);
  j["end_ms"] = ms(t.end);
  ordered_json lane_data = lanes(t);
  for (auto& [key, value] : lane_data.items()) j[key] = std::move(value);
  ordered_json commit_marks = ordered_json::array();
  for (const auto& c : t.commits) commit_marks.push_back({ms(c.t), c.node, c.index});
  j["commits"] = {{"total", t.commits_total}, {"marks", commit_marks}};
  j["messages"] = messages(t.messages);
  ordered_json points = ordered_json::array();
  for (const auto& p : t.latencies) points.push_back({ms(p.t), ms(p.latency_ms), p.node});
  j["latencies"] = {{"total", t.answers_ok}, {"points", points}};
  j["series"] = series(t.buckets);
  j["violations"] = ordered_json::array();
  for (size_t i = 0; i < s.violations.size(); ++i) {
    const Violation& v = s.violations[i];
    j["violations"].push_back({{"invariant", std::string(invariant_name(v.invariant))},
                               {"time_ms", ms(v.time)},
                               {"nodes", v.nodes},
                               {"detail", v.detail},
                               {"window", {ms(focus[i].from), ms(focus[i].to)}},
                               {"witness", witness_json(v.witness)}});
  }
  j["focus"] = focus.empty() ? ordered_json(nullptr) : ordered_json({ms(focus[0].from), ms(focus[0].to)});
  j["truncated"] = t.truncated;
  return j;
}

}  // namespace consim
