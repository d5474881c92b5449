#include "protocols/multipaxos/slots.h"

#include "protocols/core/assert.h"

namespace consim::multipaxos {

Proposal make_proposal(Command command) {
  Proposal p;
  p.digest = command.digest();
  p.command = std::make_shared<const Command>(std::move(command));
  return p;
}

ProposalBatch make_batch(std::vector<Proposal> proposals) {
  if (proposals.empty()) return nullptr;
  return std::make_shared<const std::vector<Proposal>>(std::move(proposals));
}

Slot& SlotLog::at(uint64_t slot) {
  CONSIM_ASSERT(holds(slot), "slot outside the slots in memory");
  return slots_[offset(slot)];
}

const Slot& SlotLog::at(uint64_t slot) const {
  CONSIM_ASSERT(holds(slot), "slot outside the slots in memory");
  return slots_[offset(slot)];
}

Slot& SlotLog::extend_to(uint64_t slot) {
  CONSIM_ASSERT(slot > base_, "cannot extend into the snapshot");
  if (slot > last()) slots_.resize(static_cast<size_t>(slot - base_));
  return slots_[offset(slot)];
}

void SlotLog::compact_to(uint64_t slot) {
  CONSIM_ASSERT(slot >= base_, "compaction never moves the base back");
  if (slot >= last()) {
    slots_.clear();
  } else {
    slots_.erase(slots_.begin(), slots_.begin() + static_cast<std::ptrdiff_t>(slot - base_));
  }
  base_ = slot;
}

}  // namespace consim::multipaxos
