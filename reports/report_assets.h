// The style and scripts inlined into the HTML reports, as C++ string
// literals (a report is one file: nothing is fetched).
#pragma once

#include <string_view>

namespace consim {

extern const std::string_view kReportStyle;       // report_style.cpp, both reports
extern const std::string_view kReportScriptCommon;  // report_script_common.cpp, before each report's script
extern const std::string_view kRunReportScript;   // run_report_script.cpp
extern const std::string_view kSweepReportScript;  // sweep_report_script.cpp

}  // namespace consim
