#include "faults/generator.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "faults/generator_targeted.h"
#include "faults/mutate.h"
#include "protocols/core/random.h"
#include "scenarios/json_reader.h"

namespace consim {
namespace {

using generator::add_bound_clients;
using generator::add_hot_keys;
using generator::add_contention;
using generator::add_disk_faults;
using generator::add_hold_faults;
using generator::add_triggered_faults;
using generator::id_ref;
using generator::leader_ref;

constexpr std::array kAllKinds{FaultKind::kPartition, FaultKind::kIsolate, FaultKind::kCut,
                               FaultKind::kCrash,     FaultKind::kPause,   FaultKind::kNetwork,
                               FaultKind::kClock,     FaultKind::kDisk,    FaultKind::kHold};

// The run's phases, as fractions of its duration: faults from kFaultsFrom to
// kHealAt; then a quiet period in which clients stop at kClientsStop and the
// cluster must have converged by kConvergedBy.
constexpr double kFaultsFrom = kGeneratedFaultsFrom;
constexpr double kHealAt = kGeneratedHealAt;
constexpr double kProgressFrom = 0.70;
constexpr double kClientsStop = 0.85;
constexpr double kConvergedBy = 0.98;


// Profile: which kinds this seed uses and how harsh each is.
struct Profile {
  std::vector<FaultKind> kinds;
  Duration mean_gap;        // mean time between faults
  NetworkConditions calm;   // conditions outside fault bursts
};

// The kinds that go through the fault phase's own stream; disk faults and
// held-back messages draw from streams of their own ("generator.disk",
// "generator.hold"), so that turning them on or off leaves a seed's other
// faults as they were.
std::vector<FaultKind> phase_kinds(const GenOptions& o) {
  std::vector<FaultKind> out;
  for (FaultKind k : o.kinds)
    if (k != FaultKind::kDisk && k != FaultKind::kHold) out.push_back(k);
  return out;
}

Profile draw_profile(Rng& rng, const GenOptions& o) {
  Profile p;
  const std::vector<FaultKind> kinds = phase_kinds(o);
  for (FaultKind k : kinds)
    if (rng.bernoulli(0.6)) p.kinds.push_back(k);
  if (p.kinds.empty() && !kinds.empty())
    p.kinds.push_back(kinds[static_cast<size_t>(rng.uniform_u64(0, kinds.size() - 1))]);
  p.mean_gap = Duration::ms(rng.uniform_int(150, 1200));
  const int64_t max_delay_ms = rng.uniform_int(2, 25);
  p.calm.delay = DurationRange{Duration::ms(1), Duration::ms(max_delay_ms)};
  p.calm.drop = rng.bernoulli(0.3) ? 0.01 * static_cast<double>(rng.uniform_int(1, 5)) : 0.0;
  p.calm.duplicate = rng.bernoulli(0.3) ? 0.01 * static_cast<double>(rng.uniform_int(1, 5)) : 0.0;
  return p;
}

NodeRef pick_node(Rng& rng, int nodes, Protocol protocol) {
  // A third of the time aim at whoever leads when the fault fires.
  const auto roll = rng.uniform_int(0, 5);
  if (roll < 2) return leader_ref(protocol);
  return id_ref(static_cast<NodeId>(rng.uniform_int(1, nodes)));
}

PartitionFault random_partition(Rng& rng, int nodes) {
  std::vector<NodeId> order(static_cast<size_t>(nodes));
  for (int i = 0; i < nodes; ++i) order[static_cast<size_t>(i)] = i + 1;
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[static_cast<size_t>(rng.uniform_u64(0, i - 1))]);
  const auto first_size = static_cast<size_t>(rng.uniform_int(1, std::max(1, nodes - 1)));
  PartitionFault f;
  PartitionGroup a, rest;
  for (size_t i = 0; i < first_size; ++i) a.members.push_back(id_ref(order[i]));
  rest.rest = true;
  f.groups = {a, rest};
  return f;
}

// What the fault phase left behind that the calm-down must undo.
struct Leftovers {
  std::vector<bool> down;                          // crashed by the timeline, index = node
  std::vector<std::pair<NodeId, NodeId>> links;    // links given their own conditions
};

FaultAction random_fault(Rng& rng, FaultKind kind, int nodes, Protocol protocol, Leftovers& left) {
  std::vector<bool>& down = left.down;
  switch (kind) {
    case FaultKind::kPartition: return random_partition(rng, nodes);
    case FaultKind::kIsolate: return IsolateFault{pick_node(rng, nodes, protocol)};
    case FaultKind::kCut: {
      if (nodes < 2) return IsolateFault{id_ref(1)};  // no link to cut in a 1-node cluster
      const auto from = static_cast<NodeId>(rng.uniform_int(1, nodes));
      auto to = static_cast<NodeId>(rng.uniform_int(1, std::max(1, nodes - 1)));
      if (to >= from && nodes > 1) ++to;
      return CutFault{id_ref(from), id_ref(to), rng.bernoulli(0.5)};
    }
    case FaultKind::kCrash: {
      // Restart one of the nodes this timeline crashed, or crash another.
      std::vector<NodeId> crashed;
      for (NodeId n = 1; n <= nodes; ++n)
        if (down[static_cast<size_t>(n)]) crashed.push_back(n);
      if (!crashed.empty() && rng.bernoulli(0.5)) {
        const NodeId n = crashed[static_cast<size_t>(rng.uniform_u64(0, crashed.size() - 1))];
        down[static_cast<size_t>(n)] = false;
        return RestartFault{id_ref(n)};
      }
      const auto n = static_cast<NodeId>(rng.uniform_int(1, nodes));
      down[static_cast<size_t>(n)] = true;
      return CrashFault{id_ref(n)};
    }
    case FaultKind::kPause: return PauseFault{pick_node(rng, nodes, protocol), Duration::ms(rng.uniform_int(20, 600))};
    case FaultKind::kNetwork: {
      NetworkFault f;
      f.delay = DurationRange{Duration::ms(1), Duration::ms(rng.uniform_int(2, 150))};
      f.drop = 0.01 * static_cast<double>(rng.uniform_int(0, 30));
      f.duplicate = 0.01 * static_cast<double>(rng.uniform_int(0, 20));
      if (nodes >= 2 && rng.bernoulli(0.4)) {
        const auto from = static_cast<NodeId>(rng.uniform_int(1, nodes));
        auto to = static_cast<NodeId>(rng.uniform_int(1, std::max(1, nodes - 1)));
        if (to >= from && nodes > 1) ++to;
        f.from = id_ref(from);
        f.to = id_ref(to);
        left.links.emplace_back(from, to);
      }
      return f;
    }
    case FaultKind::kClock: {
      static constexpr std::array kRates{0.25, 0.5, 0.8, 1.25, 2.0, 4.0};
      return ClockFault{id_ref(static_cast<NodeId>(rng.uniform_int(1, nodes))),
                        kRates[static_cast<size_t>(rng.uniform_u64(0, kRates.size() - 1))]};
    }
    case FaultKind::kDisk:
    case FaultKind::kHold: break;  // drawn by add_disk_faults and add_hold_faults, never here
  }
  return HealFault{};
}

ProtocolConfig random_config(Rng& rng, Protocol protocol) {
  switch (protocol) {
    case Protocol::kRaft: {
      RaftConfig c;
      c.pre_vote = rng.bernoulli(0.5);
      c.check_quorum = rng.bernoulli(0.5);
      static constexpr std::array<uint64_t, 4> kThresholds{0, 20, 100, 500};
      c.snapshot_threshold = kThresholds[static_cast<size_t>(rng.uniform_u64(0, kThresholds.size() - 1))];
      c.max_entries_per_message = static_cast<uint64_t>(rng.uniform_int(1, 64));
      return c;
    }
    case Protocol::kMultiPaxos: {
      MultiPaxosConfig c;
      static constexpr std::array<uint64_t, 3> kThresholds{0, 50, 500};
      c.snapshot_threshold = kThresholds[static_cast<size_t>(rng.uniform_u64(0, kThresholds.size() - 1))];
      return c;
    }
    case Protocol::kBasicPaxos: return BasicPaxosConfig{};
  }
  return RaftConfig{};
}

}  // namespace

