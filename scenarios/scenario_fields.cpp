#include "scenarios/scenario_fields.h"

#include <array>
#include <utility>
#include <variant>

namespace consim {
namespace {

// A variant's alternatives, found by name: how a JSON `type` string becomes
// the matching fault or expectation. `name_of` maps a value to its name.
template <class Variant, size_t... I>
Variant variant_at(size_t index, std::index_sequence<I...>) {
  Variant v;
  ((index == I ? (v.template emplace<I>(), 0) : 0), ...);
  return v;
}

template <class Variant, class NameOf>
std::optional<Variant> variant_named(std::string_view name, NameOf name_of) {
  constexpr size_t kCount = std::variant_size_v<Variant>;
  for (size_t i = 0; i < kCount; ++i) {
    Variant v = variant_at<Variant>(i, std::make_index_sequence<kCount>{});
    if (name_of(v) == name) return v;
  }
  return std::nullopt;
}

template <class Variant, class NameOf>
std::vector<std::string_view> variant_names(NameOf name_of) {
  constexpr size_t kCount = std::variant_size_v<Variant>;
  std::vector<std::string_view> names;
  for (size_t i = 0; i < kCount; ++i) {
    names.push_back(name_of(variant_at<Variant>(i, std::make_index_sequence<kCount>{})));
  }
  return names;
}

constexpr std::array<std::string_view, 14> kScenarioFields{
    "$schema", "name",    "description", "protocol", "nodes",  "seed",   "duration_ms",
    "config",  "network", "storage",     "workload", "faults", "expect", "bugs"};
constexpr std::array<std::string_view, 6> kRaftConfigFields{
    "election_timeout_ms", "heartbeat_ms", "pre_vote", "check_quorum", "snapshot_threshold",
    "max_entries_per_message"};
constexpr std::array<std::string_view, 1> kBasicPaxosConfigFields{"retry_backoff_ms"};
constexpr std::array<std::string_view, 4> kMultiPaxosConfigFields{"leader_timeout_ms", "heartbeat_ms",
                                                                  "snapshot_threshold", "max_entries_per_message"};
constexpr std::array<std::string_view, 3> kNetworkFields{"delay_ms", "drop", "duplicate"};
constexpr std::array<std::string_view, 2> kStorageFields{"sync_ms", "lose_unsynced"};
constexpr std::array<std::string_view, 11> kWorkloadFields{"clients",    "start_ms",     "stop_ms",
                                                           "think_ms",   "keys",         "ops",
                                                           "timeout_ms", "max_requests", "ops_per_key",
                                                           "bound", "key_skew"};
constexpr std::array<std::string_view, 3> kOpsFields{"put", "get", "append"};
constexpr std::array<std::string_view, 8> kTriggerFields{"event",    "node",        "message", "new_term",
                                                         "after_ms", "probability", "times",   "until_ms"};

// Every fault has `at_ms`, `type` and may have `on` (a trigger); every
// expectation has `type`.
FieldList fields_of(const PartitionFault&) {
  static constexpr std::array<std::string_view, 4> f{"at_ms", "type", "on", "groups"};
  return f;
}
FieldList fields_of(const IsolateFault&) {
  static constexpr std::array<std::string_view, 4> f{"at_ms", "type", "on", "node"};
  return f;
}
FieldList fields_of(const CutFault&) {
  static constexpr std::array<std::string_view, 6> f{"at_ms", "type", "on", "from", "to", "both"};
  return f;
}
FieldList fields_of(const HealFault&) {
  static constexpr std::array<std::string_view, 3> f{"at_ms", "type", "on"};
  return f;
}
FieldList fields_of(const CrashFault&) {
  static constexpr std::array<std::string_view, 5> f{"at_ms", "type", "on", "node", "restart_after_ms"};
  return f;
}
FieldList fields_of(const RestartFault&) { return fields_of(IsolateFault{}); }
FieldList fields_of(const PauseFault&) {
  static constexpr std::array<std::string_view, 5> f{"at_ms", "type", "on", "node", "duration_ms"};
  return f;
}
FieldList fields_of(const NetworkFault&) {
  static constexpr std::array<std::string_view, 8> f{"at_ms", "type",      "on",   "delay_ms",
                                                     "drop",  "duplicate", "from", "to"};
  return f;
}
FieldList fields_of(const ClockFault&) {
  static constexpr std::array<std::string_view, 5> f{"at_ms", "type", "on", "node", "rate"};
  return f;
}
FieldList fields_of(const DiskFault&) {
  static constexpr std::array<std::string_view, 5> f{"at_ms", "type", "on", "node", "sync_ms"};
  return f;
}

FieldList fields_of(const HoldFault&) {
  static constexpr std::array<std::string_view, 10> f{"at_ms",       "type",  "on",       "from",       "to",
                                                      "message", "delay_ms", "probability", "count", "duration_ms"};
  return f;
}

FieldList fields_of(const LeaderAtExpect&) {
  static constexpr std::array<std::string_view, 2> f{"type", "at_ms"};
  return f;
}
FieldList fields_of(const NoLeaderAtExpect&) { return fields_of(LeaderAtExpect{}); }
FieldList fields_of(const CommitsExpect&) {
  static constexpr std::array<std::string_view, 5> f{"type", "from_ms", "to_ms", "min", "max"};
  return f;
}
FieldList fields_of(const ClientOkExpect&) {
  static constexpr std::array<std::string_view, 4> f{"type", "min", "from_ms", "to_ms"};
  return f;
}
FieldList fields_of(const ConvergedExpect&) {
  static constexpr std::array<std::string_view, 2> f{"type", "by_ms"};
  return f;
}
FieldList fields_of(const ElectionsExpect&) {
  static constexpr std::array<std::string_view, 4> f{"type", "from_ms", "to_ms", "max"};
  return f;
}
FieldList fields_of(const MessagesExpect&) { return fields_of(ElectionsExpect{}); }
FieldList fields_of(const LogSizeExpect&) {
  static constexpr std::array<std::string_view, 2> f{"type", "max"};
  return f;
}
FieldList fields_of(const DecidedExpect&) { return fields_of(ConvergedExpect{}); }
FieldList fields_of(const ViolatesExpect&) {
  static constexpr std::array<std::string_view, 2> f{"type", "invariant"};
  return f;
}

constexpr std::array kProtocols{Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos};

FieldList fault_fields_by_name(std::string_view type) {
  const auto a = fault_of_type(type);
  return a ? fault_fields(*a) : FieldList{};
}

FieldList expectation_fields_by_name(std::string_view type) {
  const auto e = expectation_of_type(type);
  return e ? expectation_fields(*e) : FieldList{};
}

}  // namespace

FieldList accepted_fields(std::string_view section) {
  if (section == "scenario") return kScenarioFields;
  if (section == "network") return kNetworkFields;
  if (section == "storage") return kStorageFields;
  if (section == "workload") return kWorkloadFields;
  if (section == "ops") return kOpsFields;
  if (section == "trigger") return kTriggerFields;
  for (Protocol p : kProtocols)
    if (section == "config." + std::string(protocol_name(p))) return config_fields(p);
  if (section.starts_with("fault.")) return fault_fields_by_name(section.substr(6));
  if (section.starts_with("expect.")) return expectation_fields_by_name(section.substr(7));
  return {};
}

std::vector<std::string> accepted_sections() {
  std::vector<std::string> out{"scenario", "network", "storage", "workload", "ops", "trigger"};
  for (Protocol p : kProtocols) out.push_back("config." + std::string(protocol_name(p)));
  for (std::string_view t : fault_type_names()) out.push_back("fault." + std::string(t));
  for (std::string_view t : expectation_type_names()) out.push_back("expect." + std::string(t));
  return out;
}

FieldList config_fields(Protocol p) {
  switch (p) {
    case Protocol::kRaft: return kRaftConfigFields;
    case Protocol::kBasicPaxos: return kBasicPaxosConfigFields;
    case Protocol::kMultiPaxos: return kMultiPaxosConfigFields;
  }
  return {};
}

FieldList fault_fields(const FaultAction& a) {
  return std::visit([](const auto& f) { return fields_of(f); }, a);
}

FieldList expectation_fields(const Expectation& e) {
  return std::visit([](const auto& x) { return fields_of(x); }, e);
}

std::vector<std::string_view> fault_type_names() { return variant_names<FaultAction>(fault_type_name); }

std::vector<std::string_view> expectation_type_names() {
  return variant_names<Expectation>(expectation_type_name);
}

std::optional<FaultAction> fault_of_type(std::string_view type) {
  return variant_named<FaultAction>(type, fault_type_name);
}

std::optional<Expectation> expectation_of_type(std::string_view type) {
  return variant_named<Expectation>(type, expectation_type_name);
}

std::span<const Protocol> all_protocols() { return kProtocols; }

}  // namespace consim
