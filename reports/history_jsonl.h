// The client history as Jepsen-style JSON Lines, so that external checkers
// (Knossos, Porcupine, Elle) and plotting scripts can read it. One line per
// event, in time order: each operation's invocation, then its completion.
//
//   {"index":0,"time":12000000,"time_ms":12.0,"process":1,"type":"invoke","f":"put","key":"k1","value":"c1-1"}
//   {"index":1,"time":14500000,"time_ms":14.5,"process":1,"type":"ok","f":"put","key":"k1","value":"c1-1"}
//
// `process` is the client id; `time` is nanoseconds (an integer, as in
// Jepsen), `time_ms` the same in milliseconds. `value` is the value written on
// the invocation of a put or append (null for a get) and the value returned on
// an "ok" (for writes, the value after the write). An operation with no answer
// by the end of the run ends with an "info" line (outcome unknown) carrying
// its invocation's value; those lines come last, at the time of the latest
// event in the history. The history holds no definite failures, so there are
// no "fail" lines.
//
// Equal times are ordered by client, then by the client's own order, so each
// process's lines alternate invoke / completion.
#pragma once

#include <cstdio>

#include "sim/history.h"

namespace consim {

void write_history_jsonl(const History& h, std::FILE* out);

}  // namespace consim
