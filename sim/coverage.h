// What one run reached, beyond pass or fail: how often each coverage probe
// was hit (protocols/core/probe.h), and which abstract states the nodes were
// in under which faults. Neither is in the trace: measuring coverage changes
// no run's hash.
//
// A node's abstract state is its role (or down), how far its term lags the
// highest term any node has reached (0, 1, 2 or more), how far its progress
// lags the most advanced node's (commit index; learned instances for Basic
// Paxos: 0, 1-9, 10 or more), and whether its log is divergent: it ends in
// entries past its commit index of an older term than the highest (Multi-
// Paxos: pvalues of an older ballot; Basic Paxos: its last acceptance is of
// an older ballot). Each is recorded together with the kinds of fault in
// effect at that moment (partition, crash, pause, delay, clock, disk).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/config.h"
#include "protocols/core/observation.h"
#include "protocols/core/probe.h"

namespace consim {

// The kinds of fault a state is recorded under, as bits of a fault set.
enum class FaultBit : uint8_t { kPartition, kCrash, kPause, kDelay, kClock, kDisk, kCount };
constexpr size_t kFaultBits = static_cast<size_t>(FaultBit::kCount);
std::string_view fault_bit_name(FaultBit b);  // "partition", "crash", ...
constexpr uint8_t fault_mask(FaultBit b) { return static_cast<uint8_t>(1u << static_cast<unsigned>(b)); }

// One abstract node state under one fault set, and its code (0..kStateCodes-1).
struct AbstractState {
  uint8_t role = 0;        // Role, or kDownRole
  uint8_t term_lag = 0;    // 0, 1, 2 (2 or more)
  uint8_t commit_lag = 0;  // 0, 1 (1-9), 2 (10 or more)
  bool divergent = false;
  uint8_t faults = 0;      // FaultBit mask
  static constexpr uint8_t kDownRole = 4;
  uint16_t code() const;
  static std::optional<AbstractState> from_code(uint64_t code);
  // "leader term+0 commit+0 agrees | partition,crash" ("| none" with no fault).
  std::string name() const;
};
constexpr size_t kStateCodes = 5 * 3 * 3 * 2 * (size_t{1} << kFaultBits);
std::string_view role_or_down_name(uint8_t role);      // "follower", ..., "down"
std::string_view term_lag_name(uint8_t bucket);        // "0", "1", "2+"
std::string_view commit_lag_name(uint8_t bucket);      // "0", "1-9", "10+"

struct RunCoverage {
  std::array<uint64_t, kProbeCount> probes{};  // hits per probe
  std::vector<uint16_t> states;                // AbstractState codes reached, ascending
};

class CoverageMeter {
 public:
  CoverageMeter(Protocol protocol, int nodes);
  void hit(Probe p) { ++probes_[static_cast<size_t>(p)]; }
  // A node's report: its state is updated and recorded.
  void observe(NodeId node, const Observation& o);
  // The node crashed: down, and what it knew is gone (boot reports it anew).
  void down(NodeId node);
  // The faults in effect changed: every node's state is recorded under them.
  void set_faults(uint8_t faults);
  RunCoverage result() const;

 private:
  struct View {
    bool up = true;
    Role role = Role::kFollower;
    uint64_t term = 0;      // in rounds for the Paxos protocols
    uint64_t progress = 0;  // commit index, or instances learned
    uint64_t last_index = 0;
    uint64_t last_term = 0;  // 0: not known
  };
  uint64_t rounds(uint64_t term_or_ballot) const;
  void record(NodeId node);

  Protocol protocol_;
  std::vector<View> views_;  // index 0 unused
  uint64_t max_term_ = 0;
  uint64_t max_progress_ = 0;
  uint8_t faults_ = 0;
  std::array<uint64_t, kProbeCount> probes_{};
  std::array<uint64_t, (kStateCodes + 63) / 64> seen_{};  // a bit per state code
};

}  // namespace consim
