// The reader behind scenarios/loader.h: one scenario document to a
// Scenario, every problem reported (not just the first). Internal to the
// scenarios layer; scenario_reader.cpp reads the run's identity, config,
// network, storage, workload and bugs, scenario_reader_faults.cpp the fault
// timeline and the expectations.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/json_reader.h"
#include "scenarios/loader.h"
#include "scenarios/scenario.h"

namespace consim::scenario_reader {

// The selectors a fault field may name, in the order errors list them.
inline constexpr std::array kSelectors{NodeRef::Kind::kLeader, NodeRef::Kind::kRandom, NodeRef::Kind::kRandomFollower,
                                       NodeRef::Kind::kAll};

// Bounds. Every time stays below kMaxTimeMs, so microsecond sums never overflow.
inline constexpr uint64_t kMaxClients = 1000;
inline constexpr uint64_t kMaxKeys = 1'000'000;
inline constexpr double kMaxKeySkew = 10;  // workload.key_skew: beyond it every request is on k1
inline constexpr uint64_t kMaxCount = 1'000'000'000'000;  // expectation counts
inline constexpr uint64_t kMaxSnapshotThreshold = 1'000'000'000;
inline constexpr uint64_t kMaxEntriesPerMessage = 1'000'000;
inline constexpr size_t kMaxNameChars = 200;
inline constexpr double kMaxOpWeight = 1e6;
inline constexpr NumberBounds kClockRate{0.001, 1000.0};
inline constexpr NumberBounds kProbability{0.0, 1.0};

// Which nodes a fault field may name besides a fixed id.
enum class NodeChoice : uint8_t {
  kUpNode,       // "leader", "random", "random-follower"
  kCrashedNode,  // "all" (restart)
  kAnyNode,      // any selector, "all" included (disk)
};

inline bool allowed(NodeChoice choice, NodeRef::Kind kind) {
  switch (choice) {
    case NodeChoice::kUpNode: return kind != NodeRef::Kind::kAll && kind != NodeRef::Kind::kId;
    case NodeChoice::kCrashedNode: return kind == NodeRef::Kind::kAll;
    case NodeChoice::kAnyNode: return kind != NodeRef::Kind::kId;
  }
  return false;
}

// Two references that must name the same node: one fixed id twice, or
// "leader" twice. Two "random" picks are distinct by the spec's rule.
inline bool same_node(const NodeRef& a, const NodeRef& b) {
  return a.kind == b.kind && (a.kind == NodeRef::Kind::kLeader || (a.kind == NodeRef::Kind::kId && a.id == b.id));
}

inline std::string describe_node(const NodeRef& n) {
  if (n.kind == NodeRef::Kind::kId) return "node " + std::to_string(n.id);
  return "\"" + std::string(selector_name(n.kind)) + "\"";
}

template <class Names>
std::string quoted_list(const Names& names) {
  std::string out;
  for (size_t i = 0; i < std::size(names); ++i) {
    if (i) out += i + 1 == std::size(names) ? " or " : ", ";
    out.append("\"").append(names[i]).append("\"");
  }
  return out;
}

// Reads one scenario document. What later fields depend on (the protocol, the
// cluster size, the duration) is kept once read; when it was itself invalid,
// the checks that need it are skipped rather than reported twice.
class ScenarioReader {
 public:
  explicit ScenarioReader(JsonErrors& errors) : errors_(errors) {}

  std::optional<Scenario> read(const nlohmann::json& root);

 private:
  void read_identity(const ObjectReader& top, Scenario& s);
  std::optional<Protocol> read_protocol(const std::optional<JsonField>& field);

  // ----- times, ranges, probabilities, nodes: one reader each -----
  // An instant, 0..kMaxTimeMs; within the run when `within_run`.
  std::optional<Time> read_time(const std::optional<JsonField>& field, bool within_run = false);
  std::optional<Duration> read_duration(const std::optional<JsonField>& field, bool positive);
  // A number n means [n, n]; otherwise [min, max] with min <= max.
  std::optional<DurationRange> read_range(const std::optional<JsonField>& field, bool positive);
  std::optional<double> read_probability(const std::optional<JsonField>& field);
  std::optional<NodeRef> read_node(const std::optional<JsonField>& field, NodeChoice choice);
  // Reports `to` when it precedes `from`; both must have been read.
  void check_window(const std::optional<Time>& from, const std::optional<Time>& to,
                    const std::optional<JsonField>& to_field);

