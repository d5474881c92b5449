// The payload of one pending event in the engine's queue: whom it is for (a
// node and that node's incarnation when it was scheduled, or no node) and
// what happens, one named struct per kind.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <variant>

#include "protocols/core/command.h"
#include "protocols/core/message.h"
#include "sim/disk.h"

namespace consim {

// A node-to-node message arrives.
struct MessageArrives {
  NodeId from = 0;
  uint64_t msg = 0;  // the id its send was traced with
  MessagePtr message;
};

// A node's timer fires.
struct TimerFires {
  int kind = 0;         // the node's own timer kind
  uint64_t handle = 0;  // the handle's seq, which names the timer in NodeSlot::timers
};

// A node's disk sync completes.
struct SyncCompletes {
  Disk::PendingSync sync;
};

// A client request reaches a node.
struct RequestArrives {
  std::shared_ptr<const ClientRequest> request;
};

// A node's answer reaches its client.
struct ReplyArrives {
  NodeId from = 0;
  std::shared_ptr<const ClientReply> reply;
};

// A client's think time or timeout ends.
struct ClientTimerFires {
  ClientId client = 0;
  uint64_t token = 0;
};

// The timeline's next fault, or one a trigger (or a crash's restart_after) fired.
struct FaultFires {
  size_t index = 0;     // into Scenario::faults, or Engine::fired_ when `fired`
  bool fired = false;
};

// A point-in-time expectation is due.
struct CheckDue {};

// A paused node resumes.
struct PauseEnds {};

struct EngineEvent {
  NodeId node = 0;           // the node it is for (0: none)
  uint32_t incarnation = 0;  // the node's incarnation when scheduled; stale ones are dropped
  std::variant<MessageArrives, TimerFires, SyncCompletes, RequestArrives, ReplyArrives, ClientTimerFires, FaultFires,
               CheckDue, PauseEnds>
      what;
};

}  // namespace consim
