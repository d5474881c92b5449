// The slots a Multi-Paxos node holds in memory (PMMC's acceptor `accepted`,
// replica `decisions` and leader `proposals`, kept side by side per slot), on
// top of a snapshot base: slots <= base() were applied and compacted into a
// snapshot. Slots start at 1; slot 0 is the empty prefix.
//
// Invariant: every slot from base() + 1 to last() is present, possibly empty
// (nothing accepted, nothing decided): an acceptor may accept slot 9 before
// slot 8.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "protocols/core/command.h"

namespace consim::multipaxos {

// A command proposed for a slot. The command is immutable and shared by every
// slot, message and journal record that holds it; its digest is computed
// once, by the leader that proposed it.
struct Proposal {
  std::shared_ptr<const Command> command;
  uint64_t digest = 0;  // command->digest()
};

Proposal make_proposal(Command command);

// A run of proposals for consecutive slots, immutable and shared: the leader
// builds one per range it sends, and every P2a carrying that range and every
// journal record storing it hold the same one. Null means none.
using ProposalBatch = std::shared_ptr<const std::vector<Proposal>>;
ProposalBatch make_batch(std::vector<Proposal> proposals);
inline size_t batch_size(const ProposalBatch& b) { return b ? b->size() : 0; }

struct Slot {
  // Acceptor: the pvalue accepted in the highest ballot (PMMC 3, acceptor);
  // durable through PValuesAccepted. accepted_ballot 0: nothing accepted.
  uint64_t accepted_ballot = 0;
  Proposal accepted;
  // Learner: the command chosen for this slot, once this node knows it
  // (PMMC's replica `decisions`). Volatile: relearned after a restart.
  bool decided = false;
  Proposal decision;
  // Leader (PMMC's commander `waitfor`, inverted): a bit per acceptor that
  // accepted this slot's proposal in the leader's current ballot.
  uint64_t acks = 0;
};

class SlotLog {
 public:
  uint64_t base() const { return base_; }
  uint64_t last() const { return base_ + slots_.size(); }
  size_t size() const { return slots_.size(); }
  bool holds(uint64_t slot) const { return slot > base_ && slot <= last(); }

  // Requires holds(slot).
  Slot& at(uint64_t slot);
  const Slot& at(uint64_t slot) const;
  // The slot, adding empty slots up to it first. Requires slot > base().
  Slot& extend_to(uint64_t slot);
  // Drops every slot <= `slot` (a snapshot now covers them); `slot` may lie
  // beyond last(). Requires slot >= base().
  void compact_to(uint64_t slot);

 private:
  size_t offset(uint64_t slot) const { return static_cast<size_t>(slot - base_ - 1); }

  uint64_t base_ = 0;
  std::deque<Slot> slots_;  // slots_[k] is slot base_ + 1 + k
};

}  // namespace consim::multipaxos
