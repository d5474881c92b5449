#include "protocols/core/config.h"

#include <optional>

namespace consim {

std::string_view protocol_name(Protocol p) {
  switch (p) {
    case Protocol::kRaft: return "raft";
    case Protocol::kBasicPaxos: return "basic-paxos";
    case Protocol::kMultiPaxos: return "multi-paxos";
  }
  return "?";
}

ProtocolConfig default_config(Protocol p) {
  switch (p) {
    case Protocol::kRaft: return RaftConfig{};
    case Protocol::kBasicPaxos: return BasicPaxosConfig{};
    case Protocol::kMultiPaxos: return MultiPaxosConfig{};
  }
  return RaftConfig{};
}

namespace {

struct LeaderKnobs {
  DurationRange timeout;
  Duration heartbeat;
  uint64_t snapshot_threshold;
  uint64_t max_entries_per_message;
};

// Raft and Multi-Paxos name their leader timeout differently
// (election_timeout, leader_timeout); the other knobs share names.
template <typename C>
LeaderKnobs knobs_of(const C& c, DurationRange C::*timeout) {
  return LeaderKnobs{c.*timeout, c.heartbeat, c.snapshot_threshold, c.max_entries_per_message};
}

template <typename C>
C with_knobs(const LeaderKnobs& k, DurationRange C::*timeout) {
  C c;
  c.*timeout = k.timeout;
  c.heartbeat = k.heartbeat;
  c.snapshot_threshold = k.snapshot_threshold;
  c.max_entries_per_message = k.max_entries_per_message;
  return c;
}

std::optional<LeaderKnobs> leader_knobs(const ProtocolConfig& c) {
  if (const auto* r = std::get_if<RaftConfig>(&c)) return knobs_of(*r, &RaftConfig::election_timeout);
  if (const auto* m = std::get_if<MultiPaxosConfig>(&c)) return knobs_of(*m, &MultiPaxosConfig::leader_timeout);
  return std::nullopt;
}

}  // namespace

ProtocolConfig config_for(Protocol to, const ProtocolConfig& from) {
  if (default_config(to).index() == from.index()) return from;
  const auto knobs = leader_knobs(from);
  if (!knobs) return default_config(to);
  switch (to) {
    case Protocol::kRaft: return with_knobs(*knobs, &RaftConfig::election_timeout);
    case Protocol::kMultiPaxos: return with_knobs(*knobs, &MultiPaxosConfig::leader_timeout);
    case Protocol::kBasicPaxos: return BasicPaxosConfig{};
  }
  return default_config(to);
}

}  // namespace consim
