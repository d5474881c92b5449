#include "reports/sweep_report_html.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/html_util.h"
#include "reports/report_assets.h"
#include "reports/sweep_coverage_html.h"
#include "reports/summary_text.h"
#include "reports/trace_reader.h"
#include "sim/plural.h"
#include "sim/trace.h"

namespace consim {
namespace {

std::string esc(std::string_view s) { return html_escape(s); }

std::string header(const SweepReport& r, const SweepPageInfo& info) {
  std::string out =
      fmt::format("<header class=\"verdict {}\">\n<h1><span class=\"badge\">{}</span> sweep of {}</h1>\n",
                  run_result_name(r.verdict()), verdict_word(r.verdict()), counted(r.seeds(), "seed", "seeds"));
  out += fmt::format("<p class=\"sub\">{} passed &middot; {} failed{} &middot; {} events &middot; {:.0f} s simulated</p>\n",
                     r.passed(), r.failed(),
                     r.unknown() ? fmt::format(" &middot; {} unknown (linearizability search out of budget)", r.unknown())
                                 : "",
                     r.events(), r.sim_time_ms() / 1000.0);
  out += fmt::format(
      "<div class=\"repro\"><span>sweep:</span> <code id=\"sweep-command\">{}</code> "
      "<button type=\"button\" data-copy=\"sweep-command\">copy</button></div>\n</header>\n",
      esc(info.command));
  return out;
}

std::string cards(const SweepReport& r, const SweepPageInfo& info) {
  const auto card = [](std::string_view value, std::string_view label) {
    return fmt::format("<div class=\"card\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>\n", value,
                       label);
  };
  std::string out = "<div class=\"cards\">\n";
  out += card(fmt::format("{}", r.seeds()), "seeds");
  out += card(fmt::format("<span class=\"ok\">{}</span>", r.passed()), "passed");
  out += card(fmt::format("<span class=\"{}\">{}</span>", r.failed() ? "bad" : "ok", r.failed()), "failed");
  out += card(fmt::format("<span class=\"wall\">{:.1f}</span>", info.seeds_per_s), "seeds per second (wall clock)");
  out += card(fmt::format("<span class=\"wall\">{:.1f} s</span>", info.wall_s), "wall time");
  return out + "</div>\n";
}

std::string copyable(const std::string& id, const std::string& text) {
  return fmt::format("<code id=\"{}\">{}</code> <button type=\"button\" data-copy=\"{}\">copy</button>", id, esc(text),
                     id);
}

// One row per failing seed, the first few in view and the rest behind "show
// all", so a sweep with hundreds of failures opens on its summary.
constexpr size_t kSeedsInView = 20;
constexpr size_t kMaxSeedRows = 1000;

std::string failing_seeds(const SweepReport& r) {
  const auto failed = r.failures();
  std::string out = fmt::format("<section id=\"failing-seeds\">\n<h2>Failing seeds <span class=\"note\">{} of {}</span></h2>\n",
                                failed.size(), r.seeds());
  const auto row = [](const SweepFailure& f) {
    return fmt::format("<tr id=\"seed-{}\"><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
                       f.seed, f.seed, esc(fmt::format("{}", fmt::join(f.classes, ", "))), esc(f.detail),
                       esc(f.trace_hash), copyable(fmt::format("seed-repro-{}", f.seed), f.repro));
  };
  const std::string head = table_row({"seed", "what failed", "first evidence", "trace", "reproduce"}, "th");
  out += "<table class=\"failures\">\n" + head;
  for (size_t i = 0; i < failed.size() && i < kSeedsInView; ++i) out += row(failed[i]);
  out += "</table>\n";
  if (failed.size() > kSeedsInView) {
    out += fmt::format("<details id=\"more-seeds\"><summary>show all {} failing seeds</summary>\n<table class=\"failures\">\n{}",
                       failed.size(), head);
    for (size_t i = kSeedsInView; i < failed.size() && i < kMaxSeedRows; ++i) out += row(failed[i]);
    out += "</table>\n</details>\n";
  }
  if (failed.size() > kMaxSeedRows)
    out += fmt::format("<p class=\"note\">The first {} of {} failing seeds; <code>--out</code> or <code>--json</code> "
                       "lists them all.</p>\n",
                       kMaxSeedRows, failed.size());
  return out + "</section>\n";
}

std::string failures(const SweepReport& r, const SweepFailureIndex& index) {
  std::string out = "<section id=\"failures\">\n<h2>Failures by invariant</h2>\n";
  if (r.failed() == 0)
    return out + "<p class=\"ok\">Every seed passed: no checker fired and every expectation held.</p>\n</section>\n";
  out += "<div id=\"chart-invariants\" class=\"chart\"></div>\n";
  out +=
      "<p class=\"note\">Each bar opens its invariant's seeds below, with that invariant's evidence; a seed that "
      "broke several invariants is under each.</p>\n";
  int row_id = 0;
  for (const auto& [name, c] : index.classes()) {
    out += fmt::format("<details id=\"invariant-{}\"><summary><b>{}</b> <span class=\"note\">{}</span></summary>\n",
                       esc(name), esc(name), counted(c.seeds, "seed", "seeds"));
    out += "<table class=\"failures\">\n" + table_row({"seed", "what failed", "reproduce"}, "th");
    for (const auto& f : c.listed)
      out += table_row({fmt::format("<a href=\"#seed-{}\">{}</a>", f.seed, f.seed), esc(f.detail),
                        copyable(fmt::format("repro-{}", row_id++), f.repro)});
    out += "</table>\n";
    if (c.seeds > c.listed.size())
      out += fmt::format(
          "<p class=\"note\">The first {} of {} seeds; <code>--out</code> or <code>--json</code> lists "
          "them all.</p>\n",
          c.listed.size(), c.seeds);
    out += "</details>\n";
  }
  return out + "</section>\n";
}

std::string value_text(double v, const std::string& unit) {
  return unit.empty() ? fmt::format("{:.4g}", v) : format_ms(v) + " " + unit;
}

std::string distributions(const nlohmann::ordered_json& metrics) {
  std::string out = "<section id=\"distributions\">\n<h2>Distributions across seeds</h2>\n<div class=\"grid2\">\n";
  for (const auto& m : metrics) {
    const std::string unit = m["unit"].get<std::string>();
    const std::string id = m["id"].get<std::string>();
    out += fmt::format("<div class=\"metric\">\n<h3>{}</h3>\n", esc(m["title"].get<std::string>()));
    const auto seeds = m["seeds"].get<uint64_t>();
    if (seeds == 0) {
      out += "<p class=\"note\">No seed has this figure.</p>\n</div>\n";
      continue;
    }
    out += fmt::format(
        "<p class=\"note\">{} &middot; min {} &middot; p50 {} &middot; p99 {} &middot; max {}{}</p>\n",
        counted(seeds, "seed", "seeds"),
        value_text(m["min"].get<double>(), unit), value_text(m["p50"].get<double>(), unit),
        value_text(m["p99"].get<double>(), unit), value_text(m["max"].get<double>(), unit),
        m["percentiles_over"].get<uint64_t>() < seeds
            ? fmt::format(" (percentiles over the first {} seeds)", m["percentiles_over"].get<uint64_t>())
            : "");
    out += fmt::format("<div id=\"hist-{}\" class=\"chart histogram\" data-metric=\"{}\"></div>\n", esc(id), esc(id));
    out += "<table class=\"worst\">\n" + table_row({unit.empty() ? "lowest" : "highest", "seed", "reproduce"}, "th");
    for (const auto& w : m["worst"])
      out += table_row({value_text(w["value"].get<double>(), unit), fmt::format("{}", w["seed"].get<uint64_t>()),
                        "<code>" + esc(w["repro"].get<std::string>()) + "</code>"});
    out += "</table>\n</div>\n";
  }
  return out + "</div>\n</section>\n";
}

}  // namespace

std::string render_sweep_report_html(const SweepReport& report, const SweepDistributions& distributions_in,
                                     const SweepFailureIndex& failure_index, const SweepPageInfo& info) {
  nlohmann::ordered_json data;
  data["seeds"] = report.seeds();
  data["passed"] = report.passed();
  data["failed"] = report.failed();
  data["by_invariant"] = nlohmann::ordered_json::object();
  for (const auto& [name, count] : report.by_invariant()) data["by_invariant"][name] = count;
  data["metrics"] = distributions_in.to_json();

  std::string body = header(report, info);
  body += cards(report, info);
  body += failures(report, failure_index);
  if (report.failed() > 0) body += failing_seeds(report);
  if (report.seeds() > 0) body += coverage_section_html(report.coverage(), report.seeds());
  body += distributions(data["metrics"]);
  body += fmt::format(
      "<footer>consim sweep &middot; {} &middot; <span class=\"wall\">{:.1f} seeds/s, {:.1f} s "
      "wall (wall-clock figures: the only ones that differ between two sweeps)</span></footer>\n",
      counted(report.seeds(), "seed", "seeds"), info.seeds_per_s, info.wall_s);
  body += "<div id=\"render-stats\" hidden data-charts=\"0\" data-errors=\"0\"></div>\n";
  return html_page(PageParts{fmt::format("consim sweep {}: {}, {} failed", verdict_word(report.verdict()),
                                         counted(report.seeds(), "seed", "seeds"), report.failed()),
                             body, "sweep-data", json_for_script(data), kSweepReportScript});
}

void write_sweep_report(std::FILE* summaries, const SweepReport& report, const SweepPageInfo& info, std::FILE* out) {
  SweepDistributions distributions;
  SweepFailureIndex failures;
  for_each_json_line(summaries, [&](const nlohmann::json& s) {
    distributions.add(s);
    failures.add(s);
  });
  failures.add_nondeterminism(report.failures());
  const std::string html = render_sweep_report_html(report, distributions, failures, info);
  std::fwrite(html.data(), 1, html.size(), out);
  std::fflush(out);
}

}  // namespace consim
