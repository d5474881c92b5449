// The data behind the HTML report of one run: the summary's identity and
// verdict, and the run's timeline (reports/run_timeline.h) in the compact
// JSON form the report's script draws from. Times are milliseconds.
//
//   run        scenario, protocol, nodes, seed, bugs, result, repro, ...
//   end_ms     the run's length
//   roles      [node, from, to, role, term]
//   up, down, paused                [node, from, to]
//   cut_off    [node, from, to, label, cause, minority (1: cannot reach a majority)]
//   faults     [t, type, detail, applied]
//   elections  [t, node, term]
//   commits    {total, marks: [t, node, index]} (marks sampled beyond 8000)
//   messages   {sent, stride, types, arrows: [from, to, sent, ended, type, fate]}
//              (fate: 0 delivered, 1 dropped in flight, 2 lost at send, 3 in flight at the end)
//   latencies  {total, points: [t, latency, node]} (points sampled beyond 6000)
//   series     {bucket_ms, commits, answers_ok, drops, sends_by_node, latency_p50, latency_p99, latency_max}
//   violations [{invariant, time_ms, nodes, detail, window: [from, to], witness: [...]}]
//   focus      [from, to]: where the diagram opens (the first violation), or null
//   truncated  a bound on spans or marks was hit
#pragma once

#include <cstdio>

#include <nlohmann/json.hpp>

#include "reports/run_timeline.h"
#include "sim/summary.h"

namespace consim {

// Reads the run's trace and builds the report data.
nlohmann::ordered_json build_run_report_data(std::FILE* trace, const Summary& summary);

}  // namespace consim
