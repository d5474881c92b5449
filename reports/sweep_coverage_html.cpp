#include "reports/sweep_coverage_html.h"

#include <fmt/format.h>

#include "reports/html_util.h"
#include "sim/plural.h"

namespace consim {
namespace {

// The share of seeds, as a bar behind the count.
std::string bar(uint64_t n, uint64_t seeds) {
  const double pct = seeds > 0 ? 100.0 * static_cast<double>(n) / static_cast<double>(seeds) : 0;
  return fmt::format(
      "<div class=\"bar\" style=\"background:linear-gradient(90deg,#9ec5fe {0:.1f}%,transparent {0:.1f}%)\">{1}</div>",
      pct, n);
}

std::string probes_table(const SweepCoverage& c, uint64_t seeds) {
  std::string out = "<table class=\"coverage-probes\">\n" + table_row({"probe", "seeds that hit it", "", "what"}, "th");
  for (const auto& row : c.probes()) {
    const std::string name = fmt::format("<code>{}</code>", html_escape(row.info->name));
    const std::string flag = row.seeds > 0 ? (row.info->rare ? "rare" : "")
                                           : (row.info->rare ? "<span class=\"note\">rare, never hit</span>"
                                                             : "<span class=\"bad\">never hit</span>");
    out += table_row({name, bar(row.seeds, seeds), flag, html_escape(row.info->what)});
  }
  return out + "</table>\n";
}

std::string matrix_table(const SweepCoverage& c, uint64_t seeds) {
  std::string out = "<table class=\"coverage-matrix\">\n<tr><th>abstract state</th>";
  for (size_t col = 0; col < kCoverageColumns; ++col)
    out += fmt::format("<th>{}</th>", html_escape(coverage_column_name(col)));
  out += "</tr>\n";
  const auto rows = coverage_rows();
  for (size_t r = 0; r < rows.size(); ++r) {
    out += fmt::format("<tr><td>{} <b>{}</b></td>", html_escape(rows[r].dimension), html_escape(rows[r].value));
    for (size_t col = 0; col < kCoverageColumns; ++col) {
      const uint64_t n = c.seeds_at(r, col);
      const double share = seeds > 0 ? static_cast<double>(n) / static_cast<double>(seeds) : 0;
      const std::string style = n == 0 ? "background:#fde2e2" : fmt::format("background:rgba(37,99,235,{:.2f})", 0.08 + 0.6 * share);
      out += fmt::format("<td style=\"{}\">{}</td>", style, n);
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string coverage_section_html(const SweepCoverage& coverage, uint64_t seeds) {
  std::string out = "<section id=\"coverage\">\n<h2>Coverage</h2>\n";
  size_t hit = 0;
  const auto probes = coverage.probes();
  for (const auto& row : probes) hit += row.seeds > 0 ? 1 : 0;
  out += fmt::format("<p class=\"note\">{} of {} probes hit by some seed; {} reached. A probe marks a path in the "
                     "protocol's code; an abstract state is a node's role, term lag, commit lag and log divergence "
                     "under the kinds of fault in effect.</p>\n",
                     hit, probes.size(), counted(coverage.distinct_states(), "distinct abstract state", "distinct abstract states"));
  out += probes_table(coverage, seeds);
  out += "<h3>Seeds reaching each abstract state, by fault kind in effect</h3>\n";
  out += matrix_table(coverage, seeds);
  return out + "</section>\n";
}

}  // namespace consim
