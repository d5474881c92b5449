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

std::optional<LeaderKnobs> leader_knobs(const ProtocolConfig& c) {
  if (const auto* r = std::get_if<RaftConfig>(&c))
    return LeaderKnobs{r->election_timeout, r->heartbeat, r->snapshot_threshold, r->max_entries_per_message};
  if (const auto* m = std::get_if<MultiPaxosConfig>(&c))
    return LeaderKnobs{m->leader_timeout, m->heartbeat, m->snapshot_threshold, m->max_entries_per_message};
  return std::nullopt;
}

}  // namespace

ProtocolConfig config_for(Protocol to, const ProtocolConfig& from) {
  if (default_config(to).index() == from.index()) return from;
  const auto knobs = leader_knobs(from);
  if (!knobs) return default_config(to);
  switch (to) {
    case Protocol::kRaft: {
      RaftConfig r;
      r.election_timeout = knobs->timeout;
      r.heartbeat = knobs->heartbeat;
      r.snapshot_threshold = knobs->snapshot_threshold;
      r.max_entries_per_message = knobs->max_entries_per_message;
      return r;
    }
    case Protocol::kMultiPaxos: {
      MultiPaxosConfig m;
      m.leader_timeout = knobs->timeout;
      m.heartbeat = knobs->heartbeat;
      m.snapshot_threshold = knobs->snapshot_threshold;
      m.max_entries_per_message = knobs->max_entries_per_message;
      return m;
    }
    case Protocol::kBasicPaxos: return BasicPaxosConfig{};
  }
  return default_config(to);
}

}  // namespace consim
