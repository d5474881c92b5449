#include "reports/run_timeline.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <unordered_set>
#include <utility>

#include "reports/link_state.h"
#include "reports/trace_reader.h"
#include "sim/percentile.h"

namespace consim {
namespace {

// Bounds on what one report keeps (STYLE.md 8).
constexpr size_t kMaxSpans = 50'000;        // per kind of span
constexpr size_t kMaxMarks = 20'000;        // faults, elections
constexpr uint64_t kCommitMarks = 8'000;    // commits beyond this are sampled
constexpr uint64_t kLatencyPoints = 6'000;  // answers beyond this are sampled
constexpr int64_t kBuckets = 150;

uint64_t stride_for(uint64_t total, uint64_t budget) { return std::max<uint64_t>(1, (total + budget - 1) / budget); }

// "pause node 3 for 303 ms" -> 3
std::optional<int> paused_node(std::string_view detail) {
  constexpr std::string_view kPrefix = "pause node ";
  if (detail.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  detail.remove_prefix(kPrefix.size());
  int node = 0;
  const auto [end, ec] = std::from_chars(detail.data(), detail.data() + detail.size(), node);
  if (ec != std::errc() || end == detail.data()) return std::nullopt;
  return node;
}

class TimelineBuilder {
 public:
  TimelineBuilder(const Summary& s, const std::vector<TimeWindow>& focus)
      : links_(s.nodes),
        basic_paxos_(s.protocol == Protocol::kBasicPaxos),
        commit_stride_(stride_for(s.stats.entries_committed, kCommitMarks)),
        latency_stride_(stride_for(s.stats.client_ok, kLatencyPoints)),
        nodes_(static_cast<size_t>(std::max(s.nodes, 0)) + 1) {
    t_.nodes = s.nodes;
    t_.end = Time::from_ms(s.sim_time_ms);
    t_.messages = MessageSampler(s.stats.messages_sent);
    for (const auto& w : focus) t_.messages.add_focus(w);
    BucketSeries& b = t_.buckets;
    b.width = Duration::us(std::max<int64_t>(1000, (t_.end.us() + kBuckets - 1) / kBuckets));
    const auto n = static_cast<size_t>(t_.end.us() / b.width.count_us() + 1);
    b.commits.assign(n, 0);
    b.answers_ok.assign(n, 0);
    b.drops.assign(n, 0);
    b.sends_by_node.assign(static_cast<size_t>(std::max(s.nodes, 0)), std::vector<uint64_t>(n, 0));
    latencies_by_bucket_.resize(n);
  }

  void on_event(const TraceEvent& e) {
    const std::string_view k = e.kind;
    if (k == "send") return on_send(e);
    if (k == "deliver") return t_.messages.on_deliver(e.t, e.u64("msg"));
    if (k == "drop") return on_drop(e);
    if (k == "duplicate") return t_.messages.on_duplicate(e.u64("msg"));
    if (k == "role") return on_role(e);
    if (k == "commit" && !basic_paxos_) return on_commit(e.t, e.node, e.u64("index"));
    if (k == "choose" && basic_paxos_) return on_choose(e);
    if (k == "invoke") return on_invoke(e);
    if (k == "answer") return on_answer(e);
    if (k == "boot" || k == "restart") return on_up(e.t, e.node);
    if (k == "crash") return on_crash(e.t, e.node);
    if (k == "resume") return close_pause(e.t, e.node);
    if (k == "fault") return on_fault(e);
  }

  RunTimeline finish() {
    const Time end = t_.end;
    for (size_t n = 1; n < nodes_.size(); ++n) {
      const int node = static_cast<int>(n);
      close_pause(end, node);
      close_role(end, node);
      close_cut(end, node);
      NodeState& s = nodes_[n];
      if (s.up)
        push(t_.up, NodeSpan{node, s.up_since, end, "up", ""});
      else if (s.ever_up)
        push(t_.down, NodeSpan{node, s.down_since, end, "crashed", ""});
    }
    t_.messages.finish(end);
    for (size_t i = 0; i < latencies_by_bucket_.size(); ++i) {
      const auto& v = latencies_by_bucket_[i];
      t_.buckets.latency_ms.push_back(
          v.empty() ? LatencyStats{} : LatencyStats{percentile(v, 0.5), percentile(v, 0.99), percentile(v, 1.0)});
    }
    return std::move(t_);
  }

 private:
  struct NodeState {
    bool up = false;
    bool ever_up = false;
    Time up_since;
    Time down_since;
    std::optional<std::string> role;
    uint64_t term = 0;
    Time role_since;
    std::optional<Time> paused_since;
    std::string cut_label;
    std::string cut_cause;
    bool cut_minority = false;
    Time cut_since;
  };

  bool valid(int node) const { return node >= 1 && static_cast<size_t>(node) < nodes_.size(); }
  size_t bucket(Time t) const {
    const auto i = static_cast<size_t>(std::max<int64_t>(0, t.us()) / t_.buckets.width.count_us());
    return std::min(i, t_.buckets.commits.size() - 1);
  }
  template <typename T>
  void push(std::vector<T>& list, T item) {
    if (list.size() < kMaxSpans)
      list.push_back(std::move(item));
    else
      t_.truncated = true;
  }

  void on_send(const TraceEvent& e) {
    const int to = static_cast<int>(e.u64("to"));
    t_.messages.on_send(e.t, e.node, to, e.u64("msg"), e.str("type"));
    if (valid(e.node)) ++t_.buckets.sends_by_node[static_cast<size_t>(e.node - 1)][bucket(e.t)];
  }

  void on_drop(const TraceEvent& e) {
    if (!e.fields.contains("msg")) return;  // a client packet
    ++t_.buckets.drops[bucket(e.t)];
    // A drop at send names the receiver ("to"); one at delivery the sender.
    t_.messages.on_drop(e.t, e.u64("msg"), e.fields.contains("to"));
  }

  void on_role(const TraceEvent& e) {
    if (!valid(e.node)) return;
    close_role(e.t, e.node);
    NodeState& s = nodes_[static_cast<size_t>(e.node)];
    s.role = std::string(e.str("role"));
    s.term = e.u64("term");
    s.role_since = e.t;
    if (*s.role == "leader") {
      if (t_.elections.size() < kMaxMarks)
        t_.elections.push_back(Election{e.t, e.node, s.term});
      else
        t_.truncated = true;
    }
  }

  void close_role(Time t, int node) {
    NodeState& s = nodes_[static_cast<size_t>(node)];
    if (!s.role) return;
    push(t_.roles, RoleSpan{node, s.role_since, t, *s.role, s.term});
    s.role.reset();
  }

  void on_commit(Time t, int node, uint64_t index) {
    if (index <= max_commit_index_) return;
    for (uint64_t i = max_commit_index_ + 1; i <= index; ++i) record_commit(t, node, i);
    max_commit_index_ = index;
  }

  void on_choose(const TraceEvent& e) {
    const uint64_t instance = e.u64("instance");
    if (chosen_.insert(instance).second) record_commit(e.t, e.node, instance);
  }

  void record_commit(Time t, int node, uint64_t index) {
    ++t_.buckets.commits[bucket(t)];
    if (t_.commits_total++ % commit_stride_ == 0) t_.commits.push_back(CommitMark{t, node, index});
  }

  void on_invoke(const TraceEvent& e) {
    invoked_.try_emplace({e.u64("client"), e.u64("seq")}, e.t);  // a retry keeps the first invocation
  }

  void on_answer(const TraceEvent& e) {
    if (!e.fields.value("ok", false)) return;
    const auto it = invoked_.find({e.u64("client"), e.u64("seq")});
    if (it == invoked_.end()) return;
    const double latency_ms = (e.t - it->second).to_ms();
    invoked_.erase(it);
    const size_t b = bucket(e.t);
    ++t_.buckets.answers_ok[b];
    latencies_by_bucket_[b].push_back(latency_ms);
    if (t_.answers_ok++ % latency_stride_ == 0)
      t_.latencies.push_back(LatencyPoint{e.t, latency_ms, static_cast<int>(e.u64("from"))});
  }

  void on_up(Time t, int node) {
    if (!valid(node)) return;
    NodeState& s = nodes_[static_cast<size_t>(node)];
    if (!s.up && s.ever_up) push(t_.down, NodeSpan{node, s.down_since, t, "crashed", ""});
    s.up = s.ever_up = true;
    s.up_since = t;
  }

  void on_crash(Time t, int node) {
    if (!valid(node)) return;
    close_pause(t, node);
    close_role(t, node);
    NodeState& s = nodes_[static_cast<size_t>(node)];
    if (s.up) push(t_.up, NodeSpan{node, s.up_since, t, "up", ""});
    s.up = false;
    s.down_since = t;
  }

  void close_pause(Time t, int node) {
    if (!valid(node)) return;
    NodeState& s = nodes_[static_cast<size_t>(node)];
    if (!s.paused_since) return;
    push(t_.paused, NodeSpan{node, *s.paused_since, t, "paused", ""});
    s.paused_since.reset();
  }

  void on_fault(const TraceEvent& e) {
    const std::string type(e.str("type"));
    const std::string detail(e.str("detail"));
    const bool applied = e.fields.value("applied", true);
    if (t_.faults.size() < kMaxMarks)
      t_.faults.push_back(FaultMark{e.t, type, detail, applied});
    else
      t_.truncated = true;
    if (!applied) return;
    if (type == "pause") {
      const auto node = paused_node(detail);
      if (node && valid(*node)) nodes_[static_cast<size_t>(*node)].paused_since = e.t;
      return;
    }
    if (!links_.apply(type, detail)) return;
    for (size_t n = 1; n < nodes_.size(); ++n) {
      const int node = static_cast<int>(n);
      NodeState& s = nodes_[n];
      std::string label = links_.cut_off_label(node);
      if (label == s.cut_label) continue;
      close_cut(e.t, node);
      s.cut_label = std::move(label);
      s.cut_minority = !links_.reaches_majority(node);
      s.cut_cause = detail;
      s.cut_since = e.t;
    }
  }

  void close_cut(Time t, int node) {
    NodeState& s = nodes_[static_cast<size_t>(node)];
    if (!s.cut_label.empty() && t > s.cut_since)
      push(t_.cut_off, NodeSpan{node, s.cut_since, t, s.cut_label, s.cut_cause, s.cut_minority});
    s.cut_label.clear();
  }

  RunTimeline t_;
  LinkState links_;
  bool basic_paxos_;
  uint64_t commit_stride_;
  uint64_t latency_stride_;
  std::vector<NodeState> nodes_;  // index 0 unused
  uint64_t max_commit_index_ = 0;
  std::unordered_set<uint64_t> chosen_;
  std::map<std::pair<uint64_t, uint64_t>, Time> invoked_;  // (client, seq) awaiting an ok answer
  std::vector<std::vector<double>> latencies_by_bucket_;
};

}  // namespace

RunTimeline build_run_timeline(std::FILE* trace, const Summary& summary, const std::vector<TimeWindow>& focus) {
  TimelineBuilder builder(summary, focus);
  for_each_trace_event(trace, [&builder](const TraceEvent& e) { builder.on_event(e); });
  return builder.finish();
}

}  // namespace consim
