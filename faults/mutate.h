// Mutations of a generated scenario's fault schedule, for coverage-guided
// sweeps (`sweep --guided`): each mutation is named by a number, and the
// same numbers applied to the same seed give the same scenario, so a mutant
// reproduces from its command line (`--seed S --mutate A,B`) and `consim
// gen` writes it out as a plain scenario file.
//
// A mutation changes only the fault phase, the faults before the heal: it
// shifts one in time, deletes one, repeats one at another time, splices in
// one drawn from another seed's schedule, or bounces the leader (a crash and
// a restart moments later). The heal, the restarts and the calm conditions
// that end every schedule stay, and anything spliced in is undone by them
// (a link's conditions are reset at the heal too), so a correct cluster
// still meets the schedule's liveness expectations.
#pragma once

#include <cstdint>
#include <span>

#include "faults/generator.h"

namespace consim {

// The generator's scenario for `o` (its seed), with `mutations` applied in order.
void apply_mutations(Scenario& s, const GenOptions& o, std::span<const uint64_t> mutations);

}  // namespace consim