std::string_view fault_kind_name(FaultKind k) {
  switch (k) {
    case FaultKind::kPartition: return "partition";
    case FaultKind::kIsolate: return "isolate";
    case FaultKind::kCut: return "cut";
    case FaultKind::kCrash: return "crash";
    case FaultKind::kPause: return "pause";
    case FaultKind::kNetwork: return "network";
    case FaultKind::kClock: return "clock";
    case FaultKind::kDisk: return "disk";
    case FaultKind::kHold: return "hold";
  }
  return "?";
}

std::vector<FaultKind> all_fault_kinds() { return {kAllKinds.begin(), kAllKinds.end()}; }

std::optional<std::vector<FaultKind>> parse_fault_kinds(std::string_view list, std::string& error) {
  if (list == "all") return all_fault_kinds();
  std::vector<FaultKind> kinds;
  if (list == "none" || list.empty()) return kinds;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view name = list.substr(start, comma - start);
    const auto it = std::find_if(kAllKinds.begin(), kAllKinds.end(), [&](FaultKind k) { return fault_kind_name(k) == name; });
    if (it == kAllKinds.end()) {
      std::vector<std::string_view> names{"all", "none"};
      for (FaultKind k : kAllKinds) names.push_back(fault_kind_name(k));
      error = fmt::format("unknown fault kind \"{}\"{} (expected a comma-separated list of partition, isolate, cut, "
                          "crash, pause, network, clock, disk, hold, or \"all\" or \"none\")",
                          name, did_you_mean(name, names));
      return std::nullopt;
    }
    if (std::find(kinds.begin(), kinds.end(), *it) == kinds.end()) kinds.push_back(*it);
    start = comma + 1;
  }
  return kinds;
}

