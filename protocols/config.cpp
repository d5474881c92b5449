#include "protocols/config.h"

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

}  // namespace consim
