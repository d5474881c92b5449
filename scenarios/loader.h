// Scenario files (scenarios/README.md) in and out. The loader is strict: every
// field is checked for type and range, unknown fields are errors, and every
// problem of a file is reported (not just the first) as
// "FILE: /json/pointer: what was expected (got X)". The accepted fields, their
// defaults and ranges are documented in scenarios/README.md and mirrored by
// scenarios/scenario.schema.json.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocols/core/quorum.h"
#include "scenarios/scenario.h"

namespace consim {

struct LoadResult {
  std::optional<Scenario> scenario;  // set exactly when there are no errors
  std::vector<std::string> errors;   // one line per problem
  bool ok() const { return scenario.has_value() && errors.empty(); }
};

// Validates a scenario given as JSON text; `file_for_messages` prefixes each
// error. The result's source_path stays empty.
LoadResult parse_scenario(std::string_view json_text, const std::string& file_for_messages);

// Reads and validates a scenario file. A missing, unreadable or empty file, or
// a directory, is an error like any other. Sets source_path to `path`.
LoadResult load_scenario_file(const std::string& path);

// The inverse of parse_scenario: a document that parse_scenario accepts and
// that reads back as an equal Scenario (times in ms, to the microsecond).
// Every field is written, defaults included, so the file says everything
// (but a workload stop of Time::never() is left out, so it reads back as
// duration_ms).
nlohmann::json scenario_to_json(const Scenario& s);

// The string naming a selector in scenario files: "leader", "random",
// "random-follower", "all"; empty for a fixed id.
std::string_view selector_name(NodeRef::Kind kind);

// Bounds that keep every simulated time far from overflow. (The bound on
// cluster size, kMaxNodes, is the protocols' own: protocols/core/quorum.h.)
inline constexpr double kMaxTimeMs = 1e9;  // about 11.5 days of simulated time
// Bounds on what one run may ask for (README "Hardening"): a run of a day of
// simulated time with at most a million client requests. The engine's own
// bounds (RunOptions) catch what a file cannot state, such as an unlimited
// workload that would exceed the history bound.
inline constexpr double kMaxDurationMs = 86'400'000;  // 24 h of simulated time
inline constexpr uint64_t kMaxRequests = 1'000'000;   // workload.max_requests
// Scenario files larger than this are refused before they are parsed.
inline constexpr size_t kMaxScenarioFileBytes = 16 * 1024 * 1024;

}  // namespace consim
