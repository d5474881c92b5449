#include "reports/summary_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/plural.h"
#include "sim/trace.h"

namespace consim {
namespace {

struct Paint {
  bool on;
  std::string operator()(std::string_view code, std::string_view text) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

}  // namespace

std::string_view verdict_word(RunResult r) {
  switch (r) {
    case RunResult::kPass: return "PASS";
    case RunResult::kFail: return "FAIL";
    case RunResult::kUnknown: return "UNKNOWN";
  }
  return "?";
}

std::string_view verdict_colour(RunResult r) {
  switch (r) {
    case RunResult::kPass: return "1;32";
    case RunResult::kFail: return "1;31";
    case RunResult::kUnknown: return "1;33";
  }
  return "1";
}

std::string summary_to_text(const Summary& s, TextStyle style) {
  const Paint paint{style.color};
  std::string out;
  auto line = [&out](std::string_view text) {
    out += text;
    out += '\n';
  };
  const std::string bugs = s.bugs.empty() ? "" : fmt::format(", bugs: {}", fmt::join([&] {
    std::vector<std::string> names;
    for (Bug b : s.bugs) names.emplace_back(bug_name(b));
    return names;
  }(), ","));
  const RunResult result = run_result(s);
  line(fmt::format("{} {} ({}, {} nodes, seed {}{})", paint(verdict_colour(result), verdict_word(result)),
                   s.scenario, protocol_name(s.protocol), s.nodes, s.seed, bugs));

  if (s.stopped_early) line(fmt::format("  {} {}", paint("31", "limit:"), s.stopped_early->describe()));
  if (s.crash)
    line(fmt::format("  {} assertion failed at {} ms (event {}{}), {}: {}", paint("31", "crash:"),
                     format_ms(s.crash->time_ms), s.crash->events,
                     s.crash->node ? fmt::format(", node {}", s.crash->node) : "", s.crash->where, s.crash->what));
  for (const auto& v : s.violations)
    line(fmt::format("  {} {} at {} ms, nodes {}: {}", paint("31", "violation:"), invariant_name(v.invariant),
                     format_ms(v.time.to_ms()), fmt::join(v.nodes, ","), v.detail));
  for (const auto& e : s.expectations)
    if (!style.quiet || !e.ok)
      line(fmt::format("  {} {:<13} {}", e.ok ? paint("32", "ok    ") : paint("31", "FAILED"), expectation_kind_name(e.kind), e.detail));
  if (style.quiet) {
    line(fmt::format("repro: {}", s.repro));
    return out;
  }
  for (const auto& f : s.faults_skipped)
    line(fmt::format("  {} {} at {} ms: {}", paint("33", "skipped"), f.type, format_ms(f.at_ms), f.reason));

  const RunStats& st = s.stats;
  line(fmt::format("  messages  {} sent, {} delivered, {} dropped", st.messages_sent, st.messages_delivered,
                   st.messages_dropped));
  line(fmt::format("  cluster   {} elected, {} committed, {}, {}", counted(st.leaders_elected, "leader", "leaders"),
                   counted(st.entries_committed, "entry", "entries"), counted(st.crashes, "crash", "crashes"),
                   counted(st.restarts, "restart", "restarts")));
  if (st.client_ok + st.client_failed > 0)
    line(fmt::format("  clients   {} ok, {} unanswered, {}; latency p50 {} ms, p99 {} ms, max {} ms",
                     st.client_ok, st.client_failed, counted(st.client_retries, "retry", "retries"),
                     format_ms(st.commit_latency_ms.p50),
                     format_ms(st.commit_latency_ms.p99), format_ms(st.commit_latency_ms.max)));
  if (s.linearizability.verdict == LinVerdict::kUnknown)
    line(fmt::format("  {} linearizability: {}", paint("33", "unknown"), s.linearizability.reason));
  else if (s.linearizability.verdict != LinVerdict::kNotApplicable)
    line(fmt::format("  history   linearizable: {} ({} searched)", s.linearizability.verdict == LinVerdict::kOk ? "yes" : "NO",
                     counted(s.linearizability.states, "state", "states")));
  size_t probes_hit = 0;
  for (const ProbeInfo& info : all_probes())
    if (info.protocol == s.protocol && s.coverage.probes[static_cast<size_t>(info.probe)] > 0) ++probes_hit;
  line(fmt::format("  coverage  {} of {} probes hit, {} reached", probes_hit, probe_count(s.protocol),
                   counted(s.coverage.states.size(), "abstract state", "abstract states")));
  line(fmt::format("  run       {}, {} ms simulated, {:.1f} ms wall", counted(s.events, "event", "events"),
                   format_ms(s.sim_time_ms),
                   s.wall_ms));
  line(fmt::format("  trace     {}", s.trace_hash));
  line(fmt::format("repro: {}", s.repro));
  return out;
}

}  // namespace consim
