// Triggered faults (a fault's "on"): faults fired by what the cluster does
// rather than at a time. The engine reports each event a trigger can wait
// for; every armed trigger that matches fires its fault, `after` later, with
// the node whose event it was bound wherever the fault says "trigger".
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "protocols/core/random.h"
#include "scenarios/scenario.h"

namespace consim {

// One event of the cluster's, as a trigger sees it.
struct ClusterEvent {
  TriggerEvent event = TriggerEvent::kLeader;
  NodeId node = 0;
  std::string_view message;  // send, receive: the message type
  uint64_t term = 0;         // append: the entry's term
};

// A fault to apply `after` from now.
struct Firing {
  Duration after;
  FaultAction action;
  size_t fault = 0;  // its index in the scenario's faults
};

class Triggers {
 public:
  Triggers(const std::vector<Fault>& faults, int nodes);

  // Whether some armed trigger waits for this kind of event: one test on the
  // hot path when none does.
  bool wants(TriggerEvent e) const { return (wanted_ >> static_cast<unsigned>(e)) & 1U; }
  // Appends a Firing for each armed trigger that `ev` fires at `now`. Draws
  // from `rng` only for a probability below 1 or a ranged delay.
  void on_event(Time now, const ClusterEvent& ev, Rng& rng, std::vector<Firing>& out);

 private:
  struct Armed {
    size_t fault;
    const Fault* source;
    uint64_t fired = 0;
  };
  bool matches(const Armed& a, Time now, const ClusterEvent& ev) const;

  std::vector<Armed> armed_;
  uint32_t wanted_ = 0;             // bit e: some trigger waits for event e
  bool new_term_ = false;           // some trigger waits for an entry of a new term
  std::vector<uint64_t> max_term_;  // per node: the newest term it appended (new_term only)
};

// The action with every "trigger" node bound to `node`.
FaultAction bind_trigger(FaultAction action, NodeId node);

}  // namespace consim
