#include "scenarios/scenario_reader.h"

#include <limits>
#include <utility>
#include <variant>

#include "scenarios/scenario_fields.h"

namespace consim::scenario_reader {

using nlohmann::json;

std::optional<Scenario> ScenarioReader::read(const json& root) {
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

void ScenarioReader::read_identity(const ObjectReader& top, Scenario& s) {
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

std::optional<Protocol> ScenarioReader::read_protocol(const std::optional<JsonField>& field) {
  const auto name = read_string(field, errors_);
  if (!name) return std::nullopt;
  for (Protocol p : all_protocols())
    if (protocol_name(p) == *name) return p;
  std::vector<std::string_view> names;
  for (Protocol p : all_protocols()) names.push_back(protocol_name(p));
  report_unexpected(*field, errors_, quoted_list(names));
  errors_.append_to_last(did_you_mean(*name, names));
  return std::nullopt;
}

// An instant, 0..kMaxTimeMs; within the run when `within_run`.
std::optional<Time> ScenarioReader::read_time(const std::optional<JsonField>& field, bool within_run) {
  if (within_run && duration_) {
    const auto ms = read_number(field, errors_, "a time in ms within the run (duration_ms),",
                                NumberBounds{0, duration_->to_ms()});
    return ms ? std::optional(Time::from_ms(*ms)) : std::nullopt;
  }
  const auto ms = read_number(field, errors_, "a time in ms", NumberBounds{0, kMaxTimeMs});
  return ms ? std::optional(Time::from_ms(*ms)) : std::nullopt;
}

std::optional<Duration> ScenarioReader::read_duration(const std::optional<JsonField>& field, bool positive) {
  const auto ms = read_number(field, errors_, "a duration in ms", NumberBounds{0, kMaxTimeMs, positive});
  return ms ? std::optional(Duration::from_ms(*ms)) : std::nullopt;
}

// A number n means [n, n]; otherwise [min, max] with min <= max.
std::optional<DurationRange> ScenarioReader::read_range(const std::optional<JsonField>& field, bool positive) {
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

std::optional<double> ScenarioReader::read_probability(const std::optional<JsonField>& field) {
  return read_number(field, errors_, "a probability", kProbability);
}

std::optional<NodeRef> ScenarioReader::read_node(const std::optional<JsonField>& field, NodeChoice choice) {
  if (!field) return std::nullopt;
  const json& v = **field;
  const int max_id = nodes_.value_or(kMaxNodes);
  if (v.is_string()) {
    if (v.get_ref<const std::string&>() == "trigger") {
      if (reading_triggered_) return NodeRef{NodeRef::Kind::kTrigger, 0};
      errors_.add(field->path, "\"trigger\" names the node whose event fired the fault: only in a fault with \"on\"");
      return std::nullopt;
    }
    for (NodeRef::Kind kind : kSelectors)
      if (allowed(choice, kind) && selector_name(kind) == v.get_ref<const std::string&>()) return NodeRef{kind, 0};
  } else if (const auto id = json_to_unsigned(v); id && *id >= 1 && *id <= static_cast<uint64_t>(max_id)) {
    return NodeRef{NodeRef::Kind::kId, static_cast<NodeId>(*id)};
  }
  std::vector<std::string_view> names;
  for (NodeRef::Kind kind : kSelectors)
    if (allowed(choice, kind)) names.push_back(selector_name(kind));
  if (reading_triggered_) names.push_back(selector_name(NodeRef::Kind::kTrigger));
  report_unexpected(*field, errors_, "a node id 1.." + std::to_string(max_id) + " or " + quoted_list(names));
  return std::nullopt;
}

// Reports `to` when it precedes `from`; both must have been read.
void ScenarioReader::check_window(const std::optional<Time>& from, const std::optional<Time>& to, const std::optional<JsonField>& to_field) {
  if (from && to && to_field && *to < *from) {
    report_unexpected(*to_field, errors_, "to_ms >= from_ms (" + format_number(from->to_ms()) + ")");
  }
}

void ScenarioReader::read_config(const std::optional<JsonField>& field, Scenario& s) {
  if (protocol_) s.config = default_config(*protocol_);
  if (!field) return;
  // Without a valid protocol the accepted keys are unknown: check only the shape.
  ObjectReader obj(**field, field->path, errors_, std::nullopt);
  if (!protocol_ || !obj.is_object()) return;
  obj.reject_unknown(config_fields(*protocol_), "for " + std::string(protocol_name(*protocol_)));
  std::visit([&](auto& config) { read_config_fields(obj, config); }, s.config);
}

void ScenarioReader::read_config_fields(const ObjectReader& obj, RaftConfig& c) {
  set_if(c.election_timeout, read_range(obj.optional("election_timeout_ms"), /*positive=*/true));
  set_if(c.heartbeat, read_duration(obj.optional("heartbeat_ms"), /*positive=*/true));
  set_if(c.pre_vote, read_bool(obj.optional("pre_vote"), errors_));
  set_if(c.check_quorum, read_bool(obj.optional("check_quorum"), errors_));
  set_if(c.snapshot_threshold, read_integer(obj.optional("snapshot_threshold"), errors_, 0, kMaxSnapshotThreshold));
  set_if(c.max_entries_per_message,
         read_integer(obj.optional("max_entries_per_message"), errors_, 1, kMaxEntriesPerMessage));
}

void ScenarioReader::read_config_fields(const ObjectReader& obj, MultiPaxosConfig& c) {
  set_if(c.leader_timeout, read_range(obj.optional("leader_timeout_ms"), /*positive=*/true));
  set_if(c.heartbeat, read_duration(obj.optional("heartbeat_ms"), /*positive=*/true));
  set_if(c.snapshot_threshold, read_integer(obj.optional("snapshot_threshold"), errors_, 0, kMaxSnapshotThreshold));
  set_if(c.max_entries_per_message,
         read_integer(obj.optional("max_entries_per_message"), errors_, 1, kMaxEntriesPerMessage));
}

void ScenarioReader::read_config_fields(const ObjectReader& obj, BasicPaxosConfig& c) {
  set_if(c.retry_backoff, read_range(obj.optional("retry_backoff_ms"), /*positive=*/false));
}

// The `network` object and the `network` fault share these fields.
ScenarioReader::NetworkChange ScenarioReader::read_network_change(const ObjectReader& obj) {
  return NetworkChange{read_range(obj.optional("delay_ms"), /*positive=*/false),
                       read_probability(obj.optional("drop")), read_probability(obj.optional("duplicate"))};
}

void ScenarioReader::read_network(const std::optional<JsonField>& field, NetworkConditions& out) {
  if (!field) return;
  ObjectReader obj(**field, field->path, errors_, accepted_fields("network"));
  NetworkChange change = read_network_change(obj);
  set_if(out.delay, change.delay);
  set_if(out.drop, change.drop);
  set_if(out.duplicate, change.duplicate);
}

void ScenarioReader::read_storage(const std::optional<JsonField>& field, StorageConfig& out) {
  if (!field) return;
  ObjectReader obj(**field, field->path, errors_, accepted_fields("storage"));
  set_if(out.sync, read_range(obj.optional("sync_ms"), /*positive=*/false));
  set_if(out.lose_unsynced, read_bool(obj.optional("lose_unsynced"), errors_));
}

void ScenarioReader::read_workload(const std::optional<JsonField>& field, Scenario& s) {
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
  if (auto n = read_integer(obj.optional("ops_per_key"), errors_, 1, kMaxRequests)) w.ops_per_key = *n;
  set_if(w.bound, read_bool(obj.optional("bound"), errors_));
  if (auto skew = read_number(obj.optional("key_skew"), errors_, "a Zipf exponent", NumberBounds{0, kMaxKeySkew, true}))
    w.key_skew = *skew;
  s.workload = w;
}

// When `ops` is given, an operation it leaves out has weight 0.
void ScenarioReader::read_ops(const std::optional<JsonField>& field, OpWeights& out) {
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

void ScenarioReader::read_bugs(const std::optional<JsonField>& field, std::vector<Bug>& out) {
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

}  // namespace consim::scenario_reader
