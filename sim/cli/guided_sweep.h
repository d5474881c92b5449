// Coverage-guided sweeps (`consim sweep --guided`), as a fuzzer keeps a
// corpus: runs whose coverage was new (a probe or an abstract state no run
// before had reached) join the corpus, and later runs are mostly mutants of
// corpus entries, chosen with a weight that favours the rarely reached
// probes and states they hit; the rest are the range's seeds, in order.
//
// The sweep runs in generations of a fixed size: each generation is planned
// from the corpus as the previous ones left it and runs on every core, and
// its results are taken in order, so nothing depends on --jobs. A mutant is
// its seed and a list of mutation numbers (faults/mutate.h): its repro line
// says `--mutate A,B`, and `consim gen` with the same flags writes it out
// as a plain scenario file.
#pragma once

#include <cstdint>
#include <vector>

#include "faults/generator.h"
#include "sim/cli/gen_options.h"
#include "sim/cli/sweep_runner.h"

namespace consim::cli {

struct GuidedSweep {
  GenOptions base;  // protocol, nodes, fault kinds, duration
  GenArgs gen;      // the same, for repro lines
  std::vector<Bug> bugs;
  SeedList seeds;  // fresh runs take these in order; as many runs in all as it has seeds
  unsigned jobs = 1;
  std::FILE* out = nullptr;
  bool progress = false;
  uint64_t lin_max_states = 0;
};

struct GuidedStats {
  uint64_t runs = 0;
  uint64_t fresh = 0;    // seeds of the range, unmutated
  uint64_t mutants = 0;
  uint64_t novel_mutants = 0;  // mutants that reached something new
  uint64_t corpus = 0;
};

// The sweep; its outcome's report holds every run in the order run.
SweepOutcome run_guided_sweep(const GuidedSweep& g, GuidedStats& stats);

}  // namespace consim::cli
