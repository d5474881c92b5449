#include "protocols/registry.h"

#include <memory>
#include <variant>

#include "protocols/multipaxos/node.h"
#include "protocols/paxos/node.h"
#include "protocols/raft/node.h"

namespace consim {
namespace {

// Every protocol's node is made the same way: from its id, the cluster size
// and its own kind of config (its defaults if the setup carries none).
template <typename NodeT, typename ConfigT>
std::unique_ptr<Node> make_node(const NodeSetup& setup) {
  const ConfigT* config = setup.config ? std::get_if<ConfigT>(setup.config) : nullptr;
  return std::make_unique<NodeT>(setup.id, setup.nodes, config ? *config : ConfigT{});
}

}  // namespace

ProtocolTraits protocol_traits(Protocol p) {
  switch (p) {
    case Protocol::kRaft:
      return {&make_node<raft::RaftNode, RaftConfig>, CommitCounting::kCommitIndex, ClientObject::kKeyValue,
              payload_type_names<raft::RaftPayload>()};
    case Protocol::kBasicPaxos:
      return {&make_node<paxos::PaxosNode, BasicPaxosConfig>, CommitCounting::kFirstLearnPerValue,
              ClientObject::kWriteOnceRegister, payload_type_names<paxos::PaxosPayload>()};
    case Protocol::kMultiPaxos:
      return {&make_node<multipaxos::MultiPaxosNode, MultiPaxosConfig>, CommitCounting::kCommitIndex,
              ClientObject::kKeyValue, payload_type_names<multipaxos::MultiPaxosPayload>()};
  }
  return {};
}

}  // namespace consim
