// Command-line errors in one shape: "error: consim SUB: what", a "did you
// mean" for a misspelled subcommand or option, and where the help is; exit 2.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace consim::cli {

// Prints the error (or the help, for --help, --version and a bare `consim`)
// and returns the exit code: 0 for help and version, 2 for every error.
int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

// Errors found after parsing (a bad value, a file that cannot be written,
// inputs that disagree) have the same shape: they start with error_prefix(),
// "error: consim SUB: " for the subcommand that runs. track_subcommands()
// makes each subcommand record itself as it is parsed.
void track_subcommands(CLI::App& app);
std::string error_prefix();

}  // namespace consim::cli
