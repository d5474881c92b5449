// What applying a fault needs from the engine. Faults are data (STYLE.md 9):
// the timeline resolves a fault's nodes and calls these; protocols never learn
// which faults exist.
#pragma once

#include <optional>
#include <vector>

#include "protocols/core/command.h"
#include "scenarios/scenario.h"
#include "protocols/core/random.h"

namespace consim {

class ClusterControl {
 public:
  virtual ~ClusterControl() = default;
  virtual int nodes() const = 0;
  virtual bool is_up(NodeId node) const = 0;
  // The up node that most recently became leader and still believes it is; 0 if none.
  virtual NodeId current_leader() const = 0;
  virtual Rng& fault_rng() = 0;

  virtual void partition(const std::vector<std::vector<NodeId>>& groups) = 0;
  virtual void isolate(NodeId node) = 0;
  virtual void cut(NodeId from, NodeId to, bool both) = 0;
  virtual void heal() = 0;
  virtual void change_network(const NetworkFault& change) = 0;
  virtual void change_link(NodeId from, NodeId to, const NetworkFault& change) = 0;
  virtual void crash(NodeId node) = 0;
  virtual void restart(NodeId node) = 0;
  virtual void pause(NodeId node, Duration duration) = 0;
  virtual void set_clock_rate(NodeId node, double rate) = 0;
  // The node's syncs from now on take a latency drawn from `sync`.
  virtual void set_sync_latency(NodeId node, DurationRange sync) = 0;
  // Holds back messages as `hold` says, from `from` (none: any node) to `to`
  // (none: any node); its own from and to are resolved already.
  virtual void hold(std::optional<NodeId> from, std::optional<NodeId> to, const HoldFault& hold) = 0;
  // Applies `action` `after` from now (a crash's restart_after).
  virtual void schedule_fault(Duration after, FaultAction action) = 0;
};

}  // namespace consim
