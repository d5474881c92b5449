// The fault timeline and the expectations of a scenario document.
#include "scenarios/scenario_reader.h"

#include <algorithm>
#include <limits>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "protocols/registry.h"
#include "scenarios/scenario_fields.h"

namespace consim::scenario_reader {

using nlohmann::json;

void ScenarioReader::read_faults(const std::optional<JsonField>& field, std::vector<Fault>& out) {
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

std::optional<Fault> ScenarioReader::read_fault(const JsonField& field) {
  ObjectReader obj(*field, field.path, errors_, std::nullopt);
  if (!obj.is_object()) return std::nullopt;
  auto action = read_type(obj, fault_of_type, fault_type_names());
  const auto at = read_time(obj.required("at_ms"));
  const auto on_field = obj.optional("on");
  std::optional<Trigger> on = on_field ? read_trigger(*on_field) : std::nullopt;
  if (!action) return std::nullopt;
  obj.reject_unknown(fault_fields(*action), "for type \"" + std::string(fault_type_name(*action)) + "\"");
  reading_triggered_ = on_field.has_value();
  std::visit([&](auto& a) { read_fault_fields(obj, a); }, *action);
  reading_triggered_ = false;
  if (!at || (on_field && !on)) return std::nullopt;
  if (on && on->until && *on->until < *at)
    errors_.add(json_path(on_field->path, "until_ms"), "expected a time >= the fault's at_ms (" + format_number(at->to_ms()) + ")");
  return Fault{*at, std::move(*action), std::move(on)};
}

// A fault's "on": the event that fires it, and how often.
std::optional<Trigger> ScenarioReader::read_trigger(const JsonField& field) {
  ObjectReader obj(*field, field.path, errors_, accepted_fields("trigger"));
  if (!obj.is_object()) return std::nullopt;
  Trigger t;
  const auto event_field = obj.required("event");
  const auto event = read_string(event_field, errors_);
  std::vector<std::string_view> names;
  for (TriggerEvent e : all_trigger_events()) names.push_back(trigger_event_name(e));
  const auto known = std::find(names.begin(), names.end(), event.value_or(""));
  const bool have_event = event && known != names.end();
  if (event && !have_event) {
    report_unexpected(*event_field, errors_, "an event: " + quoted_list(names));
    errors_.append_to_last(did_you_mean(*event, names));
  } else if (have_event) {
    t.event = all_trigger_events()[static_cast<size_t>(known - names.begin())];
    // Events the protocol's nodes never report would leave the fault silently unfired.
    if (t.event == TriggerEvent::kLeader && protocol_ == Protocol::kBasicPaxos)
      errors_.add(event_field->path, "basic-paxos has no leader: \"leader\" never happens (raft, multi-paxos)");
    if (t.event == TriggerEvent::kAppend && protocol_ && *protocol_ != Protocol::kRaft)
      errors_.add(event_field->path, std::string(protocol_name(*protocol_)) +
                                         " reports no log entries: \"append\" never happens (raft)");
  }
  if (const auto node = obj.optional("node")) {
    if (auto id = read_node(node, NodeChoice::kUpNode); id && id->kind == NodeRef::Kind::kId) t.node = id->id;
    else if (id) report_unexpected(*node, errors_, "a node id (leave \"node\" out for any node)");
  }
  const auto message = obj.optional("message");
  if (message && have_event && t.event != TriggerEvent::kSend && t.event != TriggerEvent::kReceive)
    errors_.add(message->path, "\"message\" applies only to the events \"send\" and \"receive\"");
  else if (auto m = read_string(message, errors_); m && protocol_) t.message = message_type(*message, *m);
  const auto new_term = obj.optional("new_term");
  if (new_term && have_event && t.event != TriggerEvent::kAppend)
    errors_.add(new_term->path, "\"new_term\" applies only to the event \"append\"");
  else set_if(t.new_term, read_bool(new_term, errors_));
  set_if(t.after, read_range(obj.optional("after_ms"), /*positive=*/false));
  set_if(t.probability, read_probability(obj.optional("probability")));
  set_if(t.times, read_integer(obj.optional("times"), errors_, 1, kMaxCount));
  t.until = read_time(obj.optional("until_ms"));
  if (!have_event) return std::nullopt;
  return t;
}

// A message type the protocol's nodes send, as the protocol's own static
// name; "" (and an error) for any other.
std::string_view ScenarioReader::message_type(const JsonField& field, const std::string& type) {
  const auto types = protocol_traits(*protocol_).message_types;
  if (const auto it = std::find(types.begin(), types.end(), type); it != types.end()) return *it;
  const std::vector<std::string_view> names(types.begin(), types.end());
  report_unexpected(field, errors_, "a " + std::string(protocol_name(*protocol_)) + " message type: " + quoted_list(names));
  errors_.append_to_last(did_you_mean(type, names));
  return {};
}

void ScenarioReader::read_fault_fields(const ObjectReader& obj, PartitionFault& f) {
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

void ScenarioReader::read_fault_fields(const ObjectReader& obj, IsolateFault& f) {
  set_if(f.node, read_node(obj.required("node"), NodeChoice::kUpNode));
}

void ScenarioReader::read_fault_fields(const ObjectReader& obj, CutFault& f) {
  const auto from = read_node(obj.required("from"), NodeChoice::kUpNode);
  const auto to_field = obj.required("to");
  const auto to = read_node(to_field, NodeChoice::kUpNode);
  check_distinct(from, to, to_field);
  set_if(f.from, from);
  set_if(f.to, to);
  set_if(f.both, read_bool(obj.optional("both"), errors_));
}

void ScenarioReader::read_fault_fields(const ObjectReader&, HealFault&) {}

void ScenarioReader::read_fault_fields(const ObjectReader& obj, CrashFault& f) {
  set_if(f.node, read_node(obj.required("node"), NodeChoice::kUpNode));
  f.restart_after = read_duration(obj.optional("restart_after_ms"), /*positive=*/true);
}

void ScenarioReader::read_fault_fields(const ObjectReader& obj, RestartFault& f) {
  set_if(f.node, read_node(obj.required("node"), NodeChoice::kCrashedNode));
}

void ScenarioReader::read_fault_fields(const ObjectReader& obj, PauseFault& f) {
  set_if(f.node, read_node(obj.required("node"), NodeChoice::kUpNode));
  set_if(f.duration, read_duration(obj.required("duration_ms"), /*positive=*/true));
}

void ScenarioReader::read_fault_fields(const ObjectReader& obj, NetworkFault& f) {
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

void ScenarioReader::read_fault_fields(const ObjectReader& obj, ClockFault& f) {
  set_if(f.node, read_node(obj.required("node"), NodeChoice::kUpNode));
  set_if(f.rate, read_number(obj.required("rate"), errors_, "a clock rate", kClockRate));
}

void ScenarioReader::read_fault_fields(const ObjectReader& obj, DiskFault& f) {
  set_if(f.node, read_node(obj.required("node"), NodeChoice::kAnyNode));
  set_if(f.sync, read_range(obj.required("sync_ms"), /*positive=*/false));
}

// Either end may be left out (any sender, any receiver); when both are
// given they name one direction of one link.
void ScenarioReader::read_fault_fields(const ObjectReader& obj, HoldFault& f) {
  const auto to_field = obj.optional("to");
  f.from = read_node(obj.optional("from"), NodeChoice::kUpNode);
  f.to = read_node(to_field, NodeChoice::kUpNode);
  check_distinct(f.from, f.to, to_field);
  const auto message = obj.optional("message");
  if (auto m = read_string(message, errors_); m && protocol_) f.message = message_type(*message, *m);
  set_if(f.delay, read_range(obj.required("delay_ms"), /*positive=*/true));
  set_if(f.probability, read_probability(obj.optional("probability")));
  set_if(f.count, read_integer(obj.optional("count"), errors_, 1, kMaxCount));
  f.duration = read_duration(obj.optional("duration_ms"), /*positive=*/true);
}

// A link joins two different nodes.
void ScenarioReader::check_distinct(const std::optional<NodeRef>& from, const std::optional<NodeRef>& to, const std::optional<JsonField>& to_field) {
  if (from && to && to_field && same_node(*from, *to)) {
    report_unexpected(*to_field, errors_, "a node other than \"from\" (" + describe_node(*from) + ")");
  }
}

void ScenarioReader::read_expectations(const std::optional<JsonField>& field, std::vector<Expectation>& out) {
  if (!field) return;
  if (!field->value->is_array()) {
    report_unexpected(*field, errors_, "an array of expectations");
    return;
  }
  for (size_t i = 0; i < field->value->size(); ++i) {
    if (auto e = read_expectation(JsonField{&(**field)[i], json_path(field->path, i)})) out.push_back(*e);
  }
}

std::optional<Expectation> ScenarioReader::read_expectation(const JsonField& field) {
  ObjectReader obj(*field, field.path, errors_, std::nullopt);
  if (!obj.is_object()) return std::nullopt;
  auto e = read_type(obj, expectation_of_type, expectation_type_names());
  if (!e) return std::nullopt;
  obj.reject_unknown(expectation_fields(*e), "for type \"" + std::string(expectation_type_name(*e)) + "\"");
  std::visit([&](auto& x) { read_expect_fields(obj, x); }, *e);
  return e;
}

// An expectation of leaders (leader_at, no_leader_at, elections) or of an
// applied log (converged) can never mean anything on basic-paxos, which has neither.
void ScenarioReader::refuse_on_basic_paxos(const ObjectReader& obj, std::string_view type, std::string_view why) {
  if (!protocol_ || *protocol_ != Protocol::kBasicPaxos) return;
  errors_.add(json_path(obj.path(), "type"),
              fmt::format("\"{}\" applies only to raft and multi-paxos: basic-paxos {}", type, why));
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, LeaderAtExpect& e) {
  refuse_on_basic_paxos(obj, "leader_at", "has no leader");
  set_if(e.at, read_time(obj.required("at_ms"), /*within_run=*/true));
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, NoLeaderAtExpect& e) {
  refuse_on_basic_paxos(obj, "no_leader_at", "has no leader");
  set_if(e.at, read_time(obj.required("at_ms"), /*within_run=*/true));
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, CommitsExpect& e) {
  read_window(obj, e.from, e.to);
  e.min = read_integer(obj.optional("min"), errors_, 0, kMaxCount);
  const auto max_field = obj.optional("max");
  e.max = read_integer(max_field, errors_, 0, kMaxCount);
  if (!obj.has("min") && !obj.has("max")) errors_.add(obj.path(), "commits needs \"min\" and/or \"max\"");
  if (e.min && e.max && *e.max < *e.min) {
    report_unexpected(*max_field, errors_, "max >= min (" + std::to_string(*e.min) + ")");
  }
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, ClientOkExpect& e) {
  set_if(e.min, read_integer(obj.required("min"), errors_, 0, kMaxCount));
  e.from = read_time(obj.optional("from_ms"), /*within_run=*/true);
  const auto to_field = obj.optional("to_ms");
  e.to = read_time(to_field, /*within_run=*/true);
  check_window(e.from, e.to, to_field);
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, ConvergedExpect& e) {
  refuse_on_basic_paxos(obj, "converged", "has no log to converge on (\"decided\" is its counterpart)");
  set_if(e.by, read_time(obj.required("by_ms"), /*within_run=*/true));
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, ElectionsExpect& e) {
  refuse_on_basic_paxos(obj, "elections", "has no leader and elects none");
  read_window(obj, e.from, e.to);
  set_if(e.max, read_integer(obj.required("max"), errors_, 0, kMaxCount));
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, MessagesExpect& e) {
  read_window(obj, e.from, e.to);
  set_if(e.max, read_integer(obj.required("max"), errors_, 0, kMaxCount));
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, LogSizeExpect& e) {
  set_if(e.max, read_integer(obj.required("max"), errors_, 0, kMaxCount));
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, DecidedExpect& e) {
  if (protocol_ && *protocol_ != Protocol::kBasicPaxos) {
    errors_.add(json_path(obj.path(), "type"), "\"decided\" applies only to basic-paxos (this scenario is " +
                                                   std::string(protocol_name(*protocol_)) + ")");
  }
  set_if(e.by, read_time(obj.required("by_ms"), /*within_run=*/true));
}

void ScenarioReader::read_expect_fields(const ObjectReader& obj, ViolatesExpect& e) {
  const auto field = obj.required("invariant");
  const auto name = read_string(field, errors_);
  if (!name) return;
  if (const auto inv = invariant_from_name(*name)) {
    e.invariant = *inv;
    if (protocol_ && !invariant_checked_for(*inv, *protocol_)) {
      std::vector<std::string_view> checked;
      for (Invariant i : all_invariants())
        if (invariant_checked_for(i, *protocol_)) checked.push_back(invariant_name(i));
      report_unexpected(*field, errors_,
                        fmt::format("an invariant that {} runs check: {}", protocol_name(*protocol_),
                                    quoted_list(checked)));
    }
    return;
  }
  std::vector<std::string_view> names;
  for (Invariant inv : all_invariants()) names.push_back(invariant_name(inv));
  report_unexpected(*field, errors_, "an invariant name: " + quoted_list(names));
}

// Required from_ms <= to_ms, both within the run.
void ScenarioReader::read_window(const ObjectReader& obj, Time& from, Time& to) {
  const auto f = read_time(obj.required("from_ms"), /*within_run=*/true);
  const auto to_field = obj.required("to_ms");
  const auto t = read_time(to_field, /*within_run=*/true);
  check_window(f, t, to_field);
  set_if(from, f);
  set_if(to, t);
}

}  // namespace consim::scenario_reader
