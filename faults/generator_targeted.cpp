#include "faults/generator_targeted.h"

#include <algorithm>
#include <array>

#include "protocols/core/random.h"

namespace consim::generator {

NodeRef id_ref(NodeId id) { return NodeRef{NodeRef::Kind::kId, id}; }

NodeRef leader_ref(Protocol protocol) {
  return NodeRef{protocol == Protocol::kBasicPaxos ? NodeRef::Kind::kRandom : NodeRef::Kind::kLeader, 0};
}

// Disks that take time to sync, so that a crash can fall between a write and
// its sync and lose it: a latency range for every disk from the start (drawn
// per sync), and slow-disk episodes on one node (often the leader) during the
// fault phase. At the heal every disk is back to the base range.
void add_disk_faults(const GenOptions& o, Time faults_from, Time heal_at, Scenario& s) {
  if (std::find(o.kinds.begin(), o.kinds.end(), FaultKind::kDisk) == o.kinds.end()) return;
  Rng rng = RandomStreams(o.seed).stream("generator.disk");
  if (!rng.bernoulli(0.75)) return;
  static constexpr std::array<int64_t, 5> kBaseMaxMs{1, 2, 5, 10, 20};
  const DurationRange base{Duration::zero(),
                           Duration::ms(kBaseMaxMs[static_cast<size_t>(rng.uniform_u64(0, kBaseMaxMs.size() - 1))])};
  s.storage.sync = base;
  const NodeRef all{NodeRef::Kind::kAll, 0};
  const auto episodes = rng.uniform_int(0, 3);
  const int64_t span_us = (heal_at - faults_from).count_us();
  for (int64_t i = 0; i < episodes && span_us > 0; ++i) {
    const Time at = faults_from + Duration::us(rng.uniform_int(0, span_us - 1));
    const NodeRef node = rng.bernoulli(0.4) ? leader_ref(o.protocol)
                                            : id_ref(static_cast<NodeId>(rng.uniform_int(1, o.nodes)));
    const DurationRange slow{Duration::ms(rng.uniform_int(10, 50)), Duration::ms(rng.uniform_int(60, 400))};
    s.faults.push_back(Fault{at, DiskFault{node, slow}});
    const Time until = at + Duration::ms(rng.uniform_int(100, 1500));
    if (until < heal_at) s.faults.push_back(Fault{until, DiskFault{all, base}});
  }
  s.faults.push_back(Fault{heal_at, DiskFault{all, base}});
}

namespace {

const NodeRef kTriggerNode{NodeRef::Kind::kTrigger, 0};

// The message with which a node grants its vote or promise (phase 1b), and
// the one with which a proposer or leader asks acceptors to accept (phase 2a).
std::string_view grant_message(Protocol p) {
  return p == Protocol::kRaft ? "RequestVoteReply" : p == Protocol::kBasicPaxos ? "Promise" : "P1b";
}
std::string_view accept_message(Protocol p) {
  return p == Protocol::kRaft ? "AppendEntries" : p == Protocol::kBasicPaxos ? "Accept" : "P2a";
}
// Its answer (phase 2b), and the request for a vote or promise (phase 1a).
std::string_view accepted_message(Protocol p) {
  return p == Protocol::kRaft ? "AppendEntriesReply" : p == Protocol::kBasicPaxos ? "Accepted" : "P2b";
}
std::string_view ask_message(Protocol p) {
  return p == Protocol::kRaft ? "RequestVote" : p == Protocol::kBasicPaxos ? "Prepare" : "P1a";
}

bool has(const std::vector<FaultKind>& kinds, FaultKind k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); }

// Armed over the fault phase, ending early enough that a fault it fires
// (at most `latest_after` later) still lands before the heal.
Trigger armed(Rng& rng, TriggerEvent event, Time heal_at, Duration latest_after) {
  Trigger t;
  t.event = event;
  t.probability = static_cast<double>(rng.uniform_int(2, 10)) / 10.0;
  t.times = static_cast<uint64_t>(rng.uniform_int(1, 3));
  t.until = heal_at - latest_after - Duration::ms(20);
  return t;
}

}  // namespace

