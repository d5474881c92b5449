#include "faults/timeline.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "faults/selectors.h"

namespace consim {
namespace {

FaultOutcome skipped(std::string why) { return FaultOutcome{false, std::move(why)}; }
FaultOutcome done(std::string what) { return FaultOutcome{true, std::move(what)}; }

// Resolves one node for a fault that needs it up (crash, pause, clock) or
// merely existing (isolate, cut).
struct OneNode {
  std::optional<NodeId> node;
  std::string why_not;
};

OneNode resolve_one(Resolver& r, const NodeRef& ref) {
  OneNode out{r.resolve(ref), {}};
  if (!out.node) out.why_not = r.why_not();
  return out;
}

FaultOutcome apply(const PartitionFault& f, ClusterControl& c) {
  Resolver r(c);
  // Fixed ids first, so that selectors never pick a node the file names.
  for (const auto& g : f.groups)
    for (const auto& m : g.members)
      if (m.kind == NodeRef::Kind::kId) r.take(m.id);
  std::vector<std::vector<NodeId>> groups;
  std::vector<bool> named(static_cast<size_t>(c.nodes()) + 1, false);
  int rest_group = -1;
  for (const auto& g : f.groups) {
    if (g.rest) {
      rest_group = static_cast<int>(groups.size());
      groups.emplace_back();
      continue;
    }
    std::vector<NodeId> members;
    for (const auto& m : g.members) {
      std::optional<NodeId> n = m.kind == NodeRef::Kind::kId ? std::optional<NodeId>(m.id) : r.resolve(m);
      if (!n) return skipped(r.why_not());
      members.push_back(*n);
      named[static_cast<size_t>(*n)] = true;
    }
    groups.push_back(std::move(members));
  }
  if (rest_group >= 0)
    for (NodeId n = 1; n <= c.nodes(); ++n)
      if (!named[static_cast<size_t>(n)]) groups[static_cast<size_t>(rest_group)].push_back(n);
  c.partition(groups);
  std::string text = "partition";
  for (const auto& g : groups) text += fmt::format(" {{{}}}", fmt::join(g, ","));
  return done(text);
}

FaultOutcome apply(const IsolateFault& f, ClusterControl& c) {
  Resolver r(c);
  auto n = resolve_one(r, f.node);
  if (!n.node) return skipped(n.why_not);
  c.isolate(*n.node);
  return done(fmt::format("isolate node {}", *n.node));
}

FaultOutcome apply(const CutFault& f, ClusterControl& c) {
  Resolver r(c);
  if (f.from.kind == NodeRef::Kind::kId) r.take(f.from.id);
  if (f.to.kind == NodeRef::Kind::kId) r.take(f.to.id);
  auto from = f.from.kind == NodeRef::Kind::kId ? OneNode{f.from.id, {}} : resolve_one(r, f.from);
  if (!from.node) return skipped(from.why_not);
  auto to = f.to.kind == NodeRef::Kind::kId ? OneNode{f.to.id, {}} : resolve_one(r, f.to);
  if (!to.node) return skipped(to.why_not);
  if (*from.node == *to.node) return skipped("cut from a node to itself");
  c.cut(*from.node, *to.node, f.both);
  return done(fmt::format("cut {} {} {}", *from.node, f.both ? "<->" : "->", *to.node));
}

FaultOutcome apply(const HealFault&, ClusterControl& c) {
  c.heal();
  return done("heal");
}

// With restart_after, the node restarts that long after (a bounce).
FaultOutcome apply(const CrashFault& f, ClusterControl& c) {
  Resolver r(c);
  auto n = resolve_one(r, f.node);
  if (!n.node) return skipped(n.why_not);
  if (!c.is_up(*n.node)) return skipped(fmt::format("node {} is already down", *n.node));
  c.crash(*n.node);
  if (!f.restart_after) return done(fmt::format("crash node {}", *n.node));
  c.schedule_fault(*f.restart_after, RestartFault{NodeRef{NodeRef::Kind::kId, *n.node}});
  return done(fmt::format("crash node {}, to restart {} ms later", *n.node, f.restart_after->to_ms()));
}

FaultOutcome apply(const RestartFault& f, ClusterControl& c) {
  if (f.node.kind == NodeRef::Kind::kAll) {
    std::vector<NodeId> restarted;
    for (NodeId n = 1; n <= c.nodes(); ++n)
      if (!c.is_up(n)) {
        c.restart(n);
        restarted.push_back(n);
      }
    if (restarted.empty()) return skipped("restart all: no node is down");
    return done(fmt::format("restart nodes {}", fmt::join(restarted, ",")));
  }
  if (f.node.kind != NodeRef::Kind::kId) return skipped("restart needs a node id or \"all\"");
  if (c.is_up(f.node.id)) return skipped(fmt::format("node {} is already up", f.node.id));
  c.restart(f.node.id);
  return done(fmt::format("restart node {}", f.node.id));
}

FaultOutcome apply(const PauseFault& f, ClusterControl& c) {
  Resolver r(c);
  auto n = resolve_one(r, f.node);
  if (!n.node) return skipped(n.why_not);
  if (!c.is_up(*n.node)) return skipped(fmt::format("node {} is down", *n.node));
  c.pause(*n.node, f.duration);
  return done(fmt::format("pause node {} for {} ms", *n.node, f.duration.to_ms()));
}

FaultOutcome apply(const NetworkFault& f, ClusterControl& c) {
  if (!f.from) {
    c.change_network(f);
    return done("network conditions changed");
  }
  Resolver r(c);
  if (f.from->kind == NodeRef::Kind::kId) r.take(f.from->id);
  if (f.to->kind == NodeRef::Kind::kId) r.take(f.to->id);
  auto from = f.from->kind == NodeRef::Kind::kId ? OneNode{f.from->id, {}} : resolve_one(r, *f.from);
  if (!from.node) return skipped(from.why_not);
  auto to = f.to->kind == NodeRef::Kind::kId ? OneNode{f.to->id, {}} : resolve_one(r, *f.to);
  if (!to.node) return skipped(to.why_not);
  c.change_link(*from.node, *to.node, f);
  return done(fmt::format("network conditions changed on link {} -> {}", *from.node, *to.node));
}

FaultOutcome apply(const ClockFault& f, ClusterControl& c) {
  Resolver r(c);
  auto n = resolve_one(r, f.node);
  if (!n.node) return skipped(n.why_not);
  c.set_clock_rate(*n.node, f.rate);
  return done(fmt::format("clock of node {} runs at rate {}", *n.node, f.rate));
}

// "5 ms", "1-20 ms".
std::string range_text(const DurationRange& r) {
  if (r.min == r.max) return fmt::format("{} ms", r.min.to_ms());
  return fmt::format("{}-{} ms", r.min.to_ms(), r.max.to_ms());
}

FaultOutcome apply(const DiskFault& f, ClusterControl& c) {
  if (f.node.kind == NodeRef::Kind::kAll) {
    for (NodeId n = 1; n <= c.nodes(); ++n) c.set_sync_latency(n, f.sync);
    return done(fmt::format("every disk syncs in {}", range_text(f.sync)));
  }
  Resolver r(c);
  auto n = resolve_one(r, f.node);
  if (!n.node) return skipped(n.why_not);
  c.set_sync_latency(*n.node, f.sync);
  return done(fmt::format("disk of node {} syncs in {}", *n.node, range_text(f.sync)));
}

// "hold back 1 AppendEntries from node 1 to any node by 500 ms", "hold back
// up to 3 messages from any node to node 2 by 100-900 ms, each with
// probability 0.5, for 2000 ms".
std::string held_messages(const HoldFault& f, std::optional<NodeId> from, std::optional<NodeId> to) {
  const std::string what = !f.message.empty() ? std::string(f.message) : f.count == 1 ? "message" : "messages";
  const auto end = [](std::optional<NodeId> n) { return n ? fmt::format("node {}", *n) : std::string("any node"); };
  std::string text = fmt::format("hold back {}{} {} from {} to {} by {}", f.count == 1 ? "" : "up to ", f.count,
                                 what, end(from), end(to), range_text(f.delay));
  if (f.probability < 1.0) text += fmt::format(", each with probability {}", f.probability);
  if (f.duration) text += fmt::format(", for {} ms", f.duration->to_ms());
  return text;
}

FaultOutcome apply(const HoldFault& f, ClusterControl& c) {
  Resolver r(c);
  if (f.from && f.from->kind == NodeRef::Kind::kId) r.take(f.from->id);
  if (f.to && f.to->kind == NodeRef::Kind::kId) r.take(f.to->id);
  std::optional<NodeId> from, to;
  if (f.from) {
    auto n = f.from->kind == NodeRef::Kind::kId ? OneNode{f.from->id, {}} : resolve_one(r, *f.from);
    if (!n.node) return skipped(n.why_not);
    from = n.node;
  }
  if (f.to) {
    auto n = f.to->kind == NodeRef::Kind::kId ? OneNode{f.to->id, {}} : resolve_one(r, *f.to);
    if (!n.node) return skipped(n.why_not);
    to = n.node;
  }
  if (from && to && *from == *to) return skipped("hold from a node to itself");
  c.hold(from, to, f);
  return done(held_messages(f, from, to));
}

}  // namespace

FaultOutcome apply_fault(const FaultAction& action, ClusterControl& cluster) {
  return std::visit([&cluster](const auto& f) { return apply(f, cluster); }, action);
}

}  // namespace consim
