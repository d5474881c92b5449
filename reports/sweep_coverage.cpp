#include "reports/sweep_coverage.h"

#include <fmt/format.h>

#include "sim/plural.h"

namespace consim {
namespace {

constexpr std::array<CoverageRow, 13> kMatrixRows{{
    {"role", "follower"},
    {"role", "pre-candidate"},
    {"role", "candidate"},
    {"role", "leader"},
    {"role", "down"},
    {"term lag", "0"},
    {"term lag", "1"},
    {"term lag", "2+"},
    {"commit lag", "0"},
    {"commit lag", "1-9"},
    {"commit lag", "10+"},
    {"log", "agrees"},
    {"log", "divergent"},
}};

// The rows a state falls in: one per dimension (a down node has only its role).
std::vector<size_t> rows_of(const AbstractState& s) {
  std::vector<size_t> rows{s.role};
  if (s.role == AbstractState::kDownRole) return rows;
  rows.push_back(5 + s.term_lag);
  rows.push_back(8 + s.commit_lag);
  rows.push_back(s.divergent ? 12 : 11);
  return rows;
}

std::optional<Protocol> protocol_named(const std::string& name) {
  for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos})
    if (protocol_name(p) == name) return p;
  return std::nullopt;
}

}  // namespace

std::span<const CoverageRow> coverage_rows() { return kMatrixRows; }

std::string_view coverage_column_name(size_t column) {
  return column == 0 ? "none" : fault_bit_name(static_cast<FaultBit>(column - 1));
}

void SweepCoverage::add(const nlohmann::json& summary) {
  ++seeds_;
  if (const auto p = protocol_named(summary.value("protocol", std::string()))) protocols_.insert(*p);
  const auto found = summary.find("coverage");
  if (found == summary.end() || !found->is_object()) return;
  const nlohmann::json& c = *found;
  if (const auto probes = c.find("probes"); probes != c.end() && probes->is_object())
    for (const auto& [name, hits] : probes->items())
      if (const auto p = probe_from_name(name); p && hits.is_number_unsigned() && hits.get<uint64_t>() > 0)
        ++probe_seeds_[static_cast<size_t>(*p)];
  std::array<std::array<bool, kCoverageColumns>, kRowCount> cells{};
  if (const auto states = c.find("states"); states != c.end() && states->is_array())
    for (const auto& code : *states) {
      if (!code.is_number_unsigned()) continue;
      const auto s = AbstractState::from_code(code.get<uint64_t>());
      if (!s) continue;
      ++states_[s->code()];
      for (size_t row : rows_of(*s)) {
        if (s->faults == 0) cells[row][0] = true;
        for (size_t b = 0; b < kFaultBits; ++b)
          if (s->faults & fault_mask(static_cast<FaultBit>(b))) cells[row][1 + b] = true;
      }
    }
  for (size_t r = 0; r < kMatrixRows.size(); ++r)
    for (size_t col = 0; col < kCoverageColumns; ++col) matrix_[r][col] += cells[r][col] ? 1 : 0;
}

std::vector<SweepCoverage::ProbeRow> SweepCoverage::probes() const {
  std::vector<ProbeRow> rows;
  for (const ProbeInfo& info : all_probes())
    if (protocols_.count(info.protocol) > 0) rows.push_back(ProbeRow{&info, probe_seeds_[static_cast<size_t>(info.probe)]});
  return rows;
}

std::vector<const ProbeInfo*> SweepCoverage::unhit(bool include_rare) const {
  std::vector<const ProbeInfo*> out;
  for (const ProbeRow& row : probes())
    if (row.seeds == 0 && (include_rare || !row.info->rare)) out.push_back(row.info);
  return out;
}

uint64_t SweepCoverage::distinct_states() const {
  uint64_t n = 0;
  for (uint64_t seeds : states_) n += seeds > 0 ? 1 : 0;
  return n;
}

nlohmann::ordered_json SweepCoverage::to_json() const {
  nlohmann::ordered_json probes = nlohmann::ordered_json::array();
  for (const ProbeRow& row : this->probes())
    probes.push_back({{"probe", row.info->name}, {"rare", row.info->rare}, {"seeds", row.seeds}});
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (size_t col = 0; col < kCoverageColumns; ++col) columns.push_back(coverage_column_name(col));
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (size_t r = 0; r < kMatrixRows.size(); ++r)
    rows.push_back({{"dimension", kMatrixRows[r].dimension}, {"value", kMatrixRows[r].value}, {"seeds", matrix_[r]}});
  return {{"probes", std::move(probes)},
          {"distinct_states", distinct_states()},
          {"matrix", {{"columns", std::move(columns)}, {"rows", std::move(rows)}}}};
}

std::string SweepCoverage::summary_line() const {
  const std::vector<ProbeRow> rows = probes();
  size_t hit = 0;
  for (const ProbeRow& row : rows) hit += row.seeds > 0 ? 1 : 0;
  std::string never;
  for (const ProbeInfo* info : unhit(true))
    never += fmt::format("{}{}{}", never.empty() ? "" : ", ", info->name, info->rare ? " (rare)" : "");
  return fmt::format("coverage: {} of {} probes hit{}; {} reached\n", hit, rows.size(),
                     never.empty() ? "" : fmt::format("; never hit: {}", never),
                     counted(distinct_states(), "abstract state", "abstract states"));
}

std::string SweepCoverage::to_text() const {
  std::string out = "probe                              seeds  rare\n";
  for (const ProbeRow& row : probes())
    out += fmt::format("  {:<32} {:>5}  {}\n", row.info->name, row.seeds, row.info->rare ? "rare" : "");
  out += fmt::format("seeds reaching each abstract state under each fault kind ({} in all):\n",
                     counted(distinct_states(), "distinct state", "distinct states"));
  out += fmt::format("  {:<24}", "");
  for (size_t col = 0; col < kCoverageColumns; ++col) out += fmt::format(" {:>9}", coverage_column_name(col));
  out += "\n";
  for (size_t r = 0; r < kMatrixRows.size(); ++r) {
    out += fmt::format("  {:<24}", fmt::format("{} {}", kMatrixRows[r].dimension, kMatrixRows[r].value));
    for (size_t col = 0; col < kCoverageColumns; ++col) out += fmt::format(" {:>9}", matrix_[r][col]);
    out += "\n";
  }
  return out;
}

std::string coverage_gate_text(const std::vector<const ProbeInfo*>& unhit) {
  if (unhit.empty()) return "coverage gate: ok, every probe not marked rare was hit by some seed\n";
  std::string out = fmt::format("FAIL coverage gate: {} not marked rare hit by no seed (the seeds' own report follows):\n",
                                counted(unhit.size(), "probe", "probes"));
  for (const ProbeInfo* info : unhit) out += fmt::format("  {:<32} {}\n", info->name, info->what);
  return out;
}

nlohmann::ordered_json coverage_gate_json(const std::vector<const ProbeInfo*>& unhit) {
  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  for (const ProbeInfo* info : unhit) names.push_back(info->name);
  return {{"ok", unhit.empty()}, {"unhit", std::move(names)}};
}

}  // namespace consim
