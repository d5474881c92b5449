// Evaluates a scenario's `expect` entries (scenarios/README.md). Window counts
// are kept as the run goes; point-in-time entries (leader_at, no_leader_at,
// converged, decided) are evaluated by the engine at their time through
// check_at(); the rest at the end through finish().
#pragma once

#include <optional>
#include <vector>

#include "protocols/core/node.h"
#include "scenarios/scenario.h"
#include "sim/checkers/checker.h"
#include "sim/history.h"
#include "sim/summary.h"

namespace consim {

class ClusterView {
 public:
  virtual ~ClusterView() = default;
  virtual int nodes() const = 0;
  virtual bool is_up(NodeId node) const = 0;
  virtual bool link_up(NodeId from, NodeId to) const = 0;
  virtual NodeStatus status(NodeId node) const = 0;  // only for up nodes
  // basic-paxos: how many instances (keys) clients have proposed to so far.
  virtual uint64_t instances_proposed() const { return 0; }
};

// The leader a majority recognizes right now (the `leader_at` rule), if any.
struct RecognizedLeader {
  NodeId node = 0;
  uint64_t term = 0;
  int supporters = 0;  // nodes (itself included) that are up, reach it and recognize it
};
std::optional<RecognizedLeader> recognized_leader(const ClusterView& view);

class Expectations {
 public:
  explicit Expectations(const std::vector<Expectation>& expect);

  // Times at which check_at must be called (sorted, duplicates removed).
  std::vector<Time> check_times() const;
  void check_at(Time now, const ClusterView& view);

  void on_message_sent(Time t);
  void on_commit(Time t);   // an entry or instance first committed cluster-wide
  void on_elected(Time t);  // a node became leader

  // Fills in every result. `max_log_entries` is the largest in-memory log
  // among up nodes at the end.
  std::vector<ExpectationResult> finish(const std::vector<Violation>& violations, const History& history,
                                        uint64_t max_log_entries);
  // True if some `violates` entry expects a violation: then checkers firing
  // do not by themselves fail the run.
  bool expects_violation() const;

 private:
  struct Slot {
    Expectation spec;
    std::optional<ExpectationResult> result;  // set once decided
    uint64_t count = 0;                       // for window entries
  };
  std::vector<Slot> slots_;
};

}  // namespace consim
