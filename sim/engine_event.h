// The payload of one pending event in the engine's queue.
#pragma once

#include <cstdint>
#include <memory>

#include "protocols/core/command.h"
#include "protocols/core/message.h"

namespace consim {

struct EngineEvent {
  enum class Kind : uint8_t {
    kDeliver,         // a node-to-node message arrives
    kTimer,           // a node's timer fires
    kSynced,          // a node's disk sync completes
    kRequestArrives,  // a client request reaches a node
    kReplyArrives,    // a node's answer reaches its client
    kClientTimer,     // a client's think time or timeout ends
    kFault,           // the timeline's next fault
    kCheck,           // a point-in-time expectation
    kResume,          // a paused node resumes
  };
  Kind kind = Kind::kDeliver;
  NodeId node = 0;           // the node it is for (0: none)
  NodeId from = 0;           // kDeliver: the sender
  uint32_t incarnation = 0;  // the node's incarnation when scheduled; stale ones are dropped
  int32_t tag = 0;           // kTimer: timer kind; kClientTimer: client id
  uint64_t id = 0;           // message id, sync id, fault index, timer seq or client token
  uint64_t aux = 0;          // kSynced: records covered
  uint64_t aux2 = 0;         // kSynced: journal epoch
  MessagePtr message;                        // kDeliver
  std::shared_ptr<const ClientRequest> request;  // kRequestArrives
  std::shared_ptr<const ClientReply> reply;      // kReplyArrives
};

}  // namespace consim
