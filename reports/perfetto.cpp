#include "reports/perfetto.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/trace_reader.h"

namespace consim {
namespace {

using nlohmann::ordered_json;

constexpr int kClusterPid = 1;
constexpr int kClientsPid = 2;

// Writes events as they come: the format needs no index, and a slice's end
// is an event of its own (B/E), so nothing of the run is held in memory but
// each node's stack of open slices and the clients' open operations.
class PerfettoWriter {
 public:
  PerfettoWriter(const Summary& s, std::FILE* out) : out_(out), stacks_(static_cast<size_t>(std::max(s.nodes, 0)) + 1) {
    ordered_json other = {{"scenario", s.scenario},
                          {"protocol", std::string(protocol_name(s.protocol))},
                          {"nodes", s.nodes},
                          {"seed", s.seed},
                          {"trace_hash", s.trace_hash},
                          {"consim_version", s.consim_version},
                          {"repro", s.repro}};
    fmt::print(out_, "{{\"displayTimeUnit\":\"ms\",\"otherData\":{},\n\"traceEvents\":[\n", dump(other));
    metadata(kClusterPid, 0, "process_name", {{"name", fmt::format("consim {} seed {}", s.scenario, s.seed)}});
    metadata(kClusterPid, 0, "process_sort_index", {{"sort_index", 1}});
    for (int n = 1; n <= s.nodes; ++n) {
      metadata(kClusterPid, n, "thread_name", {{"name", fmt::format("node {}", n)}});
      metadata(kClusterPid, n, "thread_sort_index", {{"sort_index", n}});
    }
    metadata(kClientsPid, 0, "process_name", {{"name", "clients"}});
    metadata(kClientsPid, 0, "process_sort_index", {{"sort_index", 2}});
  }

  void on_event(const TraceEvent& e) {
    const std::string_view k = e.kind;
    if (k == "send") {
      last_send_ = {e.u64("msg"), std::string(e.str("type"))};
      return message(e, "send", "s", e.str("type"), {{"to", e.u64("to")}, {"msg", e.u64("msg")}});
    }
    if (k == "deliver") return message(e, "recv", "f", e.str("type"), {{"from", e.u64("from")}, {"msg", e.u64("msg")}});
    if (k == "drop" && e.fields.contains("msg")) return on_drop(e);
    if (k == "role") return on_role(e);
    if (k == "boot" || k == "restart") return on_up(e);
    if (k == "crash") return on_crash(e);
    if (k == "resume") return on_resume(e);
    if (k == "commit" || k == "choose") return on_commit(e);
    if (k == "fault") return on_fault(e);
    if (k == "invoke") return on_invoke(e);
    if (k == "answer") return on_answer(e);
  }

  void finish(const Summary& s) {
    const Time end = Time::from_ms(s.sim_time_ms);
    for (size_t n = 1; n < stacks_.size(); ++n) close_to(static_cast<int>(n), end, 0);
    for (const auto& v : s.violations)
      emit({{"name", fmt::format("VIOLATION {}", invariant_name(v.invariant))},
            {"cat", "violation"},
            {"ph", "i"},
            {"s", "g"},
            {"ts", v.time.us()},
            {"pid", kClusterPid},
            {"tid", 0},
            {"args", {{"nodes", v.nodes}, {"detail", v.detail}}}});
    std::fputs("\n]}\n", out_);
    std::fflush(out_);
  }

 private:
  struct OpenSlice {
    std::string name;
  };

