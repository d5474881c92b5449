// The human summary of one run: the verdict first, then each violation and
// failed expectation, the key statistics, the trace hash, and last the
// command that reproduces the run.
#pragma once

#include <string>

#include "sim/summary.h"

namespace consim {

struct TextStyle {
  bool color = false;  // ANSI colour, for a terminal
  bool quiet = false;  // only the verdict, what failed (violations, failed expectations) and the repro command
};

std::string summary_to_text(const Summary& s, TextStyle style = {});
// The verdict as the reports lead with it: "PASS", "FAIL", "UNKNOWN", and
// its ANSI colour (bold green, red, yellow).
std::string_view verdict_word(RunResult r);
std::string_view verdict_colour(RunResult r);

}  // namespace consim
