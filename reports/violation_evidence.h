// The evidence a report shows for a violation: the time window to open the
// diagram at.
#pragma once

#include "reports/message_sampler.h"
#include "sim/checkers/checker.h"

namespace consim {

// The stretch of the run that shows a violation: its witness operations (if
// any, Violation::witness) up to the moment it was found, with a margin
// either side.
TimeWindow evidence_window(const Violation& v);

}  // namespace consim
