#include "reports/run_report_html.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/html_util.h"
#include "reports/report_assets.h"
#include "reports/run_report_data.h"
#include "reports/summary_text.h"
#include "sim/checkers/evidence.h"
#include "sim/plural.h"
#include "sim/trace.h"

namespace consim {
namespace {

// The faults table lists at most this many (the diagram shows them all).
constexpr size_t kMaxFaultRows = 500;

std::string esc(std::string_view s) { return html_escape(s); }
std::string num(uint64_t v) { return fmt::format("{}", v); }
std::string latency(const LatencyStats& l) {
  return fmt::format("p50 {} ms, p99 {} ms, max {} ms", format_ms(l.p50), format_ms(l.p99), format_ms(l.max));
}

// "3 measured &middot; p50 ...", or why there is nothing to measure.
std::string measured(uint64_t count, const LatencyStats& l, std::string_view none) {
  if (count == 0) return fmt::format("none: {}", none);
  return fmt::format("{} measured &middot; {}", count, latency(l));
}

std::string header(const Summary& s) {
  std::vector<std::string> bugs;
  for (Bug b : s.bugs) bugs.emplace_back(bug_name(b));
  const RunResult result = run_result(s);
  std::string out = fmt::format("<header class=\"verdict {}\">\n<h1><span class=\"badge\">{}</span> {}</h1>\n",
                                run_result_name(result), verdict_word(result), esc(s.scenario));
  out += fmt::format(
      "<p class=\"sub\">{} &middot; {} nodes &middot; seed {}{} &middot; {} ms simulated &middot; {} "
      "events &middot; trace {}</p>\n",
      protocol_name(s.protocol), s.nodes, s.seed,
      bugs.empty() ? "" : " &middot; bugs: " + esc(fmt::format("{}", fmt::join(bugs, ", "))), format_ms(s.sim_time_ms),
      s.events, esc(s.trace_hash));
  if (s.stopped_early) out += fmt::format("<p class=\"bad\">Stopped early: {}</p>\n", esc(s.stopped_early->describe()));
  if (s.linearizability.verdict == LinVerdict::kUnknown)
    out += fmt::format("<p class=\"warn\">Linearizability unknown, not a pass: {}</p>\n", esc(s.linearizability.reason));
  if (s.crash)
    out += fmt::format("<p class=\"bad\">Crash: assertion failed at {} ms, {}: {}</p>\n", format_ms(s.crash->time_ms),
                       esc(s.crash->where), esc(s.crash->what));
  out += fmt::format(
      "<div class=\"repro\"><span>reproduce:</span> <code id=\"repro\">{}</code> "
      "<button type=\"button\" data-copy=\"repro\">copy</button></div>\n</header>\n",
      esc(s.repro));
  return out;
}

std::string witness_table(const std::vector<WitnessOp>& witness) {
  if (witness.empty()) return "";
  std::string out = "<table class=\"witness\">\n";
  out += table_row({"operation", "client", "seq", "invoked (ms)", "answered (ms)", "node", "answer"}, "th");
  for (const auto& op : witness) {
    const std::string complete = op.complete ? format_ms(op.complete->to_ms()) : "no answer";
    out += table_row({esc(op.op), fmt::format("{}", op.client), num(op.seq), format_ms(op.invoke.to_ms()), complete,
                      fmt::format("{}", op.node), op.complete ? esc(quote_value(op.answer)) : ""});
  }
  return out + "</table>\n";
}

std::string violations(const Summary& s) {
  if (s.violations.empty()) return "";
  std::string out = "<section id=\"violations\">\n<h2>Violations</h2>\n";
  if (s.pass)
    out +=
        "<p class=\"note\">The scenario expects this checker to fire (a <code>violates</code> "
        "expectation), so the run passes.</p>\n";
  for (size_t i = 0; i < s.violations.size(); ++i) {
    const Violation& v = s.violations[i];
    out += fmt::format(
        "<div class=\"violation\" id=\"violation-{}\">\n<p><b>{}</b> at {} ms, nodes {} "
        "<button type=\"button\" class=\"goto\" data-violation=\"{}\">show in diagram</button></p>\n",
        i, esc(invariant_name(v.invariant)), format_ms(v.time.to_ms()), fmt::join(v.nodes, ","), i);
    const std::string witness = witness_table(v.witness);
    if (witness.empty()) {
      out += fmt::format("<p class=\"detail\">{}</p>\n", esc(v.detail));
    } else {
      // The table is the detail, laid out; the checker's own words stay one click away.
      out += "<p>These operations, shown in the diagram's witness row, have no linearization:</p>\n" + witness;
      out += fmt::format("<details><summary>the checker's detail</summary><p class=\"detail\">{}</p></details>\n",
                         esc(v.detail));
    }
    out += "</div>\n";
  }
  return out + "</section>\n";
}

std::string diagram_section() {
  return R"(<section id="timeline">
<h2>Space-time diagram</h2>
<div class="controls">
<button type="button" id="fit">whole run</button>
<button type="button" id="zoom-in">zoom in</button>
<button type="button" id="zoom-out">zoom out</button>
<button type="button" id="pan-left">&#9664;</button>
<button type="button" id="pan-right">&#9654;</button>
<button type="button" id="goto-violation" hidden>first violation</button>
<label>from <input id="from-ms" type="number" step="any"> ms</label>
<label>to <input id="to-ms" type="number" step="any"> ms</label>
<button type="button" id="apply-window">show</button>
<span id="window-note"></span>
</div>
<div id="diagram" class="diagram" aria-label="space-time diagram"></div>
<div id="overview" class="overview" title="the whole run: drag to choose a window, click to move to a time"></div>
<p id="diagram-note" class="note"></p>
<div id="legend" class="legend"></div>
<p class="note">Scroll to zoom, drag to pan. Hover over an arrow, a mark or a shaded span for its details.</p>
</section>
<section id="charts">
<h2>Commit latency and throughput</h2>
<div id="chart-latency" class="chart"></div>
<div id="chart-throughput" class="chart"></div>
</section>
)";
}

std::string expectations(const Summary& s) {
  std::string out = "<section id=\"expectations\">\n<h2>Expectations</h2>\n";
  if (s.expectations.empty()) return out + "<p class=\"note\">This scenario states no expectations.</p>\n</section>\n";
  out += "<table>\n" + table_row({"", "expectation", "detail"}, "th");
  for (const auto& e : s.expectations)
    out += table_row(
        {e.ok ? "<span class=\"ok\">ok</span>" : "<span class=\"bad\">FAILED</span>", esc(expectation_kind_name(e.kind)), esc(e.detail)});
  return out + "</table>\n</section>\n";
}

std::string statistics(const Summary& s) {
  const RunStats& st = s.stats;
  std::string out = "<section id=\"stats\">\n<h2>Statistics</h2>\n<table class=\"stats\">\n";
  out += table_row({"messages", fmt::format("{} sent, {} delivered, {} dropped", st.messages_sent,
                                            st.messages_delivered, st.messages_dropped)});
  out += table_row({"leaders elected", num(st.leaders_elected)});
  out += table_row({"entries committed", num(st.entries_committed)});
  out += table_row({"clients", fmt::format("{} ok, {} unanswered, {}", st.client_ok, st.client_failed,
                                           counted(st.client_retries, "retry", "retries"))});
  out += table_row({"commit latency", latency(st.commit_latency_ms)});
  out += table_row({"crashes, restarts",
                    fmt::format("{}, {}", counted(st.crashes, "crash", "crashes"), counted(st.restarts, "restart", "restarts"))});
  out += table_row({"failover (leader lost to next commit)",
                    measured(st.failovers, st.failover_ms, "no leader was lost and then followed by a commit")});
  out += table_row({"recovery (heal to next commit)",
                    measured(st.recoveries, st.recovery_ms, "no heal was followed by a commit")});
  if (st.availability >= 0)
    out += table_row({"availability", fmt::format("{:.2f}% of the workload's time committing", st.availability * 100)});
  if (s.linearizability.verdict != LinVerdict::kNotApplicable)
    out += table_row({"linearizable", esc(fmt::format("{} ({} searched){}",
                                                      lin_verdict_name(s.linearizability.verdict),
                                                      counted(s.linearizability.states, "state", "states"),
                                                      s.linearizability.reason.empty()
                                                          ? ""
                                                          : ": " + s.linearizability.reason))});
  out += table_row({"events", num(s.events)});
  out += table_row({"simulated time", format_ms(s.sim_time_ms) + " ms"});
  out += table_row({"trace hash", "<code>" + esc(s.trace_hash) + "</code>"});
  return out + "</table>\n</section>\n";
}

std::string faults(const nlohmann::ordered_json& data) {
  const auto& list = data["faults"];
  std::string out = "<section id=\"faults\">\n<h2>Faults</h2>\n";
  if (list.empty()) return out + "<p class=\"note\">No faults in this run.</p>\n</section>\n";
  out += "<table>\n" + table_row({"time (ms)", "fault", "what happened"}, "th");
  size_t rows = 0;
  for (const auto& f : list) {
    if (rows++ == kMaxFaultRows) break;
    const bool applied = f[3].get<bool>();
    out += table_row({format_ms(f[0].get<double>()), esc(f[1].get<std::string>()),
                      applied ? esc(f[2].get<std::string>())
                              : "<span class=\"warn\">skipped: " + esc(f[2].get<std::string>()) + "</span>"});
  }
  out += "</table>\n";
  if (list.size() > kMaxFaultRows)
    out += fmt::format("<p class=\"note\">The first {} of {} faults.</p>\n", kMaxFaultRows, list.size());
  return out + "</section>\n";
}

std::string footer(const Summary& s) {
  return fmt::format(
      "<footer>consim {} &middot; trace {} &middot; {} events &middot; <span class=\"wall\">wall_ms "
      "{:.1f} (wall-clock time of the run: the one figure that differs between runs)</span></footer>\n",
      esc(s.consim_version), esc(s.trace_hash), s.events, s.wall_ms);
}

}  // namespace

std::string render_run_report_html(const Summary& s, const nlohmann::ordered_json& data) {
  std::string body = header(s);
  body += violations(s);
  body += diagram_section();
  body += expectations(s);
  body += statistics(s);
  body += faults(data);
  body += footer(s);
  body +=
      "<div id=\"render-stats\" hidden data-lanes=\"0\" data-arrows=\"0\" data-charts=\"0\" "
      "data-violation-marks=\"0\" data-errors=\"0\"></div>\n";
  return html_page(PageParts{
      fmt::format("consim {} {} seed {}: {}", verdict_word(run_result(s)), s.scenario, s.seed, protocol_name(s.protocol)),
      body, "run-data", json_for_script(data), kRunReportScript});
}

void write_run_report(std::FILE* trace, const Summary& s, std::FILE* out) {
  const std::string html = render_run_report_html(s, build_run_report_data(trace, s));
  std::fwrite(html.data(), 1, html.size(), out);
  std::fflush(out);
}

}  // namespace consim
