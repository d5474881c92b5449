// What a run looked like over time, rebuilt from its trace for the HTML
// report: each node's roles, up/down/paused/cut-off spans, the faults,
// elections, commits, client latencies, a sample of the messages, and
// per-bucket series for the charts. Every list is bounded (STYLE.md 8), so a
// long run gives a report of bounded size; `truncated` says a bound was hit.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "reports/message_sampler.h"
#include "sim/summary.h"
#include "protocols/core/time.h"

namespace consim {

struct RoleSpan {
  int node = 0;
  Time from;
  Time to;
  std::string role;  // follower, pre-candidate, candidate, leader
  uint64_t term = 0;
};

// A stretch of time in one node's lane: up, down (crashed), paused, or cut
// off from some peers (`label` says how, `cause` which fault did it).
struct NodeSpan {
  int node = 0;
  Time from;
  Time to;
  std::string label;
  std::string cause;
  bool minority = false;  // cut off: it no longer reaches a majority both ways
};

struct FaultMark {
  Time t;
  std::string type;
  std::string detail;
  bool applied = true;
};

struct Election {
  Time t;
  int node = 0;
  uint64_t term = 0;
};

// An index (Raft, Multi-Paxos) or instance (Basic Paxos) committed for the
// first time anywhere in the cluster, and the node that did it first.
struct CommitMark {
  Time t;
  int node = 0;
  uint64_t index = 0;
};

// A client operation answered ok: completion time and latency from its first
// invocation (retries included), as the summary's commit_latency_ms counts it.
struct LatencyPoint {
  Time t;
  double latency_ms = 0;
  int node = 0;  // the node that answered
};

// The run cut into equal buckets of simulated time, for the charts and the
// overview strip.
struct BucketSeries {
  Duration width;
  std::vector<uint64_t> commits;
  std::vector<uint64_t> answers_ok;
  std::vector<uint64_t> drops;
  std::vector<std::vector<uint64_t>> sends_by_node;  // [node - 1][bucket]
  std::vector<LatencyStats> latency_ms;              // of the answers completed in the bucket
};

struct RunTimeline {
  int nodes = 0;
  Time end;
  std::vector<RoleSpan> roles;
  std::vector<NodeSpan> up;
  std::vector<NodeSpan> down;
  std::vector<NodeSpan> paused;
  std::vector<NodeSpan> cut_off;
  std::vector<FaultMark> faults;
  std::vector<Election> elections;
  std::vector<CommitMark> commits;  // every k-th of commits_total
  uint64_t commits_total = 0;
  std::vector<LatencyPoint> latencies;  // every k-th of answers_ok
  uint64_t answers_ok = 0;
  MessageSampler messages{0};
  BucketSeries buckets;
  bool truncated = false;
};

// Reads `trace` (JSON Lines, from its start) of the run that `summary`
// describes. Messages sent inside a `focus` window are kept whatever the
// sampling.
RunTimeline build_run_timeline(std::FILE* trace, const Summary& summary, const std::vector<TimeWindow>& focus);

}  // namespace consim
