#include "scenarios/loader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <utility>
#include <variant>

#include "scenarios/json_reader.h"
#include "scenarios/scenario_fields.h"

namespace consim {
namespace {

using nlohmann::json;

constexpr std::array kSelectors{NodeRef::Kind::kLeader, NodeRef::Kind::kRandom, NodeRef::Kind::kRandomFollower,
                                NodeRef::Kind::kAll};

// ---------------------------------------------------------------------------
// Bounds. Every time stays below kMaxTimeMs, so microsecond sums never overflow.

constexpr uint64_t kMaxClients = 1000;
constexpr uint64_t kMaxKeys = 1'000'000;
constexpr uint64_t kMaxCount = 1'000'000'000'000;  // expectation counts
constexpr uint64_t kMaxSnapshotThreshold = 1'000'000'000;
constexpr uint64_t kMaxEntriesPerMessage = 1'000'000;
constexpr size_t kMaxNameChars = 200;
constexpr double kMaxOpWeight = 1e6;
constexpr NumberBounds kClockRate{0.001, 1000.0};
constexpr NumberBounds kProbability{0.0, 1.0};

// Which nodes a fault field may name besides a fixed id.
enum class NodeChoice : uint8_t {
  kUpNode,       // "leader", "random", "random-follower"
  kCrashedNode,  // "all" (restart)
};

bool allowed(NodeChoice choice, NodeRef::Kind kind) {
  switch (choice) {
    case NodeChoice::kUpNode: return kind != NodeRef::Kind::kAll && kind != NodeRef::Kind::kId;
    case NodeChoice::kCrashedNode: return kind == NodeRef::Kind::kAll;
  }
  return false;
}

// Two references that must name the same node: one fixed id twice, or
// "leader" twice. Two "random" picks are distinct by the spec's rule.
bool same_node(const NodeRef& a, const NodeRef& b) {
  return a.kind == b.kind && (a.kind == NodeRef::Kind::kLeader || (a.kind == NodeRef::Kind::kId && a.id == b.id));
}

std::string describe_node(const NodeRef& n) {
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

// ---------------------------------------------------------------------------

// Reads one scenario document. What later fields depend on (the protocol, the
// cluster size, the duration) is kept once read; when it was itself invalid,
// the checks that need it are skipped rather than reported twice.
class ScenarioReader {
 public:
  explicit ScenarioReader(JsonErrors& errors) : errors_(errors) {}

  std::optional<Scenario> read(const json& root) {
    const size_t errors_before = errors_.size();
    ObjectReader top(root, "", errors_, accepted_fields("scenario"));
    if (!top.is_object()) return std::nullopt;
    Scenario s;
    read_identity(top, s);
    read_config(top.optional("config"), s);
    read_network(top.optional("network"), s.network);
    read_storage(top.optional("storage"), s.storage);
    read_workload(top.optional("workload"), s);
    read_faults(top.optional("faults"), s.faults);
    read_expectations(top.optional("expect"), s.expect);
    read_bugs(top.optional("bugs"), s.bugs);
    if (errors_.size() != errors_before) return std::nullopt;
    return s;
  }

 private:
  void read_identity(const ObjectReader& top, Scenario& s) {
    (void)read_string(top.optional("$schema"), errors_);  // for editors; ignored
    if (auto name = top.required("name")) {
      const json& v = **name;
      if (v.is_string() && !v.get_ref<const std::string&>().empty() &&
          v.get_ref<const std::string&>().size() <= kMaxNameChars) {
        s.name = v.get<std::string>();
      } else {
        report_unexpected(*name, errors_, "a non-empty string of at most " + std::to_string(kMaxNameChars) +
                                              " characters");
      }
    }
    set_if(s.description, read_string(top.optional("description"), errors_));
    protocol_ = read_protocol(top.required("protocol"));
    if (protocol_) s.protocol = *protocol_;
    if (auto n = read_integer(top.required("nodes"), errors_, 1, kMaxNodes)) {
      nodes_ = static_cast<int>(*n);
      s.nodes = *nodes_;
    }
    set_if(s.seed, read_integer(top.optional("seed"), errors_, 0, std::numeric_limits<uint64_t>::max()));
    const auto duration_ms =
        read_number(top.required("duration_ms"), errors_, "a duration in ms", NumberBounds{0, kMaxDurationMs, true});
    if (duration_ms) duration_ = Duration::from_ms(*duration_ms);
    if (duration_) s.duration = *duration_;
  }

  std::optional<Protocol> read_protocol(const std::optional<JsonField>& field) {
    const auto name = read_string(field, errors_);
    if (!name) return std::nullopt;
    for (Protocol p : all_protocols())
      if (protocol_name(p) == *name) return p;
    std::vector<std::string_view> names;
    for (Protocol p : all_protocols()) names.push_back(protocol_name(p));
    report_unexpected(*field, errors_, quoted_list(names));
    return std::nullopt;
  }

  // ----- times, ranges, probabilities, nodes: one reader each -----

  // An instant, 0..kMaxTimeMs; within the run when `within_run`.
  std::optional<Time> read_time(const std::optional<JsonField>& field, bool within_run = false) {
    if (within_run && duration_) {
      const auto ms = read_number(field, errors_, "a time in ms within the run (duration_ms),",
                                  NumberBounds{0, duration_->to_ms()});
      return ms ? std::optional(Time::from_ms(*ms)) : std::nullopt;
    }
    const auto ms = read_number(field, errors_, "a time in ms", NumberBounds{0, kMaxTimeMs});
    return ms ? std::optional(Time::from_ms(*ms)) : std::nullopt;
  }

  std::optional<Duration> read_duration(const std::optional<JsonField>& field, bool positive) {
    const auto ms = read_number(field, errors_, "a duration in ms", NumberBounds{0, kMaxTimeMs, positive});
    return ms ? std::optional(Duration::from_ms(*ms)) : std::nullopt;
  }

  // A number n means [n, n]; otherwise [min, max] with min <= max.
  std::optional<DurationRange> read_range(const std::optional<JsonField>& field, bool positive) {
    if (!field) return std::nullopt;
    const json& v = **field;
    if (v.is_number()) {
      const auto d = read_duration(field, positive);
      return d ? std::optional(DurationRange{*d, *d}) : std::nullopt;
    }
    if (!v.is_array() || v.size() != 2) {
      report_unexpected(*field, errors_, std::string("a duration in ms or a range [min, max], each ") +
                                             NumberBounds{0, kMaxTimeMs, positive}.describe());
      return std::nullopt;
    }
    const auto lo = read_duration(JsonField{&v[0], json_path(field->path, 0)}, positive);
    const auto hi = read_duration(JsonField{&v[1], json_path(field->path, 1)}, positive);
    if (!lo || !hi) return std::nullopt;
    if (*lo > *hi) {
      report_unexpected(*field, errors_, "a range [min, max] with min <= max");
      return std::nullopt;
    }
    return DurationRange{*lo, *hi};
  }

  std::optional<double> read_probability(const std::optional<JsonField>& field) {
    return read_number(field, errors_, "a probability", kProbability);
  }

  std::optional<NodeRef> read_node(const std::optional<JsonField>& field, NodeChoice choice) {
    if (!field) return std::nullopt;
    const json& v = **field;
    const int max_id = nodes_.value_or(kMaxNodes);
    if (v.is_string()) {
      for (NodeRef::Kind kind : kSelectors)
        if (allowed(choice, kind) && selector_name(kind) == v.get_ref<const std::string&>()) return NodeRef{kind, 0};
    } else if (const auto id = json_to_unsigned(v); id && *id >= 1 && *id <= static_cast<uint64_t>(max_id)) {
      return NodeRef{NodeRef::Kind::kId, static_cast<NodeId>(*id)};
    }
    std::vector<std::string_view> names;
    for (NodeRef::Kind kind : kSelectors)
      if (allowed(choice, kind)) names.push_back(selector_name(kind));
    report_unexpected(*field, errors_, "a node id 1.." + std::to_string(max_id) + " or " + quoted_list(names));
    return std::nullopt;
  }

  // Reports `to` when it precedes `from`; both must have been read.
  void check_window(const std::optional<Time>& from, const std::optional<Time>& to,
                    const std::optional<JsonField>& to_field) {
    if (from && to && to_field && *to < *from) {
      report_unexpected(*to_field, errors_, "to_ms >= from_ms (" + format_number(from->to_ms()) + ")");
    }
  }

  // ----- sections -----

  void read_config(const std::optional<JsonField>& field, Scenario& s) {
    if (protocol_) s.config = default_config(*protocol_);
    if (!field) return;
    // Without a valid protocol the accepted keys are unknown: check only the shape.
    ObjectReader obj(**field, field->path, errors_, std::nullopt);
    if (!protocol_ || !obj.is_object()) return;
    obj.reject_unknown(config_fields(*protocol_), "for " + std::string(protocol_name(*protocol_)));
    std::visit([&](auto& config) { read_config_fields(obj, config); }, s.config);
  }

  void read_config_fields(const ObjectReader& obj, RaftConfig& c) {
    set_if(c.election_timeout, read_range(obj.optional("election_timeout_ms"), /*positive=*/true));
    set_if(c.heartbeat, read_duration(obj.optional("heartbeat_ms"), /*positive=*/true));
    set_if(c.pre_vote, read_bool(obj.optional("pre_vote"), errors_));
    set_if(c.check_quorum, read_bool(obj.optional("check_quorum"), errors_));
    set_if(c.snapshot_threshold, read_integer(obj.optional("snapshot_threshold"), errors_, 0, kMaxSnapshotThreshold));
    set_if(c.max_entries_per_message,
           read_integer(obj.optional("max_entries_per_message"), errors_, 1, kMaxEntriesPerMessage));
  }

  void read_config_fields(const ObjectReader& obj, MultiPaxosConfig& c) {
    set_if(c.leader_timeout, read_range(obj.optional("leader_timeout_ms"), /*positive=*/true));
    set_if(c.heartbeat, read_duration(obj.optional("heartbeat_ms"), /*positive=*/true));
    set_if(c.snapshot_threshold, read_integer(obj.optional("snapshot_threshold"), errors_, 0, kMaxSnapshotThreshold));
    set_if(c.max_entries_per_message,
           read_integer(obj.optional("max_entries_per_message"), errors_, 1, kMaxEntriesPerMessage));
  }

  void read_config_fields(const ObjectReader& obj, BasicPaxosConfig& c) {
    set_if(c.retry_backoff, read_range(obj.optional("retry_backoff_ms"), /*positive=*/false));
  }

  // The `network` object and the `network` fault share these fields.
  struct NetworkChange {
    std::optional<DurationRange> delay;
    std::optional<double> drop;
    std::optional<double> duplicate;
  };
  NetworkChange read_network_change(const ObjectReader& obj) {
    return NetworkChange{read_range(obj.optional("delay_ms"), /*positive=*/false),
                         read_probability(obj.optional("drop")), read_probability(obj.optional("duplicate"))};
  }

  void read_network(const std::optional<JsonField>& field, NetworkConditions& out) {
    if (!field) return;
    ObjectReader obj(**field, field->path, errors_, accepted_fields("network"));
    NetworkChange change = read_network_change(obj);
    set_if(out.delay, change.delay);
    set_if(out.drop, change.drop);
    set_if(out.duplicate, change.duplicate);
  }

  void read_storage(const std::optional<JsonField>& field, StorageConfig& out) {
    if (!field) return;
    ObjectReader obj(**field, field->path, errors_, accepted_fields("storage"));
    set_if(out.sync, read_duration(obj.optional("sync_ms"), /*positive=*/false));
    set_if(out.lose_unsynced, read_bool(obj.optional("lose_unsynced"), errors_));
  }

  void read_workload(const std::optional<JsonField>& field, Scenario& s) {
    if (!field) return;
    ObjectReader obj(**field, field->path, errors_, accepted_fields("workload"));
    if (!obj.is_object()) return;
    Workload w;
    if (auto n = read_integer(obj.optional("clients"), errors_, 1, kMaxClients)) w.clients = static_cast<int>(*n);
    const auto start_field = obj.optional("start_ms");
    const auto start = read_time(start_field);
    const auto stop_field = obj.optional("stop_ms");
    std::optional<Time> stop = read_time(stop_field);
    if (!stop_field && duration_) stop = Time::zero() + *duration_;
    set_if(w.start, start);
    set_if(w.stop, stop);
    if (start && stop && *start > *stop) {
      report_unexpected(*start_field, errors_, "start_ms <= stop_ms (" + format_number(stop->to_ms()) +
                                                   (stop_field ? ")" : ", the default: duration_ms)"));
    }
    set_if(w.think, read_range(obj.optional("think_ms"), /*positive=*/false));
    if (auto n = read_integer(obj.optional("keys"), errors_, 1, kMaxKeys)) w.keys = static_cast<int>(*n);
    read_ops(obj.optional("ops"), w.ops);
    set_if(w.timeout, read_duration(obj.optional("timeout_ms"), /*positive=*/true));
    if (auto n = read_integer(obj.optional("max_requests"), errors_, 1, kMaxRequests)) w.max_requests = *n;
    s.workload = w;
  }

  // When `ops` is given, an operation it leaves out has weight 0.
  void read_ops(const std::optional<JsonField>& field, OpWeights& out) {
    if (!field) return;
    ObjectReader obj(**field, field->path, errors_, accepted_fields("ops"));
    if (!obj.is_object()) return;
    const NumberBounds weight{0, kMaxOpWeight};
    const auto put = read_number(obj.optional("put"), errors_, "a weight", weight);
    const auto get = read_number(obj.optional("get"), errors_, "a weight", weight);
    const auto append = read_number(obj.optional("append"), errors_, "a weight", weight);
    out = OpWeights{put.value_or(0), get.value_or(0), append.value_or(0)};
    const bool all_read = (put || !obj.has("put")) && (get || !obj.has("get")) && (append || !obj.has("append"));
    if (all_read && out.put + out.get + out.append <= 0) {
      report_unexpected(*field, errors_, "at least one of \"put\", \"get\", \"append\" with a weight > 0");
    }
  }

  // ----- faults -----

  void read_faults(const std::optional<JsonField>& field, std::vector<Fault>& out) {
    if (!field) return;
    if (!field->value->is_array()) {
      report_unexpected(*field, errors_, "an array of faults");
      return;
    }
    for (size_t i = 0; i < field->value->size(); ++i) {
      if (auto fault = read_fault(JsonField{&(**field)[i], json_path(field->path, i)})) out.push_back(*fault);
    }
    // Firing order: by time, equal times in file order.
    std::stable_sort(out.begin(), out.end(), [](const Fault& a, const Fault& b) { return a.at < b.at; });
  }

  std::optional<Fault> read_fault(const JsonField& field) {
    ObjectReader obj(*field, field.path, errors_, std::nullopt);
    if (!obj.is_object()) return std::nullopt;
    auto action = read_type(obj, fault_of_type, fault_type_names());
    const auto at = read_time(obj.required("at_ms"));
    if (!action) return std::nullopt;
    obj.reject_unknown(fault_fields(*action), "for type \"" + std::string(fault_type_name(*action)) + "\"");
    std::visit([&](auto& a) { read_fault_fields(obj, a); }, *action);
    if (!at) return std::nullopt;
    return Fault{*at, std::move(*action)};
  }

  void read_fault_fields(const ObjectReader& obj, PartitionFault& f) {
    const auto groups = obj.required("groups");
    if (!groups) return;
    if (!groups->value->is_array()) {
      report_unexpected(*groups, errors_, "an array of groups, each an array of nodes or \"rest\"");
      return;
    }
    // Every node named so far, with the group it is in, to catch one node in two groups.
    std::vector<std::pair<NodeRef, size_t>> named;
    bool have_rest = false;
    for (size_t g = 0; g < groups->value->size(); ++g) {
      const JsonField group{&(**groups)[g], json_path(groups->path, g)};
      if (group->is_string() && group->get_ref<const std::string&>() == "rest") {
        if (have_rest) errors_.add(group.path, "only one group may be \"rest\"");
        have_rest = true;
        f.groups.push_back(PartitionGroup{true, {}});
        continue;
      }
      if (!group->is_array() || group->empty()) {
        report_unexpected(group, errors_, "a non-empty array of nodes, or \"rest\"");
        continue;
      }
      PartitionGroup out;
      for (size_t m = 0; m < group->size(); ++m) {
        const JsonField member{&(*group)[m], json_path(group.path, m)};
        const auto node = read_node(member, NodeChoice::kUpNode);
        if (!node) continue;
        const auto earlier = std::find_if(named.begin(), named.end(),
                                          [&](const auto& seen) { return same_node(seen.first, *node); });
        if (earlier != named.end()) {
          errors_.add(member.path, describe_node(*node) + " is already in group " + std::to_string(earlier->second) +
                                       ": a node can be in one group only");
          continue;
        }
        named.emplace_back(*node, g);
        out.members.push_back(*node);
      }
      f.groups.push_back(std::move(out));
    }
  }

  void read_fault_fields(const ObjectReader& obj, IsolateFault& f) {
    set_if(f.node, read_node(obj.required("node"), NodeChoice::kUpNode));
  }

  void read_fault_fields(const ObjectReader& obj, CutFault& f) {
    const auto from = read_node(obj.required("from"), NodeChoice::kUpNode);
    const auto to_field = obj.required("to");
    const auto to = read_node(to_field, NodeChoice::kUpNode);
    check_distinct(from, to, to_field);
    set_if(f.from, from);
    set_if(f.to, to);
    set_if(f.both, read_bool(obj.optional("both"), errors_));
  }

  void read_fault_fields(const ObjectReader&, HealFault&) {}

  void read_fault_fields(const ObjectReader& obj, CrashFault& f) {
    set_if(f.node, read_node(obj.required("node"), NodeChoice::kUpNode));
  }

  void read_fault_fields(const ObjectReader& obj, RestartFault& f) {
    set_if(f.node, read_node(obj.required("node"), NodeChoice::kCrashedNode));
  }

  void read_fault_fields(const ObjectReader& obj, PauseFault& f) {
    set_if(f.node, read_node(obj.required("node"), NodeChoice::kUpNode));
    set_if(f.duration, read_duration(obj.required("duration_ms"), /*positive=*/true));
  }

  void read_fault_fields(const ObjectReader& obj, NetworkFault& f) {
    NetworkChange change = read_network_change(obj);
    f.delay = change.delay;
    f.drop = change.drop;
    f.duplicate = change.duplicate;
    if (!obj.has("delay_ms") && !obj.has("drop") && !obj.has("duplicate")) {
      errors_.add(obj.path(), "a network fault needs at least one of \"delay_ms\", \"drop\", \"duplicate\"");
    }
    // One direction of one link, or every link: `from` and `to` go together.
    if (obj.has("from") != obj.has("to")) {
      const std::string_view missing = obj.has("from") ? "to" : "from";
      errors_.add(json_path(obj.path(), missing),
                  "required field is missing (\"from\" and \"to\" go together: give both or neither)");
      return;
    }
    const auto to_field = obj.optional("to");
    f.from = read_node(obj.optional("from"), NodeChoice::kUpNode);
    f.to = read_node(to_field, NodeChoice::kUpNode);
    check_distinct(f.from, f.to, to_field);
  }

  void read_fault_fields(const ObjectReader& obj, ClockFault& f) {
    set_if(f.node, read_node(obj.required("node"), NodeChoice::kUpNode));
    set_if(f.rate, read_number(obj.required("rate"), errors_, "a clock rate", kClockRate));
  }

  // A link joins two different nodes.
  void check_distinct(const std::optional<NodeRef>& from, const std::optional<NodeRef>& to,
                      const std::optional<JsonField>& to_field) {
    if (from && to && to_field && same_node(*from, *to)) {
      report_unexpected(*to_field, errors_, "a node other than \"from\" (" + describe_node(*from) + ")");
    }
  }

  // ----- expectations -----

  void read_expectations(const std::optional<JsonField>& field, std::vector<Expectation>& out) {
    if (!field) return;
    if (!field->value->is_array()) {
      report_unexpected(*field, errors_, "an array of expectations");
      return;
    }
    for (size_t i = 0; i < field->value->size(); ++i) {
      if (auto e = read_expectation(JsonField{&(**field)[i], json_path(field->path, i)})) out.push_back(*e);
    }
  }

  std::optional<Expectation> read_expectation(const JsonField& field) {
    ObjectReader obj(*field, field.path, errors_, std::nullopt);
    if (!obj.is_object()) return std::nullopt;
    auto e = read_type(obj, expectation_of_type, expectation_type_names());
    if (!e) return std::nullopt;
    obj.reject_unknown(expectation_fields(*e), "for type \"" + std::string(expectation_type_name(*e)) + "\"");
    std::visit([&](auto& x) { read_expect_fields(obj, x); }, *e);
    return e;
  }

  void read_expect_fields(const ObjectReader& obj, LeaderAtExpect& e) {
    set_if(e.at, read_time(obj.required("at_ms"), /*within_run=*/true));
  }

  void read_expect_fields(const ObjectReader& obj, NoLeaderAtExpect& e) {
    set_if(e.at, read_time(obj.required("at_ms"), /*within_run=*/true));
  }

  void read_expect_fields(const ObjectReader& obj, CommitsExpect& e) {
    read_window(obj, e.from, e.to);
    e.min = read_integer(obj.optional("min"), errors_, 0, kMaxCount);
    const auto max_field = obj.optional("max");
    e.max = read_integer(max_field, errors_, 0, kMaxCount);
    if (!obj.has("min") && !obj.has("max")) errors_.add(obj.path(), "commits needs \"min\" and/or \"max\"");
    if (e.min && e.max && *e.max < *e.min) {
      report_unexpected(*max_field, errors_, "max >= min (" + std::to_string(*e.min) + ")");
    }
  }

  void read_expect_fields(const ObjectReader& obj, ClientOkExpect& e) {
    set_if(e.min, read_integer(obj.required("min"), errors_, 0, kMaxCount));
    e.from = read_time(obj.optional("from_ms"), /*within_run=*/true);
    const auto to_field = obj.optional("to_ms");
    e.to = read_time(to_field, /*within_run=*/true);
    check_window(e.from, e.to, to_field);
  }

  void read_expect_fields(const ObjectReader& obj, ConvergedExpect& e) {
    set_if(e.by, read_time(obj.required("by_ms"), /*within_run=*/true));
  }

  void read_expect_fields(const ObjectReader& obj, ElectionsExpect& e) {
    read_window(obj, e.from, e.to);
    set_if(e.max, read_integer(obj.required("max"), errors_, 0, kMaxCount));
  }

  void read_expect_fields(const ObjectReader& obj, MessagesExpect& e) {
    read_window(obj, e.from, e.to);
    set_if(e.max, read_integer(obj.required("max"), errors_, 0, kMaxCount));
  }

  void read_expect_fields(const ObjectReader& obj, LogSizeExpect& e) {
    set_if(e.max, read_integer(obj.required("max"), errors_, 0, kMaxCount));
  }

  void read_expect_fields(const ObjectReader& obj, DecidedExpect& e) {
    if (protocol_ && *protocol_ != Protocol::kBasicPaxos) {
      errors_.add(json_path(obj.path(), "type"), "\"decided\" applies only to basic-paxos (this scenario is " +
                                                     std::string(protocol_name(*protocol_)) + ")");
    }
    set_if(e.by, read_time(obj.required("by_ms"), /*within_run=*/true));
  }

  void read_expect_fields(const ObjectReader& obj, ViolatesExpect& e) {
    const auto field = obj.required("invariant");
    const auto name = read_string(field, errors_);
    if (!name) return;
    if (const auto inv = invariant_from_name(*name)) {
      e.invariant = *inv;
      return;
    }
    std::vector<std::string_view> names;
    for (Invariant inv : all_invariants()) names.push_back(invariant_name(inv));
    report_unexpected(*field, errors_, "an invariant name: " + quoted_list(names));
  }

  // Required from_ms <= to_ms, both within the run.
  void read_window(const ObjectReader& obj, Time& from, Time& to) {
    const auto f = read_time(obj.required("from_ms"), /*within_run=*/true);
    const auto to_field = obj.required("to_ms");
    const auto t = read_time(to_field, /*within_run=*/true);
    check_window(f, t, to_field);
    set_if(from, f);
    set_if(to, t);
  }

  // The fault or expectation named by the object's `type`.
  template <class Variant>
  std::optional<Variant> read_type(const ObjectReader& obj, std::optional<Variant> (*of_type)(std::string_view),
                                   const std::vector<std::string_view>& names) {
    const auto field = obj.required("type");
    const auto name = read_string(field, errors_);
    if (!name) return std::nullopt;
    if (auto v = of_type(*name)) return v;
    report_unexpected(*field, errors_, "a type: " + quoted_list(names));
    return std::nullopt;
  }

  // ----- bugs -----

  void read_bugs(const std::optional<JsonField>& field, std::vector<Bug>& out) {
    if (!field) return;
    if (!field->value->is_array()) {
      report_unexpected(*field, errors_, "an array of bug names");
      return;
    }
    for (size_t i = 0; i < field->value->size(); ++i) {
      const JsonField item{&(**field)[i], json_path(field->path, i)};
      const auto name = read_string(item, errors_);
      if (!name) continue;
      const auto bug = bug_from_name(*name);
      if (!bug) {
        std::string known;
        for (const BugInfo& info : all_bugs()) known.append(known.empty() ? "" : ", ").append(info.name);
        errors_.add(item.path, "unknown bug \"" + *name + "\" (known: " + known + ")");
      } else if (protocol_ && !bug_applies(*bug, *protocol_)) {
        errors_.add(item.path, "bug \"" + *name + "\" is for " + std::string(bug_protocols(*bug)) + ", not " +
                                   std::string(protocol_name(*protocol_)));
      } else if (std::find(out.begin(), out.end(), *bug) != out.end()) {
        errors_.add(item.path, "bug \"" + *name + "\" is listed twice");
      } else {
        out.push_back(*bug);
      }
    }
  }

  JsonErrors& errors_;
  std::optional<Protocol> protocol_;
  std::optional<int> nodes_;
  std::optional<Duration> duration_;
};

// Reads at most kMaxScenarioFileBytes of a file. Problems go to `errors`.
constexpr size_t kMaxFileBytes = kMaxScenarioFileBytes;

std::optional<std::string> read_file(const std::string& path, JsonErrors& errors) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    errors.add_file("cannot read: no such file");
    return std::nullopt;
  }
  if (status.type() == fs::file_type::directory) {
    errors.add_file("is a directory, not a scenario file");
    return std::nullopt;
  }
  const auto too_large = [&] {
    errors.add_file("larger than " + std::to_string(kMaxFileBytes / (1024 * 1024)) + " MiB: not a scenario file");
  };
  // A regular file's size is known before reading it; a pipe's is counted
  // while reading.
  if (status.type() == fs::file_type::regular && fs::file_size(path, ec) > kMaxFileBytes && !ec) {
    too_large();
    return std::nullopt;
  }
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    errors.add_file("cannot read: " + std::string(std::strerror(errno)));
    return std::nullopt;
  }
  std::string text;
  std::array<char, 64 * 1024> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    text.append(buffer.data(), n);
    if (text.size() > kMaxFileBytes) {
      too_large();
      return std::nullopt;
    }
  }
  if (std::ferror(file.get())) {
    errors.add_file("cannot read: " + std::string(std::strerror(errno)));
    return std::nullopt;
  }
  if (text.empty()) {
    errors.add_file("the file is empty (expected a JSON object)");
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::string_view selector_name(NodeRef::Kind kind) {
  switch (kind) {
    case NodeRef::Kind::kId: return "";
    case NodeRef::Kind::kLeader: return "leader";
    case NodeRef::Kind::kRandom: return "random";
    case NodeRef::Kind::kRandomFollower: return "random-follower";
    case NodeRef::Kind::kAll: return "all";
  }
  return "";
}

LoadResult parse_scenario(std::string_view json_text, const std::string& file_for_messages) {
  JsonErrors errors(file_for_messages);
  LoadResult result;
  if (const auto doc = parse_json_strict(json_text, errors)) {
    result.scenario = ScenarioReader(errors).read(*doc);
  }
  result.errors = errors.take();
  if (!result.errors.empty()) result.scenario.reset();
  return result;
}

LoadResult load_scenario_file(const std::string& path) {
  JsonErrors errors(path);
  const auto text = read_file(path, errors);
  if (!text) return LoadResult{std::nullopt, errors.take()};
  LoadResult result = parse_scenario(*text, path);
  if (result.scenario) result.scenario->source_path = path;
  return result;
}

}  // namespace consim
