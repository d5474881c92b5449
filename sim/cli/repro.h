// The command that reproduces a run: the one formatter every subcommand's
// repro line comes from (`run`, `sweep`, `shrink`, `suite`, reports).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>

#include "protocols/core/bugs.h"
#include "sim/cli/gen_options.h"

namespace consim::cli {

// A scenario file, run as it is (with the seed and bugs given).
struct FileRun {
  std::string path;
};
// The generator's scenario for the seed.
struct GeneratedRun {
  GenArgs gen;
};
// One seed of `sweep --scenario FILE` that generates its faults per seed.
struct SweptFileRun {
  std::string path;
  std::string faults;  // the generator's fault kinds, "all" by default
};
using RunSource = std::variant<FileRun, GeneratedRun, SweptFileRun>;

// "consim run FILE --seed N --bug B ...", "consim run --protocol P --nodes N
// --seed S ...", or "consim run --scenario FILE --seed S ...". `bugs`
// are those turned on from the command line, besides the scenario's own.
// `lin_budget` (--lin-budget, 0 for the default) is kept: an unknown verdict depends on it.
std::string repro_command(const RunSource& source, uint64_t seed, std::span<const Bug> bugs, uint64_t lin_budget = 0);

}  // namespace consim::cli
