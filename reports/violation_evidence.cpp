#include "reports/violation_evidence.h"

#include <algorithm>

namespace consim {
namespace {

// Before the moment a violation is found, the diagram shows this much at least.
constexpr int64_t kLeadInMs = 150;
constexpr int64_t kMarginMs = 40;

}  // namespace

TimeWindow evidence_window(const Violation& v) {
  Time from = v.time - Duration::ms(kLeadInMs);
  Time to = v.time;
  for (const auto& op : v.witness) {
    from = std::min(from, op.invoke - Duration::ms(kMarginMs));
    to = std::max(to, op.complete.value_or(op.invoke));
  }
  return TimeWindow{std::max(Time::zero(), from), to + Duration::ms(kMarginMs)};
}

}  // namespace consim
