#include "protocols/registry.h"

#include "protocols/multipaxos/node.h"
#include "protocols/paxos/node.h"
#include "protocols/raft/node.h"

namespace consim {

ProtocolTraits protocol_traits(Protocol p) {
  switch (p) {
    case Protocol::kRaft: return {&raft::make_raft_node, CommitCounting::kCommitIndex, ClientObject::kKeyValue};
    case Protocol::kBasicPaxos:
      return {&paxos::make_basic_paxos_node, CommitCounting::kFirstLearnPerValue, ClientObject::kWriteOnceRegister};
    case Protocol::kMultiPaxos:
      return {&multipaxos::make_multi_paxos_node, CommitCounting::kCommitIndex, ClientObject::kKeyValue};
  }
  return {};
}

}  // namespace consim