// Crash a node just after it granted a vote or a promise, and bring it back
// soon (what forgets an undurable vote); crash a proposer or leader between
// its phases; cut off a new leader, or one that just appended an entry of a
// new term, before it can replicate (Raft's Figure 8).
void add_triggered_faults(const GenOptions& o, const std::vector<FaultKind>& kinds, Time faults_from, Time heal_at,
                          Scenario& s) {
  Rng rng = RandomStreams(o.seed).stream("generator.triggers");
  const auto add = [&](Trigger t, FaultAction action) {
    if (t.until && *t.until > faults_from) s.faults.push_back(Fault{faults_from, std::move(action), std::move(t)});
  };
  const auto bounce = [&](Duration max_restart) {
    return CrashFault{kTriggerNode, Duration::ms(rng.uniform_int(1, max_restart.count_us() / 1000))};
  };
  if (has(kinds, FaultKind::kCrash) && rng.bernoulli(0.7)) {
    Trigger t = armed(rng, TriggerEvent::kSend, heal_at, Duration::ms(2));
    t.message = grant_message(o.protocol);
    t.after = DurationRange{Duration::zero(), Duration::ms(2)};
    // Elections are few: spend more firings on them, and come back before
    // the election is over.
    t.times = static_cast<uint64_t>(rng.uniform_int(2, 8));
    add(t, bounce(Duration::ms(30)));
  }
  if (has(kinds, FaultKind::kCrash) && rng.bernoulli(0.3)) {
    Trigger t = armed(rng, TriggerEvent::kSend, heal_at, Duration::ms(5));
    t.message = accept_message(o.protocol);
    t.after = DurationRange{Duration::zero(), Duration::ms(5)};
    add(t, bounce(Duration::ms(300)));
  }
  const bool cuts = has(kinds, FaultKind::kIsolate) || has(kinds, FaultKind::kPartition);
  if (o.protocol != Protocol::kBasicPaxos && (cuts || has(kinds, FaultKind::kCrash)) && rng.bernoulli(0.6)) {
    const bool new_term = o.protocol == Protocol::kRaft && rng.bernoulli(0.5);
    Trigger t = armed(rng, new_term ? TriggerEvent::kAppend : TriggerEvent::kLeader, heal_at, Duration::ms(30));
    t.new_term = new_term;
    // Often within one network delay, so that only some followers have the
    // new entry when its leader goes (Figure 8's partial replication).
    t.after = DurationRange{Duration::zero(), Duration::ms(rng.bernoulli(0.5) ? rng.uniform_int(1, 5)
                                                                              : rng.uniform_int(6, 30))};
    if (cuts && (!has(kinds, FaultKind::kCrash) || rng.bernoulli(0.5))) add(t, IsolateFault{kTriggerNode});
    else add(t, bounce(Duration::ms(400)));
  }
}

// A hold episode: one link, whoever leads, or one message type, held back
// by up to two seconds for a while.
HoldFault hold_episode(Rng& rng, const GenOptions& o) {
  HoldFault h;
  const auto roll = rng.uniform_int(0, 3);
  if (roll == 0 && o.nodes >= 2) {
    const auto from = static_cast<NodeId>(rng.uniform_int(1, o.nodes));
    auto to = static_cast<NodeId>(rng.uniform_int(1, o.nodes - 1));
    if (to >= from) ++to;
    h.from = id_ref(from);
    h.to = id_ref(to);
  } else if (roll == 1) {
    h.from = leader_ref(o.protocol);
  } else {
    const std::array types{accept_message(o.protocol), accepted_message(o.protocol), grant_message(o.protocol),
                           ask_message(o.protocol)};
    h.message = types[static_cast<size_t>(rng.uniform_u64(0, types.size() - 1))];
  }
  h.delay = DurationRange{Duration::ms(rng.uniform_int(20, 200)), Duration::ms(rng.uniform_int(300, 2000))};
  h.probability = static_cast<double>(rng.uniform_int(2, 10)) / 10.0;
  h.count = static_cast<uint64_t>(rng.uniform_int(1, 20));
  h.duration = Duration::ms(rng.uniform_int(100, 1500));
  return h;
}

