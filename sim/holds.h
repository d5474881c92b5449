// Messages held back by `hold` faults (stale, reordered delivery): the rules
// in force, and which sent message each one catches. The engine asks at
// every send while some rule is in force, and adds the delay to the
// message's delivery.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "protocols/core/random.h"
#include "scenarios/scenario.h"

namespace consim {

class Holds {
 public:
  // A `hold` fault applied at `now`, its ends resolved (none: any node).
  void add(Time now, std::optional<NodeId> from, std::optional<NodeId> to, const HoldFault& hold);
  bool empty() const { return rules_.empty(); }
  // The extra delay of a message `from` -> `to` of `type` sent at `now`, if
  // a rule holds it back. Rules that ended are dropped; a rule's probability
  // and ranged delay draw from `rng`, nothing else does.
  std::optional<Duration> held(Time now, NodeId from, NodeId to, std::string_view type, Rng& rng);

 private:
  struct Rule {
    std::optional<NodeId> from;
    std::optional<NodeId> to;
    std::string_view message;
    DurationRange delay;
    double probability;
    uint64_t left;              // messages it may still hold
    std::optional<Time> until;  // none: to the end of the run
  };
  std::vector<Rule> rules_;  // in the order applied: the first that matches holds
};

}  // namespace consim
