// ChosenTally: which values are chosen, as Paxos defines it ("Paxos Made
// Simple" 2.2: a value is chosen when a majority of acceptors have accepted
// it in one ballot). Fed every ValueAccepted report; says when an acceptance
// completes a majority. Acceptances are facts: an acceptor that later
// accepts something else, or crashes, does not undo them.
//
// Instances are kept in an ordered map so that forget_through() can drop a
// prefix (Multi-Paxos slots below every node's snapshot) cheaply. Nothing
// iterates it into a result, so its order cannot leak.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "protocols/core/command.h"
#include "protocols/core/observation.h"

namespace consim {

// "round.node" for a ballot packed as round * 256 + node (observation.h).
std::string describe_ballot(uint64_t ballot);

class ChosenTally {
 public:
  explicit ChosenTally(int nodes) : nodes_(nodes) {}

  struct Chosen {
    uint64_t ballot = 0;
    uint64_t digest = 0;
    uint64_t acceptors = 0;  // bit n - 1 set: node n accepted (nodes 1..64)
  };

  // Records the acceptance; returns the (ballot, value) it made chosen, if
  // this acceptance completed a majority.
  std::optional<Chosen> accept(NodeId node, const ValueAccepted& a);
  // Drops every instance at or below `instance`.
  void forget_through(uint64_t instance);
  size_t instances() const { return instances_.size(); }

 private:
  struct Instance {
    std::vector<Chosen> tallies;  // one per (ballot, digest) seen; a handful at most
  };
  int nodes_;
  std::map<uint64_t, Instance> instances_;
};

// "nodes 1, 2 and 3" for an acceptor bit set.
std::string describe_acceptors(uint64_t acceptors);

}  // namespace consim
