// The HTML report of one run (`consim run --report FILE.html`): one
// self-contained file with the verdict and repro command, the violations and
// their evidence, a zoomable space-time diagram, latency and throughput
// charts, the expectations and the statistics. The tables are written here;
// the diagram and charts are drawn in the browser by the inline script from
// the embedded data (reports/run_report_data.h).
#pragma once

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/summary.h"

namespace consim {

std::string render_run_report_html(const Summary& s, const nlohmann::ordered_json& data);

// Reads the run's trace (JSON Lines, from its start) and writes the report.
void write_run_report(std::FILE* trace, const Summary& s, std::FILE* out);

}  // namespace consim
