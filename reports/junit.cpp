#include "reports/junit.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/sweep_report.h"

namespace consim {
namespace {

// XML 1.0 text and attributes: the five entities, tabs and newlines kept
// (as character references in attributes), other control characters dropped
// (XML 1.0 cannot carry them).
std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out;
}

std::string attr(std::string_view s) { return xml_escape(s, true); }

std::string test_case(const JUnitCase& c) {
  std::string out = fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3f}\"", attr(c.name),
                                attr(c.classname), c.time_s);
  if (c.result == RunResult::kPass && c.text.empty()) return out + "/>\n";
  out += ">\n";
  if (c.result == RunResult::kFail)
    out += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", attr(c.type), attr(c.message),
                       xml_escape(c.text, false));
  else if (c.result == RunResult::kUnknown)
    out += fmt::format("      <skipped message=\"{}\"/>\n      <system-out>{}</system-out>\n", attr(c.message),
                       xml_escape(c.text, false));
  else
    out += fmt::format("      <system-out>{}</system-out>\n", xml_escape(c.text, false));
  return out + "    </testcase>\n";
}

}  // namespace

std::string junit_xml(const std::string& suite_name, const std::vector<JUnitCase>& cases, double time_s) {
  size_t failures = 0, skipped = 0;
  for (const auto& c : cases) {
    failures += c.result == RunResult::kFail;
    skipped += c.result == RunResult::kUnknown;
  }
  const std::string counts =
      fmt::format("tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\"", cases.size(), failures,
                  skipped, time_s);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"consim\" {}>\n", counts);
  out += fmt::format("  <testsuite name=\"{}\" {}>\n", attr(suite_name), counts);
  for (const auto& c : cases) out += test_case(c);
  return out + "  </testsuite>\n</testsuites>\n";
}

std::vector<JUnitCase> sweep_junit_cases(const SweepReport& report) {
  std::vector<JUnitCase> cases;
  const auto add = [&cases](const SweepFailure& f, RunResult result) {
    JUnitCase c;
    c.name = fmt::format("seed {}", f.seed);
    c.classname = "consim.sweep";
    c.result = result;
    c.type = fmt::format("{}", fmt::join(f.classes, ","));
    c.message = f.detail;
    c.text = fmt::format("{}\nrepro: {}\ntrace: {}\n", f.detail, f.repro, f.trace_hash);
    cases.push_back(std::move(c));
  };
  for (const auto& f : report.failures()) add(f, RunResult::kFail);
  for (const auto& f : report.unknown_seeds()) add(f, RunResult::kUnknown);
  JUnitCase passed;
  passed.name = fmt::format("{} of {} seeds passed", report.passed(), report.seeds());
  passed.classname = "consim.sweep";
  cases.push_back(std::move(passed));
  return cases;
}

}  // namespace consim
