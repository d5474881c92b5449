#include "sim/cli/repro.h"

#include <filesystem>

#include <fmt/format.h>

#include "protocols/core/overloaded.h"
#include "sim/cli/cli_util.h"

namespace consim::cli {
namespace {

// A regular file reads the same twice; a pipe, FIFO or terminal does not.
bool rereadable(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

}  // namespace

std::string repro_command(const RunSource& source, uint64_t seed, std::span<const Bug> bugs, uint64_t lin_budget) {
  std::string cmd = std::visit(
      Overloaded{
          [&](const FileRun& f) { return fmt::format("consim run {} --seed {}", shell_quote(f.path), seed); },
          [&](const GeneratedRun& g) { return fmt::format("consim run {} --seed {}", gen_flags(g.gen), seed); },
          [&](const SweptFileRun& s) {
            return fmt::format("consim run --scenario {}{} --seed {}", shell_quote(s.path),
                               s.faults == "all" ? "" : " --faults " + s.faults, seed);
          },
      },
      source);
  for (Bug b : bugs) cmd += fmt::format(" --bug {}", bug_name(b));
  if (lin_budget > 0) cmd += fmt::format(" --lin-budget {}", lin_budget);
  // A pipe or process substitution (`consim run <(consim gen ...)`) cannot be
  // read again: the line says so rather than name a path that will not rerun.
  const auto* file = std::get_if<FileRun>(&source);
  const auto* swept = std::get_if<SweptFileRun>(&source);
  const std::string* path = file ? &file->path : swept ? &swept->path : nullptr;
  if (path && !rereadable(*path))
    cmd += fmt::format("   # {} was a pipe, read once: save the scenario to a file and run that to reproduce", *path);
  return cmd;
}

}  // namespace consim::cli
