// What the fuzz targets check on each input, shared with the Catch2 test
// that replays every input they ever found (tests/scenarios/regressions/).
// Each check returns an empty string when every property held, else a line
// naming the first one broken; the fuzz targets abort on it, the test fails.
//
// The properties are the promise: bad input is a clean error naming
// the file, never a crash; a valid scenario runs, within its bounds, the same
// way twice, and everything it prints is well-formed.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "reports/summary_json.h"
#include "reports/summary_text.h"
#include "scenarios/json_reader.h"
#include "scenarios/loader.h"
#include "sim/engine.h"

namespace consim::fuzz {

inline constexpr const char* kFileName = "fuzz.json";

// The loader and validator: any bytes in, errors or a scenario out.
inline std::string check_loader_input(std::string_view text) {
  const LoadResult r = parse_scenario(text, kFileName);
  if (r.ok() == !r.errors.empty() || r.scenario.has_value() != r.ok()) return "ok() disagrees with the errors";
  for (const std::string& e : r.errors)
    if (!e.starts_with(std::string(kFileName) + ":") || e.find('\n') != std::string::npos)
      return "an error is not one line naming the file: " + e;

  // The depth pre-scan (used before nlohmann's own parser) agrees with the
  // strict parser: a document the strict parser builds is never too deep.
  JsonErrors ignored(kFileName);
  if (parse_json_strict(text, ignored) && json_nesting_exceeds(text)) return "json_nesting_exceeds rejects a document";

  if (!r.ok()) return {};
  // What the loader accepts, scenario_to_json writes back as a document the
  // loader accepts and reads as the same scenario.
  const nlohmann::json doc = scenario_to_json(*r.scenario);
  const std::string written = doc.dump();
  const LoadResult back = parse_scenario(written, kFileName);
  if (!back.ok()) return "scenario_to_json wrote a file the loader rejects: " + back.errors.front();
  if (scenario_to_json(*back.scenario) != doc) return "scenario_to_json does not round-trip: " + written;
  return {};
}

// The end-to-end target keeps each input to milliseconds: at most this many
// nodes and clients (larger inputs are skipped, not run), and these run bounds.
inline constexpr int kFuzzMaxNodes = 7;
inline constexpr int kMaxClients = 16;
inline RunOptions run_options() {
  RunOptions o;
  o.max_events = 5'000;
  o.max_in_flight = 5'000;
  o.max_history_ops = 500;
  o.max_log_entries = 1'000;
  o.linearizability_max_states = 5'000;
  return o;
}

// The scenario of `text` if the end-to-end target runs it: valid and within the caps.
inline std::optional<Scenario> runnable(std::string_view text) {
  LoadResult r = parse_scenario(text, kFileName);
  if (!r.ok() || r.scenario->nodes > kFuzzMaxNodes) return std::nullopt;
  if (r.scenario->workload && r.scenario->workload->clients > kMaxClients) return std::nullopt;
  return std::move(r.scenario);
}

// Splits a trace into lines; every one must be JSON, the last one the end.
inline std::string check_trace(const std::string& trace) {
  size_t lines = 0;
  for (size_t begin = 0; begin < trace.size();) {
    const size_t end = trace.find('\n', begin);
    if (end == std::string::npos) return "the trace ends without a newline";
    const std::string_view line(trace.data() + begin, end - begin);
    if (!nlohmann::json::accept(line)) return "a trace line is not JSON: " + std::string(line.substr(0, 200));
    ++lines;
    begin = end + 1;
  }
  if (lines < 2 || trace.rfind("\"kind\":\"end\"") == std::string::npos) return "the trace lacks its start or end";
  return {};
}

// A valid scenario runs to a summary within its bounds, twice the same way
// (with and without a trace: writing one changes nothing), and its trace and
// summaries are well-formed.
inline std::string check_run_input(std::string_view text) {
  const std::optional<Scenario> s = runnable(text);
  if (!s) return {};
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* trace = open_memstream(&buffer, &size);
  if (!trace) return {};
  RunOptions with_trace = run_options();
  with_trace.trace = trace;
  Summary first;
  Summary second;
  try {
    first = run_scenario(*s, with_trace);
    second = run_scenario(*s, run_options());
  } catch (const std::invalid_argument&) {  // a protocol without an implementation: a clean error
    std::fclose(trace);
    std::free(buffer);
    return {};
  }
  std::fclose(trace);
  const std::string trace_text(buffer, size);
  std::free(buffer);

  if (first.trace_hash != second.trace_hash)
    return "one scenario, two runs, two trace hashes: " + first.trace_hash + " and " + second.trace_hash;
  if (first.events > run_options().max_events) return "the run went past max_events";
  if (first.pass && first.stopped_early) return "a run that stopped early passed";
  if (!first.stopped_early && first.sim_time_ms != s->duration.to_ms())
    return "a run that did not stop early ended before duration_ms";
  if (auto bad = check_trace(trace_text); !bad.empty()) return bad;
  const std::string json_text = summary_to_json(first).dump();
  if (!nlohmann::json::accept(json_text)) return "the summary JSON does not parse";
  if (summary_to_text(first).empty()) return "the text summary is empty";
  return {};
}

}  // namespace consim::fuzz