  static std::string dump(const ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  void emit(const ordered_json& event) {
    fmt::print(out_, "{}{}", first_ ? "" : ",\n", dump(event));
    first_ = false;
  }
  void metadata(int pid, int tid, const char* name, ordered_json args) {
    emit({{"name", name}, {"ph", "M"}, {"pid", pid}, {"tid", tid}, {"args", std::move(args)}});
  }
  bool valid(int node) const { return node >= 1 && static_cast<size_t>(node) < stacks_.size(); }

  void open(int node, Time t, std::string name, ordered_json args = ordered_json::object()) {
    emit({{"name", name},
          {"cat", "state"},
          {"ph", "B"},
          {"ts", t.us()},
          {"pid", kClusterPid},
          {"tid", node},
          {"args", std::move(args)}});
    stacks_[static_cast<size_t>(node)].push_back(OpenSlice{std::move(name)});
  }
  // Ends the node's open slices above `depth`, innermost first.
  void close_to(int node, Time t, size_t depth) {
    auto& stack = stacks_[static_cast<size_t>(node)];
    while (stack.size() > depth) {
      emit({{"ph", "E"}, {"ts", t.us()}, {"pid", kClusterPid}, {"tid", node}});
      stack.pop_back();
    }
  }
  bool top_is(int node, std::string_view name) const {
    const auto& stack = stacks_[static_cast<size_t>(node)];
    return !stack.empty() && stack.back().name == name;
  }

  void message(const TraceEvent& e, std::string_view verb, const char* flow_phase, std::string_view type,
               ordered_json args) {
    if (!valid(e.node)) return;
    const std::string name = fmt::format("{} {}", verb, type);
    emit({{"name", name},
          {"cat", "message"},
          {"ph", "X"},
          {"ts", e.t.us()},
          {"dur", 0},
          {"pid", kClusterPid},
          {"tid", e.node},
          {"args", std::move(args)}});
    ordered_json flow = {
        {"name", std::string(type)}, {"cat", "message"}, {"ph", flow_phase}, {"id", e.u64("msg")}, {"ts", e.t.us()},
        {"pid", kClusterPid},        {"tid", e.node}};
    if (std::string_view(flow_phase) == "f") flow["bp"] = "e";
    emit(flow);
  }

  void on_drop(const TraceEvent& e) {
    // At send the event names the receiver; at delivery the sender and type.
    const bool at_send = e.fields.contains("to");
    ordered_json args = {{"reason", std::string(e.str("reason"))}, {"msg", e.u64("msg")}};
    if (at_send)
      args["to"] = e.u64("to");
    else
      args["from"] = e.u64("from");
    // A drop at send comes right after its send, which named the type.
    std::string_view type = "message";
    if (!at_send) type = e.str("type");
    else if (last_send_.first == e.u64("msg")) type = last_send_.second;
    message(e, at_send ? "lost" : "drop", "f", type, std::move(args));
  }

  void on_up(const TraceEvent& e) {
    if (!valid(e.node)) return;
    close_to(e.node, e.t, 0);
    open(e.node, e.t, "up");
  }

  void on_crash(const TraceEvent& e) {
    if (!valid(e.node)) return;
    close_to(e.node, e.t, 0);
    open(e.node, e.t, "crashed");
  }

  void on_role(const TraceEvent& e) {
    if (!valid(e.node) || !top_is_up_or_deeper(e.node)) return;
    const bool paused = top_is(e.node, "paused");
    close_to(e.node, e.t, 1);
    const std::string role(e.str("role"));
    const uint64_t term = e.u64("term");
    open(e.node, e.t, fmt::format("{} t{}", role, term), {{"role", role}, {"term", term}});
    if (paused) open(e.node, e.t, "paused");
  }
  bool top_is_up_or_deeper(int node) const {
    const auto& stack = stacks_[static_cast<size_t>(node)];
    return !stack.empty() && stack.front().name == "up";
  }

  void on_resume(const TraceEvent& e) {
    if (valid(e.node) && top_is(e.node, "paused"))
      close_to(e.node, e.t, stacks_[static_cast<size_t>(e.node)].size() - 1);
  }

  void on_commit(const TraceEvent& e) {
    if (!valid(e.node)) return;
    const bool commit = e.kind == "commit";
    const uint64_t index = commit ? e.u64("index") : e.u64("instance");
    emit({{"name", fmt::format("{} {}", commit ? "commit" : "chosen", index)},
          {"cat", "log"},
          {"ph", "i"},
          {"s", "t"},
          {"ts", e.t.us()},
          {"pid", kClusterPid},
          {"tid", e.node}});
  }

  void on_fault(const TraceEvent& e) {
    const std::string type(e.str("type"));
    const std::string detail(e.str("detail"));
    const bool applied = e.fields.value("applied", true);
    emit({{"name", applied ? fmt::format("fault: {}", detail) : fmt::format("fault skipped: {}", type)},
          {"cat", "fault"},
          {"ph", "i"},
          {"s", "g"},
          {"ts", e.t.us()},
          {"pid", kClusterPid},
          {"tid", 0},
          {"args", {{"type", type}, {"detail", detail}, {"applied", applied}}}});
    // "pause node N for D ms": the node's own track shows the pause until it resumes.
    int node = 0;
    if (applied && type == "pause" && std::sscanf(detail.c_str(), "pause node %d", &node) == 1 && valid(node) &&
        top_is_up_or_deeper(node) && !top_is(node, "paused"))
      open(node, e.t, "paused", {{"detail", detail}});
  }

  void on_invoke(const TraceEvent& e) {
    const uint64_t client = e.u64("client");
    if (named_clients_.insert(client).second)
      metadata(kClientsPid, static_cast<int>(client), "thread_name", {{"name", fmt::format("client {}", client)}});
    std::string op(e.str("op"));
    if (!e.str("key").empty()) op += fmt::format(" {}", e.str("key"));
    invoked_.try_emplace({client, e.u64("seq")}, std::make_pair(e.t, std::move(op)));  // a retry keeps the first
  }

  void on_answer(const TraceEvent& e) {
    if (!e.fields.value("ok", false)) return;
    const uint64_t client = e.u64("client");
    const auto it = invoked_.find({client, e.u64("seq")});
    if (it == invoked_.end()) return;
    const auto& [invoked, op] = it->second;
    emit({{"name", op},
          {"cat", "client"},
          {"ph", "X"},
          {"ts", invoked.us()},
          {"dur", (e.t - invoked).count_us()},
          {"pid", kClientsPid},
          {"tid", client},
          {"args", {{"seq", e.u64("seq")}, {"node", e.u64("from")}, {"value", std::string(e.str("value"))}}}});
    invoked_.erase(it);
  }

  std::FILE* out_;
  bool first_ = true;
  std::vector<std::vector<OpenSlice>> stacks_;  // per node, index 0 unused
  std::pair<uint64_t, std::string> last_send_;  // message id and type
  std::set<uint64_t> named_clients_;
  std::map<std::pair<uint64_t, uint64_t>, std::pair<Time, std::string>> invoked_;
};

}  // namespace

void write_perfetto_trace(std::FILE* trace, const Summary& s, std::FILE* out) {
  PerfettoWriter writer(s, out);
  for_each_trace_event(trace, [&writer](const TraceEvent& e) { writer.on_event(e); });
  writer.finish(s);
}

}  // namespace consim
