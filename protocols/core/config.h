// Protocol knobs from a scenario's `config` object, with the project's
// defaults (documented in scenarios/README.md).
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "protocols/core/time.h"

namespace consim {

enum class Protocol : uint8_t { kRaft, kBasicPaxos, kMultiPaxos };

std::string_view protocol_name(Protocol p);  // "raft", "basic-paxos", "multi-paxos"

struct RaftConfig {
  DurationRange election_timeout{Duration::ms(150), Duration::ms(300)};
  Duration heartbeat = Duration::ms(50);
  bool pre_vote = false;
  bool check_quorum = false;
  uint64_t snapshot_threshold = 0;  // 0: never compact
  uint64_t max_entries_per_message = 64;
};

struct MultiPaxosConfig {
  DurationRange leader_timeout{Duration::ms(150), Duration::ms(300)};
  Duration heartbeat = Duration::ms(50);
  uint64_t snapshot_threshold = 0;
  uint64_t max_entries_per_message = 64;
};

struct BasicPaxosConfig {
  DurationRange retry_backoff{Duration::ms(10), Duration::ms(50)};
};

using ProtocolConfig = std::variant<RaftConfig, BasicPaxosConfig, MultiPaxosConfig>;

ProtocolConfig default_config(Protocol p);

// `from`, carried over to protocol `to` as far as the knobs mean the same:
// Raft's election timeout is Multi-Paxos's leader timeout, and heartbeat,
// snapshot threshold and batch size carry over between the two; Basic Paxos
// shares none of them and gets its defaults. For running one scenario on
// several protocols (`consim compare`).
ProtocolConfig config_for(Protocol to, const ProtocolConfig& from);

}  // namespace consim