namespace {

// Closed-loop clients that stop before the quiet period.
Workload random_workload(Rng& rng, const GenOptions& o) {
  Workload w;
  w.clients = static_cast<int>(rng.uniform_int(1, 3));
  w.stop = at_fraction(o.duration, kClientsStop);
  // Basic Paxos decides each key once, so it gets many keys: instances keep
  // being decided all through the fault phase.
  w.keys = o.protocol == Protocol::kBasicPaxos ? static_cast<int>(rng.uniform_int(10, 200))
                                               : static_cast<int>(rng.uniform_int(1, 8));
  return w;
}

// The fault phase: faults of the profile's kinds at random gaps from
// `faults_from` until before `heal_at`.
void add_fault_phase(Rng& rng, const GenOptions& o, const Profile& profile, Time faults_from, Time heal_at,
                     Leftovers& left, Scenario& s) {
  Time t = faults_from;
  for (;;) {
    t += Duration::us(rng.uniform_int(1, 2 * profile.mean_gap.count_us()));
    if (t >= heal_at) break;
    const FaultKind kind = profile.kinds[static_cast<size_t>(rng.uniform_u64(0, profile.kinds.size() - 1))];
    FaultAction action = random_fault(rng, kind, o.nodes, o.protocol, left);
    // A bounce: the node (often the leader) is back after a few tens of
    // milliseconds, with its durable state, often in the middle of the
    // election its crash started. Votes and old-term entries that survive
    // such crashes are where durability and commit-rule mistakes show.
    if (kind == FaultKind::kCrash && std::holds_alternative<CrashFault>(action) && rng.bernoulli(0.4)) {
      const NodeRef node = std::get<CrashFault>(action).node;
      action = CrashFault{rng.bernoulli(0.5) ? leader_ref(o.protocol) : node};
      if (node.kind == NodeRef::Kind::kId) left.down[static_cast<size_t>(node.id)] = false;
      s.faults.push_back(Fault{t, std::move(action)});
      s.faults.push_back(Fault{t + Duration::ms(rng.uniform_int(5, 120)), RestartFault{NodeRef{NodeRef::Kind::kAll, 0}}});
      continue;
    }
    s.faults.push_back(Fault{t, std::move(action)});
    // Now and then a heal inside the fault phase, so faults come in bursts.
    if (rng.bernoulli(0.2)) s.faults.push_back(Fault{t + Duration::ms(rng.uniform_int(50, 500)), HealFault{}});
  }
}

// The end of every schedule: heal, restart everyone, calm conditions, true clocks.
void add_recovery(const GenOptions& o, const Profile& profile, Time heal_at, Leftovers& left, Scenario& s) {
  s.faults.push_back(Fault{heal_at, HealFault{}});
  s.faults.push_back(Fault{heal_at, RestartFault{NodeRef{NodeRef::Kind::kAll, 0}}});
  NetworkFault calm;
  calm.delay = profile.calm.delay;
  calm.drop = 0.0;
  calm.duplicate = 0.0;
  s.faults.push_back(Fault{heal_at, calm});
  std::sort(left.links.begin(), left.links.end());
  left.links.erase(std::unique(left.links.begin(), left.links.end()), left.links.end());
  for (const auto& [from, to] : left.links) {
    NetworkFault link = calm;
    link.from = id_ref(from);
    link.to = id_ref(to);
    s.faults.push_back(Fault{heal_at, link});
  }
  for (NodeId n = 1; n <= o.nodes; ++n) s.faults.push_back(Fault{heal_at, ClockFault{id_ref(n), 1.0}});
}

// What a correct cluster shows once the faults are over.
void add_liveness_expectations(const GenOptions& o, Time clients_stop, Scenario& s) {
  const Time progress_from = at_fraction(o.duration, kProgressFrom);
  const Time converged_by = at_fraction(o.duration, kConvergedBy);
  if (o.protocol == Protocol::kBasicPaxos) {
    s.expect.push_back(DecidedExpect{converged_by});
  } else {
    s.expect.push_back(LeaderAtExpect{converged_by});
    s.expect.push_back(CommitsExpect{progress_from, clients_stop, 1, std::nullopt});
    s.expect.push_back(ConvergedExpect{converged_by});
  }
}

// For the description: what the disk, trigger and hold streams drew.
std::string drawn_apart(const Scenario& s) {
  const auto triggered = std::count_if(s.faults.begin(), s.faults.end(), [](const Fault& f) { return f.on.has_value(); });
  std::string out;
  if (s.storage.sync.max > Duration::zero())
    out += fmt::format("; disks sync in {}-{} ms", s.storage.sync.min.to_ms(), s.storage.sync.max.to_ms());
  if (triggered > 0) out += fmt::format("; {} triggered {}", triggered, triggered == 1 ? "fault" : "faults");
  const auto holds = std::count_if(s.faults.begin(), s.faults.end(),
                                   [](const Fault& f) { return std::holds_alternative<HoldFault>(f.action); });
  if (holds > 0) out += fmt::format("; {} {}", holds, holds == 1 ? "hold" : "holds");
  if (s.workload && s.workload->key_skew) out += fmt::format("; hot keys (skew {})", *s.workload->key_skew);
  return out;
}

}  // namespace

