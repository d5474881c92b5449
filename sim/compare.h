// One fault scenario run on several protocols with the same seeds, and the
// figures that compare them (`consim compare`; README, "Raft against
// Multi-Paxos"). Every protocol sees the same faults, network, storage and
// workload; only the protocol and its knobs (carried over by config_for)
// change. The scenario's expectations and bugs are dropped: this measures
// correct protocols, it does not judge them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "scenarios/scenario.h"

namespace consim {

struct ProtocolFigures {
  Protocol protocol = Protocol::kRaft;
  int runs = 0;
  int runs_with_violations = 0;
  // Client writes (put and append) answered ok: request to reply, in ms.
  uint64_t writes_ok = 0;
  double write_p50_ms = 0;
  double write_p99_ms = 0;
  uint64_t messages_sent = 0;
  uint64_t entries_committed = 0;
  double messages_per_commit = 0;
  // Every client operation answered ok (reads too: Raft serves them with a
  // ReadIndex round, Multi-Paxos through a slot, so per commit alone misleads).
  uint64_t client_ok = 0;
  double messages_per_op = 0;
  // Leader lost (down, paused or cut off from a majority) to the next commit.
  uint64_t failovers = 0;
  double failover_p50_ms = 0;
  double failover_max_ms = 0;
  uint64_t leaders_elected = 0;
  double availability = -1;  // mean over runs; -1 without a workload
};

struct Comparison {
  std::string scenario;
  uint64_t first_seed = 1;
  uint64_t last_seed = 1;
  int nodes = 0;
  // Twice the mean one-way delay of the scenario's network at the start: the
  // unit of the "round trips" columns.
  double rtt_ms = 0;
  double sync_ms = 0;
  std::vector<ProtocolFigures> rows;
};

// Runs `scenario` on each protocol for every seed in [first_seed, last_seed].
Comparison compare_protocols(const Scenario& scenario, std::span<const Protocol> protocols, uint64_t first_seed,
                             uint64_t last_seed);

}  // namespace consim
