// The client history: one entry per client operation (a request id), with
// its invocation and, if it got one, its answer. Retries of a request share
// its entry. What checkers of client-visible behaviour and reports read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocols/core/command.h"
#include "protocols/core/time.h"

namespace consim {

enum class Outcome : uint8_t {
  kPending,  // no answer by the end of the run: it may or may not have taken effect
  kOk,       // answered successfully
};

struct HistoryOp {
  ClientId client = 0;
  uint64_t seq = 0;
  OpType op = OpType::kGet;
  std::string key;
  std::string value;   // the value written (put/append)
  Time invoke;
  Time complete;       // valid when outcome == kOk
  Outcome outcome = Outcome::kPending;
  std::string result;  // the value returned
  NodeId node = 0;     // the node that answered (or was last asked)
  int attempts = 0;    // sends, retries included
};

using History = std::vector<HistoryOp>;

}  // namespace consim
