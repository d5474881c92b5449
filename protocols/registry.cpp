#include "protocols/registry.h"

#include "protocols/multipaxos/node.h"
#include "protocols/paxos/node.h"
#include "protocols/raft/node.h"

namespace consim {

NodeFactory node_factory(Protocol p) {
  switch (p) {
    case Protocol::kRaft: return &raft::make_raft_node;
    case Protocol::kBasicPaxos: return &paxos::make_basic_paxos_node;
    case Protocol::kMultiPaxos: return &multipaxos::make_multi_paxos_node;
  }
  return nullptr;
}

}  // namespace consim
