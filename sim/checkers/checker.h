// The always-on safety checkers (the README's "Checkers and injected bugs"). A checker sees only what
// nodes report (observations) and what clients saw (the history), never
// protocol internals. Each runs in amortized O(1) per observation so that it
// can stay on in sweeps.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocols/core/command.h"
#include "protocols/core/config.h"
#include "protocols/core/observation.h"
#include "protocols/core/invariants.h"
#include "protocols/core/time.h"

namespace consim {

// One operation of a linearizability witness (sim/checkers/linearizability.h):
// what a client asked, when, and what it was told.
struct WitnessOp {
  std::string op;                // "put k1=c3-78", "append k1+=c3-79", "get k1"
  ClientId client = 0;
  uint64_t seq = 0;
  Time invoke;
  std::optional<Time> complete;  // none: no answer by the end of the run
  NodeId node = 0;               // the node that answered (or was last asked)
  std::string answer;            // the value returned, whole; "" without an answer
};

struct Violation {
  Invariant invariant;
  Time time;                   // simulated time at which it first held
  std::vector<NodeId> nodes;   // the nodes involved, ascending
  std::string detail;          // the evidence: terms, indexes, values
  // linearizability: the operations that have no linearization, by
  // invocation (the detail names them too); empty for every other invariant.
  std::vector<WitnessOp> witness{};
};

class ViolationSink {
 public:
  virtual ~ViolationSink() = default;
  virtual void report(Violation v) = 0;
};

class Checker {
 public:
  virtual ~Checker() = default;
  virtual void on_observation(Time t, NodeId node, const Observation& o, ViolationSink& sink) = 0;
  // The node crashed: everything it reported about its volatile state is
  // gone. When it boots again it re-reports what it recovered (its snapshot
  // with SnapshotTaken, then EntryAppended for each entry in its log).
  virtual void on_node_crashed(Time t, NodeId node) = 0;
  // A client sent `command` to the cluster (each attempt, retries included):
  // what a client proposed, for validity.
  virtual void on_client_command(const Command& /*command*/) {}
};

// Every checker that applies to `protocol`, for a cluster of `nodes`.
std::vector<std::unique_ptr<Checker>> make_checkers(Protocol protocol, int nodes);

}  // namespace consim
