// A sweep's coverage, aggregated from its seeds' summaries (their
// `coverage`): per probe, how many seeds hit it; per abstract state, how many
// seeds reached it; and the abstract-state x fault-kind matrix. Like the rest
// of the sweep report, it is the same for one sweep and for a merge of its
// shards.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocols/core/probe.h"
#include "sim/coverage.h"

namespace consim {

// The matrix's rows: each value of each abstract-state dimension.
struct CoverageRow {
  std::string_view dimension;  // "role", "term lag", "commit lag", "log"
  std::string_view value;      // "leader", "2+", "divergent", ...
};
std::span<const CoverageRow> coverage_rows();
// Its columns: "none" (no fault in effect), then each FaultBit.
constexpr size_t kCoverageColumns = 1 + kFaultBits;
std::string_view coverage_column_name(size_t column);

class SweepCoverage {
 public:
  // Adds one seed's summary; one without `coverage` (an older consim's)
  // counts as a seed that reached nothing.
  void add(const nlohmann::json& summary);

  struct ProbeRow {
    const ProbeInfo* info;
    uint64_t seeds;  // seeds that hit it
  };
  // The probes of the protocols the sweep ran, in catalog order.
  std::vector<ProbeRow> probes() const;
  // Probes hit by no seed: every one, or only those not marked rare.
  std::vector<const ProbeInfo*> unhit(bool include_rare) const;
  uint64_t distinct_states() const;
  uint64_t seeds_at(size_t row, size_t column) const { return matrix_[row][column]; }
  uint64_t seeds_reaching(uint16_t code) const { return states_[code]; }

  // The sweep JSON's `coverage`: probes (name, rare, seeds), distinct_states,
  // and the matrix (rows, columns, seeds per cell).
  nlohmann::ordered_json to_json() const;
  // One line for the text report: "coverage: 19 of 21 raft probes hit (...)".
  std::string summary_line() const;
  // The whole table, for `sweep --coverage`.
  std::string to_text() const;

 private:
  static constexpr size_t kRowCount = 5 + 3 + 3 + 2;  // coverage_rows()
  uint64_t seeds_ = 0;
  std::set<Protocol> protocols_;
  std::array<uint64_t, kProbeCount> probe_seeds_{};
  std::vector<uint64_t> states_ = std::vector<uint64_t>(kStateCodes, 0);
  std::array<std::array<uint64_t, kCoverageColumns>, kRowCount> matrix_{};
};

// The coverage gate (`--require-coverage`): passes when `unhit`, the probes
// not marked rare that no seed hit, is empty. Its line for the text report,
// and the JSON report's `coverage_gate`.
std::string coverage_gate_text(const std::vector<const ProbeInfo*>& unhit);
nlohmann::ordered_json coverage_gate_json(const std::vector<const ProbeInfo*>& unhit);

}  // namespace consim