  // ----- sections -----
  void read_config(const std::optional<JsonField>& field, Scenario& s);
  void read_config_fields(const ObjectReader& obj, RaftConfig& c);
  void read_config_fields(const ObjectReader& obj, MultiPaxosConfig& c);
  void read_config_fields(const ObjectReader& obj, BasicPaxosConfig& c);
  // The `network` object and the `network` fault share these fields.
  struct NetworkChange {
    std::optional<DurationRange> delay;
    std::optional<double> drop;
    std::optional<double> duplicate;
  };
  NetworkChange read_network_change(const ObjectReader& obj);
  void read_network(const std::optional<JsonField>& field, NetworkConditions& out);
  void read_storage(const std::optional<JsonField>& field, StorageConfig& out);
  void read_workload(const std::optional<JsonField>& field, Scenario& s);
  // When `ops` is given, an operation it leaves out has weight 0.
  void read_ops(const std::optional<JsonField>& field, OpWeights& out);

  // ----- faults -----
  void read_faults(const std::optional<JsonField>& field, std::vector<Fault>& out);
  std::optional<Fault> read_fault(const JsonField& field);
  std::optional<Trigger> read_trigger(const JsonField& field);
  std::string_view message_type(const JsonField& field, const std::string& type);
  void read_fault_fields(const ObjectReader& obj, PartitionFault& f);
  void read_fault_fields(const ObjectReader& obj, IsolateFault& f);
  void read_fault_fields(const ObjectReader& obj, CutFault& f);
  void read_fault_fields(const ObjectReader&, HealFault&);
  void read_fault_fields(const ObjectReader& obj, CrashFault& f);
  void read_fault_fields(const ObjectReader& obj, RestartFault& f);
  void read_fault_fields(const ObjectReader& obj, PauseFault& f);
  void read_fault_fields(const ObjectReader& obj, NetworkFault& f);
  void read_fault_fields(const ObjectReader& obj, ClockFault& f);
  void read_fault_fields(const ObjectReader& obj, DiskFault& f);
  void read_fault_fields(const ObjectReader& obj, HoldFault& f);
  // A link joins two different nodes.
  void check_distinct(const std::optional<NodeRef>& from, const std::optional<NodeRef>& to,
                      const std::optional<JsonField>& to_field);

  // ----- expectations -----
  void read_expectations(const std::optional<JsonField>& field, std::vector<Expectation>& out);
  std::optional<Expectation> read_expectation(const JsonField& field);
  void refuse_on_basic_paxos(const ObjectReader& obj, std::string_view type, std::string_view why);
  void read_expect_fields(const ObjectReader& obj, LeaderAtExpect& e);
  void read_expect_fields(const ObjectReader& obj, NoLeaderAtExpect& e);
  void read_expect_fields(const ObjectReader& obj, CommitsExpect& e);
  void read_expect_fields(const ObjectReader& obj, ClientOkExpect& e);
  void read_expect_fields(const ObjectReader& obj, ConvergedExpect& e);
  void read_expect_fields(const ObjectReader& obj, ElectionsExpect& e);
  void read_expect_fields(const ObjectReader& obj, MessagesExpect& e);
  void read_expect_fields(const ObjectReader& obj, LogSizeExpect& e);
  void read_expect_fields(const ObjectReader& obj, DecidedExpect& e);
  void read_expect_fields(const ObjectReader& obj, ViolatesExpect& e);
  // Required from_ms <= to_ms, both within the run.
  void read_window(const ObjectReader& obj, Time& from, Time& to);
  // The fault or expectation named by the object's `type`.
  template <class Variant>
  std::optional<Variant> read_type(const ObjectReader& obj, std::optional<Variant> (*of_type)(std::string_view),
                                   const std::vector<std::string_view>& names) {
    const auto field = obj.required("type");
    const auto name = read_string(field, errors_);
    if (!name) return std::nullopt;
    if (auto v = of_type(*name)) return v;
    report_unexpected(*field, errors_, "a type: " + quoted_list(names));
    errors_.append_to_last(did_you_mean(*name, names));
    return std::nullopt;
  }

  // ----- bugs -----
  void read_bugs(const std::optional<JsonField>& field, std::vector<Bug>& out);

  JsonErrors& errors_;
  std::optional<Protocol> protocol_;
  std::optional<int> nodes_;
  std::optional<Duration> duration_;
  bool reading_triggered_ = false;  // a node field may say "trigger"
};

}  // namespace consim::scenario_reader
