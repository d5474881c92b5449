// The client history as EDN, the format Jepsen's checkers (Knossos, Elle)
// read: one map per line, the same events in the same order as the JSON
// Lines export (reports/history_events.h):
//
//   {:index 0, :time 12000000, :process 1, :type :invoke, :f :put, :key "k1", :value ["k1" "c1-1"]}
//   {:index 1, :time 14500000, :process 1, :type :ok, :f :put, :key "k1", :value ["k1" "c1-1"]}
//
// `:value` is a [key value] tuple, as jepsen.independent writes histories of
// many keys, so a per-key checker splits it; the value is nil on the
// invocation of a get, and on an :ok the value the key held after the
// operation (what a get read, or what a write left). `:key` repeats the key
// for readers that do not split tuples. `:f` is :put, :get or :append
// (append concatenates strings).
#pragma once

#include <cstdio>

#include "sim/history.h"

namespace consim {

void write_history_edn(const History& h, std::FILE* out);

}  // namespace consim
