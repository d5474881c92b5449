#include "reports/violation_evidence.h"

#include <algorithm>
#include <regex>

namespace consim {
namespace {

constexpr std::string_view kListStart = "operations have no linearization: ";
// Before the moment a violation is found, the diagram shows this much at least.
constexpr int64_t kLeadInMs = 150;
constexpr int64_t kMarginMs = 40;

std::optional<WitnessOp> parse_op(const std::string& text) {
  static const std::regex answered(
      R"(^(.*) \(client (\d+), seq (\d+)\): ([0-9.]+)-([0-9.]+) ms, node (\d+) answered (.*)$)");
  static const std::regex pending(
      R"(^(.*) \(client (\d+), seq (\d+)\): invoked ([0-9.]+) ms, no answer \(last sent to node (\d+)\)$)");
  std::smatch m;
  WitnessOp op;
  if (std::regex_match(text, m, answered)) {
    op.complete = Time::from_ms(std::stod(m[5].str()));
    op.node = std::stoi(m[6].str());
    op.answer = m[7].str();
  } else if (std::regex_match(text, m, pending)) {
    op.node = std::stoi(m[5].str());
  } else {
    return std::nullopt;
  }
  op.op = m[1].str();
  op.client = std::stoull(m[2].str());
  op.seq = std::stoull(m[3].str());
  op.invoke = Time::from_ms(std::stod(m[4].str()));
  return op;
}

}  // namespace

std::vector<WitnessOp> witness_operations(const Violation& v) {
  if (v.invariant != Invariant::kLinearizability) return {};
  const auto start = v.detail.find(kListStart);
  if (start == std::string::npos) return {};
  std::vector<WitnessOp> ops;
  std::string_view rest = std::string_view(v.detail).substr(start + kListStart.size());
  while (!rest.empty()) {
    const auto end = rest.find("; ");
    auto op = parse_op(std::string(rest.substr(0, end)));
    if (!op) return {};  // not the form we know: show the detail text alone
    ops.push_back(std::move(*op));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 2);
  }
  return ops;
}

TimeWindow evidence_window(const Violation& v, const std::vector<WitnessOp>& witness) {
  Time from = v.time - Duration::ms(kLeadInMs);
  Time to = v.time;
  for (const auto& op : witness) {
    from = std::min(from, op.invoke - Duration::ms(kMarginMs));
    to = std::max(to, op.complete.value_or(op.invoke));
  }
  return TimeWindow{std::max(Time::zero(), from), to + Duration::ms(kMarginMs)};
}

}  // namespace consim