Scenario generate_scenario(const GenOptions& o) {
  Rng rng = RandomStreams(o.seed).stream("generator");
  const Profile profile = draw_profile(rng, o);
  Scenario s;
  s.name = fmt::format("gen-{}-n{}-s{}", protocol_name(o.protocol), o.nodes, o.seed);
  std::string kinds;
  for (FaultKind k : profile.kinds) kinds += (kinds.empty() ? "" : ",") + std::string(fault_kind_name(k));
  s.protocol = o.protocol;
  s.nodes = o.nodes;
  s.seed = o.seed;
  s.duration = o.duration;
  s.config = random_config(rng, o.protocol);
  s.network = profile.calm;
  s.workload = random_workload(rng, o);
  add_contention(o, s);
  add_bound_clients(o, s);
  add_hot_keys(o, s);

  const Time heal_at = at_fraction(o.duration, kHealAt);
  Leftovers left;
  left.down.assign(static_cast<size_t>(o.nodes) + 1, false);
  if (!profile.kinds.empty()) {
    add_fault_phase(rng, o, profile, at_fraction(o.duration, kFaultsFrom), heal_at, left, s);
    std::stable_sort(s.faults.begin(), s.faults.end(), [](const Fault& a, const Fault& b) { return a.at < b.at; });
    while (!s.faults.empty() && s.faults.back().at >= heal_at) s.faults.pop_back();
  }
  add_recovery(o, profile, heal_at, left, s);
  add_disk_faults(o, at_fraction(o.duration, kFaultsFrom), heal_at, s);
  add_hold_faults(o, at_fraction(o.duration, kFaultsFrom), heal_at, s);
  add_triggered_faults(o, profile.kinds, at_fraction(o.duration, kFaultsFrom), heal_at, s);
  s.description = fmt::format("Generated for seed {}: faults {}{}, then heal, restart and a quiet period.", o.seed,
                              kinds.empty() ? "none" : kinds, drawn_apart(s));
  std::stable_sort(s.faults.begin(), s.faults.end(), [](const Fault& a, const Fault& b) { return a.at < b.at; });
  apply_mutations(s, o, o.mutations);
  add_liveness_expectations(o, s.workload->stop, s);
  return s;
}

}  // namespace consim
