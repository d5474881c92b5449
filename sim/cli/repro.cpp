#include "sim/cli/repro.h"

#include <fmt/format.h>

#include "protocols/core/overloaded.h"
#include "sim/cli/cli_util.h"

namespace consim::cli {

std::string repro_command(const RunSource& source, uint64_t seed, std::span<const Bug> bugs) {
  std::string cmd = std::visit(
      Overloaded{
          [&](const FileRun& f) { return fmt::format("consim run {} --seed {}", shell_quote(f.path), seed); },
          [&](const GeneratedRun& g) { return fmt::format("consim run {} --seed {}", gen_flags(g.gen), seed); },
          [&](const SweptFileRun& s) {
            return fmt::format("consim sweep --scenario {}{} --seeds {}..{}", shell_quote(s.path),
                               s.faults == "all" ? "" : " --faults " + s.faults, seed, seed);
          },
      },
      source);
  for (Bug b : bugs) cmd += fmt::format(" --bug {}", bug_name(b));
  return cmd;
}

}  // namespace consim::cli
