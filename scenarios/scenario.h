// The scenario model: a validated, typed copy of one scenario file
// (scenarios/README.md). Times are already simulated-time values, defaults are
// already filled in, node ids are already range-checked. Selectors stay
// symbolic: they are resolved when their fault fires.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "protocols/core/bugs.h"
#include "protocols/core/command.h"
#include "protocols/core/config.h"
#include "protocols/core/invariants.h"
#include "protocols/core/time.h"

namespace consim {

struct NetworkConditions {
  DurationRange delay{Duration::ms(1), Duration::ms(10)};
  double drop = 0.0;
  double duplicate = 0.0;
  bool operator==(const NetworkConditions&) const = default;
};

// A sync's latency is drawn from `sync` for each sync (a fixed latency when
// min == max); a node's syncs complete in the order they began.
struct StorageConfig {
  DurationRange sync{Duration::zero(), Duration::zero()};
  bool lose_unsynced = true;
  bool operator==(const StorageConfig&) const = default;
};

struct OpWeights {
  double put = 1.0;
  double get = 1.0;
  double append = 1.0;
  bool operator==(const OpWeights&) const = default;
};

struct Workload {
  int clients = 1;
  Time start = Time::zero();
  Time stop = Time::never();  // filled with duration when absent
  DurationRange think{Duration::ms(0), Duration::ms(10)};
  int keys = 5;
  OpWeights ops;
  Duration timeout = Duration::ms(300);
  std::optional<uint64_t> max_requests;  // total across clients; none = unlimited
  // Keys in turn, as Jepsen's independent keys: every client works on the
  // same key until ops_per_key requests (across clients) were issued on it,
  // then on the next (k1, k2, ... kN, k1 ...); none: each request draws its key.
  std::optional<uint64_t> ops_per_key;
  // Clients bound to nodes, as Jepsen's are: client i asks only node
  // ((i - 1) mod nodes) + 1, and after a refusal or a timeout asks it again,
  // never another node; false: a client follows leader hints and moves on.
  bool bound = false;
  // Hot keys: each request draws key k with probability proportional to
  // 1 / k^key_skew (Zipf), so k1 is the hottest; none: uniformly.
  std::optional<double> key_skew;
  bool operator==(const Workload&) const = default;
};

// A node named in a fault: a fixed id or a selector resolved at fire time.
struct NodeRef {
  // kTrigger: the node whose event fired a triggered fault (only in one).
  enum class Kind : uint8_t { kId, kLeader, kRandom, kRandomFollower, kAll, kTrigger };
  Kind kind = Kind::kId;
  NodeId id = 0;  // for kId
  bool operator==(const NodeRef&) const = default;
};

struct PartitionGroup {
  bool rest = false;            // the string "rest": every node not named elsewhere
  std::vector<NodeRef> members;  // empty when rest
  bool operator==(const PartitionGroup&) const = default;
};

struct PartitionFault {
  std::vector<PartitionGroup> groups;
  bool operator==(const PartitionFault&) const = default;
};
struct IsolateFault { NodeRef node; bool operator==(const IsolateFault&) const = default; };
struct CutFault {
  NodeRef from;
  NodeRef to;
  bool both = true;
  bool operator==(const CutFault&) const = default;
};
struct HealFault { bool operator==(const HealFault&) const = default; };
// restart_after: the node restarts that long after the crash (a bounce).
struct CrashFault {
  NodeRef node;
  std::optional<Duration> restart_after{};
  bool operator==(const CrashFault&) const = default;
};
struct RestartFault { NodeRef node; bool operator==(const RestartFault&) const = default; };  // kId or kAll
struct PauseFault { NodeRef node; Duration duration; bool operator==(const PauseFault&) const = default; };
struct NetworkFault {
  std::optional<DurationRange> delay;
  std::optional<double> drop;
  std::optional<double> duplicate;
  std::optional<NodeRef> from;  // both or neither: one direction of one link
  std::optional<NodeRef> to;
  bool operator==(const NetworkFault&) const = default;
};
struct ClockFault { NodeRef node; double rate = 1.0; bool operator==(const ClockFault&) const = default; };
// A node's disk ("all": every node's) syncs in `sync` from now on: a slow
// disk, or a fast one again. The latency is the disk's: it outlives crashes.
struct DiskFault {
  NodeRef node;
  DurationRange sync{Duration::zero(), Duration::zero()};
  bool operator==(const DiskFault&) const = default;
};

// Messages held back, then delivered late (stale, reordered delivery): each
// of the next `count` messages that match `from`, `to` and `message` is held,
// with `probability`, and arrives `delay` later than the network would have
// delivered it. The hold ends when `count` were held or after `duration`.
struct HoldFault {
  std::optional<NodeRef> from;  // the sender; none: any node
  std::optional<NodeRef> to;    // the receiver; none: any node
  // The message type ("": any). A view of the protocol's own static name
  // (ProtocolTraits::message_types), as the loader stores it.
  std::string_view message;
  DurationRange delay{Duration::zero(), Duration::zero()};
  double probability = 1.0;
  uint64_t count = 1;
  std::optional<Duration> duration;  // none: to the end of the run
  bool operator==(const HoldFault&) const = default;
};

using FaultAction = std::variant<PartitionFault, IsolateFault, CutFault, HealFault, CrashFault, RestartFault,
                                 PauseFault, NetworkFault, ClockFault, DiskFault, HoldFault>;

// What a triggered fault waits for (a fault's "on"): an event of the
// cluster's instead of a time. Armed from the fault's `at` until `until`;
// each matching event fires it with `probability`, `after` later, at most
// `times` times in all.
enum class TriggerEvent : uint8_t {
  kLeader,   // a node becomes leader
  kSend,     // a node sends a message (of type `message`, if given)
  kReceive,  // a node receives one
  kAppend,   // a node appends a log entry (of a term newer than any it appended before, with new_term)
  kSync,     // a node starts a sync of its disk
};
struct Trigger {
  TriggerEvent event = TriggerEvent::kLeader;
  std::optional<NodeId> node;  // whose event counts; none: any node's
  // send, receive: the message type ("": any). A view of the protocol's own
  // static name (ProtocolTraits::message_types), as the loader stores it.
  std::string_view message;
  bool new_term = false;
  DurationRange after{Duration::zero(), Duration::zero()};
  double probability = 1.0;
  uint64_t times = 1;
  std::optional<Time> until;
  bool operator==(const Trigger&) const = default;
};

struct Fault {
  Fault() = default;
  Fault(Time at_time, FaultAction what, std::optional<Trigger> trigger = std::nullopt)
      : at(at_time), action(std::move(what)), on(std::move(trigger)) {}
  Time at;
  FaultAction action;
  std::optional<Trigger> on;  // none: fires at `at`
  bool operator==(const Fault&) const = default;
};

std::string_view fault_type_name(const FaultAction& a);  // "partition", "crash", ...
std::string_view trigger_event_name(TriggerEvent e);     // "leader", "send", ...
std::span<const TriggerEvent> all_trigger_events();

struct LeaderAtExpect { Time at; bool operator==(const LeaderAtExpect&) const = default; };
struct NoLeaderAtExpect { Time at; bool operator==(const NoLeaderAtExpect&) const = default; };
struct CommitsExpect {
  Time from;
  Time to;
  std::optional<uint64_t> min;
  std::optional<uint64_t> max;
  bool operator==(const CommitsExpect&) const = default;
};
struct ClientOkExpect {
  uint64_t min = 0;
  std::optional<Time> from;
  std::optional<Time> to;
  bool operator==(const ClientOkExpect&) const = default;
};
struct ConvergedExpect { Time by; bool operator==(const ConvergedExpect&) const = default; };
struct ElectionsExpect {
  Time from;
  Time to;
  uint64_t max = 0;
  bool operator==(const ElectionsExpect&) const = default;
};
struct MessagesExpect {
  Time from;
  Time to;
  uint64_t max = 0;
  bool operator==(const MessagesExpect&) const = default;
};
struct LogSizeExpect { uint64_t max = 0; bool operator==(const LogSizeExpect&) const = default; };
struct DecidedExpect { Time by; bool operator==(const DecidedExpect&) const = default; };
struct ViolatesExpect { Invariant invariant; bool operator==(const ViolatesExpect&) const = default; };

using Expectation = std::variant<LeaderAtExpect, NoLeaderAtExpect, CommitsExpect, ClientOkExpect, ConvergedExpect,
                                 ElectionsExpect, MessagesExpect, LogSizeExpect, DecidedExpect, ViolatesExpect>;

// What an `expect` entry is, as a value: its "type" in the file.
enum class ExpectationKind : uint8_t {
  kLeaderAt,
  kNoLeaderAt,
  kCommits,
  kClientOk,
  kConverged,
  kElections,
  kMessages,
  kLogSize,
  kDecided,
  kViolates,
};
ExpectationKind expectation_kind(const Expectation& e);
std::string_view expectation_kind_name(ExpectationKind k);  // "leader_at", ...
inline std::string_view expectation_type_name(const Expectation& e) { return expectation_kind_name(expectation_kind(e)); }

struct Scenario {
  std::string name;
  std::string description;
  Protocol protocol = Protocol::kRaft;
  int nodes = 3;
  uint64_t seed = 1;
  Duration duration = Duration::ms(1000);
  ProtocolConfig config = RaftConfig{};
  NetworkConditions network;
  StorageConfig storage;
  std::optional<Workload> workload;
  std::vector<Fault> faults;  // in firing order: by time, then file order
  std::vector<Expectation> expect;
  std::vector<Bug> bugs;

  std::string source_path;  // the file it came from, for the repro command; empty if generated
};

// The run a scenario and a command line's settings make: `seed` (--seed)
// replaces the scenario's, `bugs` (--bug) are turned on besides its own,
// each once, in order. Every caller resolves a run's seed and bugs here,
// once; the engine reads them from the scenario alone.
Scenario with_run_settings(Scenario s, std::optional<uint64_t> seed, std::span<const Bug> bugs);

}  // namespace consim
