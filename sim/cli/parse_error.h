// Command-line errors in one shape: "error: consim SUB: what", a "did you
// mean" for a misspelled subcommand or option, and where the help is; exit 2.
#pragma once

#include <CLI/CLI.hpp>

namespace consim::cli {

// Prints the error (or the help, for --help, --version and a bare `consim`)
// and returns the exit code: 0 for help and version, 2 for every error.
int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

}  // namespace consim::cli
