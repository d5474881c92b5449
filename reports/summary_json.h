// The run summary as JSON, field for field as the README shows it, plus the
// project's documented additions (faults_skipped, stopped_early, extra stats).
#pragma once

#include <nlohmann/json.hpp>

#include "sim/summary.h"

namespace consim {

nlohmann::ordered_json summary_to_json(const Summary& s);

}  // namespace consim
