// Reading back a run's JSON Lines trace (sim/trace.h), for the reports that
// are built from it after the run: the HTML report and the Perfetto export.
// The CLI gives the engine a temporary file as its trace and hands that file
// here once the run is over.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "protocols/core/time.h"

namespace consim {

// One trace event: its time, node (0 for cluster-wide events such as faults
// and client invocations), kind, and the whole line for the kind's fields.
struct TraceEvent {
  Time t;
  int node = 0;
  std::string_view kind;
  const nlohmann::json& fields;

  uint64_t u64(const char* name, uint64_t fallback = 0) const;
  std::string_view str(const char* name) const;  // "" when absent or not a string
};

// Calls `visit` for every line of `jsonl` that is a JSON object, from the
// file's first line (a run's trace, or the run summaries of `sweep --out`).
// Returns the number of objects read.
uint64_t for_each_json_line(std::FILE* jsonl, const std::function<void(const nlohmann::json&)>& visit);

// Calls `visit` for every event of `trace`, from its first line. Lines that
// are not JSON objects are skipped (a trace is written by consim itself, so
// there are none). Returns the number of events read.
uint64_t for_each_trace_event(std::FILE* trace, const std::function<void(const TraceEvent&)>& visit);

// Copies the whole of `from` (from its start) to `to`: the trace the user
// asked for with --trace when a report already took the engine's trace.
void copy_file_contents(std::FILE* from, std::FILE* to);

}  // namespace consim
