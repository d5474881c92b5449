#include "protocols/registry.h"

#include "protocols/raft/node.h"

namespace consim {

NodeFactory node_factory(Protocol p) {
  switch (p) {
    case Protocol::kRaft: return &raft::make_raft_node;
    case Protocol::kBasicPaxos: return nullptr;  // not implemented yet
    case Protocol::kMultiPaxos: return nullptr;  // not implemented yet
  }
  return nullptr;
}

}  // namespace consim