// Messages held back and delivered late ("generator.hold"), half the time:
// episodes in which a link, the leader's messages or one message type are
// held back, so that they arrive after newer ones (stale replies, an old
// AppendEntries after a newer one, a late accept); and, on raft and
// multi-paxos, a new leader's first phase-2 messages held back, so that they
// arrive after those it sends next.
void add_hold_faults(const GenOptions& o, Time faults_from, Time heal_at, Scenario& s) {
  if (!has(o.kinds, FaultKind::kHold)) return;
  Rng rng = RandomStreams(o.seed).stream("generator.hold");
  if (!rng.bernoulli(0.5)) return;
  const int64_t span_us = (heal_at - faults_from).count_us();
  const auto episodes = rng.uniform_int(1, 3);
  for (int64_t i = 0; i < episodes && span_us > 0; ++i) {
    const Time at = faults_from + Duration::us(rng.uniform_int(0, span_us - 1));
    HoldFault h = hold_episode(rng, o);
    h.duration = std::min(*h.duration, heal_at - at);  // the heal calms the network
    s.faults.push_back(Fault{at, std::move(h)});
  }
  if (o.protocol == Protocol::kBasicPaxos || !rng.bernoulli(0.5)) return;
  Trigger t = armed(rng, TriggerEvent::kLeader, heal_at, Duration::ms(1));
  HoldFault h;
  h.from = kTriggerNode;
  h.message = accept_message(o.protocol);
  h.delay = DurationRange{Duration::ms(rng.uniform_int(20, 100)), Duration::ms(rng.uniform_int(150, 1000))};
  h.count = static_cast<uint64_t>(rng.uniform_int(1, 4));
  h.duration = Duration::ms(500);
  if (t.until && *t.until > faults_from) s.faults.push_back(Fault{faults_from, std::move(h), std::move(t)});
}

// Basic Paxos under contention ("generator.contention"), half the time:
// several clients on one fresh key at a time (ops_per_key), each through its
// own node, so that every instance sees duelling proposers.
void add_contention(const GenOptions& o, Scenario& s) {
  if (o.protocol != Protocol::kBasicPaxos || !s.workload) return;
  Rng rng = RandomStreams(o.seed).stream("generator.contention");
  if (!rng.bernoulli(0.5)) return;
  Workload& w = *s.workload;
  w.clients = static_cast<int>(rng.uniform_int(3, 6));
  w.ops_per_key = static_cast<uint64_t>(w.clients * rng.uniform_int(1, 2));
  w.keys = 1000;
  // Under contention a write can take a second or two once readers stop (a
  // proposer yields to their rounds, and a client that gives up on a node
  // starts over at another): the clients stop early enough that the last
  // write is decided before the run's `decided` check.
  w.stop = std::min(w.stop, Time::zero() + Duration::us(o.duration.count_us() * 7 / 10));
}

// Raft and Multi-Paxos with clients bound to nodes, as Jepsen's are
// ("generator.clients"), three seeds in ten: one client per node, so that
// whoever leads has a client, and a leader cut off in a minority keeps being
// asked.
void add_bound_clients(const GenOptions& o, Scenario& s) {
  if (o.protocol == Protocol::kBasicPaxos || !s.workload || o.nodes > 7) return;
  Rng rng = RandomStreams(o.seed).stream("generator.clients");
  if (!rng.bernoulli(0.3)) return;
  s.workload->bound = true;
  s.workload->clients = o.nodes;
}

// Hot keys ("generator.keys"), four seeds in ten where clients draw their
// keys: most requests on a few keys, so that a stale read has a recent write
// of its own key to miss, and a log a conflicting write to hold.
void add_hot_keys(const GenOptions& o, Scenario& s) {
  if (!s.workload || s.workload->ops_per_key) return;
  Rng rng = RandomStreams(o.seed).stream("generator.keys");
  if (!rng.bernoulli(0.4)) return;
  s.workload->key_skew = static_cast<double>(rng.uniform_int(80, 200)) / 100.0;
}

}  // namespace consim::generator
