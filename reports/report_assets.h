// The style and scripts inlined into the HTML reports (a report is one file:
// nothing is fetched). Their text lives in reports/assets/, plain CSS and
// JavaScript; reports/assets/embed.cmake embeds the files' bytes into a
// generated .cpp at build time, which defines these.
#pragma once

#include <string_view>

namespace consim {

extern const std::string_view kReportStyle;         // reports/assets/report.css, both reports
extern const std::string_view kReportScriptCommon;  // reports/assets/common.js, before each report's script
extern const std::string_view kRunReportScript;     // reports/assets/run_report_*.js, in embed.cmake's order
extern const std::string_view kSweepReportScript;   // reports/assets/sweep_report.js

}  // namespace consim
