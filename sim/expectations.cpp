#include "sim/expectations.h"

#include <algorithm>
#include <type_traits>

#include <fmt/format.h>

#include "protocols/core/quorum.h"
#include "sim/plural.h"
#include "sim/trace.h"

namespace consim {
namespace {

bool in_window(Time t, Time from, Time to) { return t >= from && t <= to; }

std::string window(Time from, Time to) {
  if (to == Time::never()) return fmt::format("{} ms onwards", format_ms(from.to_ms()));
  return fmt::format("{}..{} ms", format_ms(from.to_ms()), format_ms(to.to_ms()));
}

std::string bounds(std::optional<uint64_t> min, std::optional<uint64_t> max) {
  if (min && max) return fmt::format("{}..{}", *min, *max);
  if (min) return fmt::format(">= {}", *min);
  return fmt::format("<= {}", max.value_or(0));
}

}  // namespace

std::optional<RecognizedLeader> recognized_leader(const ClusterView& view) {
  std::optional<RecognizedLeader> best;
  for (NodeId l = 1; l <= view.nodes(); ++l) {
    if (!view.is_up(l)) continue;
    const NodeStatus ls = view.status(l);
    if (ls.role != Role::kLeader) continue;
    int supporters = 0;
    for (NodeId n = 1; n <= view.nodes(); ++n) {
      if (!view.is_up(n)) continue;
      if (n != l && !(view.link_up(n, l) && view.link_up(l, n))) continue;
      const NodeStatus s = view.status(n);
      if (s.term == ls.term && s.leader == l) ++supporters;
    }
    if (supporters >= majority(view.nodes()) && (!best || ls.term > best->term))
      best = RecognizedLeader{l, ls.term, supporters};
  }
  return best;
}

Expectations::Expectations(const std::vector<Expectation>& expect) {
  for (const auto& e : expect) slots_.push_back(Slot{e, std::nullopt, 0});
}

std::vector<Time> Expectations::check_times() const {
  std::vector<Time> times;
  for (const auto& s : slots_) {
    std::visit(
        [&times](const auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, LeaderAtExpect> || std::is_same_v<T, NoLeaderAtExpect>) times.push_back(e.at);
          else if constexpr (std::is_same_v<T, ConvergedExpect> || std::is_same_v<T, DecidedExpect>)
            times.push_back(e.by);
        },
        s.spec);
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  return times;
}

namespace {

ExpectationResult check_converged(const ClusterView& view, ExpectationKind kind) {
  std::optional<NodeStatus> first;
  NodeId first_node = 0;
  int up = 0;
  for (NodeId n = 1; n <= view.nodes(); ++n) {
    if (!view.is_up(n)) continue;
    ++up;
    const NodeStatus s = view.status(n);
    if (!first) {
      first = s;
      first_node = n;
      continue;
    }
    if (s.last_applied != first->last_applied || s.applied_digest != first->applied_digest)
      return {kind, false,
              fmt::format("node {} applied up to {} (digest {}), node {} up to {} (digest {})", first_node,
                          first->last_applied, hex16(first->applied_digest).substr(0, 8), n, s.last_applied,
                          hex16(s.applied_digest).substr(0, 8))};
  }
  if (!first) return {kind, false, "no node is up"};
  return {kind, true, fmt::format("{} applied the same {}", counted(up, "up node", "up nodes"),
                                         counted(first->last_applied, "entry", "entries"))};
}

// basic-paxos: every up node learned the same instances (status() reports
// how many, and an order-independent digest of them as applied_digest), and
// those cover every instance a client proposed to.
ExpectationResult check_decided(const ClusterView& view) {
  uint64_t learned = 0;
  std::string per_node;
  for (NodeId n = 1; n <= view.nodes(); ++n) {
    if (!view.is_up(n)) continue;
    learned = view.status(n).last_applied;
    per_node += fmt::format("{}node {}: {}", per_node.empty() ? "" : ", ", n, learned);
  }
  const ExpectationResult same = check_converged(view, ExpectationKind::kDecided);
  if (!same.ok)
    return learned == 0 && per_node.empty()
               ? same
               : ExpectationResult{ExpectationKind::kDecided, false,
                                   fmt::format("up nodes learned different instances ({} learned)", per_node)};
  const uint64_t proposed = view.instances_proposed();
  if (learned < proposed)
    return {ExpectationKind::kDecided, false,
            fmt::format("up nodes learned {} instances, but clients proposed to {}", learned, proposed)};
  return {ExpectationKind::kDecided, true, fmt::format("every up node learned the same {} instances ({} proposed)", learned, proposed)};
}

}  // namespace

void Expectations::check_at(Time now, const ClusterView& view) {
  for (auto& s : slots_) {
    if (s.result) continue;
    std::visit(
        [&](const auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, LeaderAtExpect>) {
            if (e.at != now) return;
            const auto l = recognized_leader(view);
            s.result = l ? ExpectationResult{ExpectationKind::kLeaderAt, true,
                                             fmt::format("node {} leader of term {} at {} ms ({} of {} nodes agree)",
                                                         l->node, l->term, format_ms(now.to_ms()), l->supporters,
                                                         view.nodes())}
                         : ExpectationResult{ExpectationKind::kLeaderAt, false,
                                             fmt::format("no leader recognized by a majority at {} ms",
                                                         format_ms(now.to_ms()))};
          } else if constexpr (std::is_same_v<T, NoLeaderAtExpect>) {
            if (e.at != now) return;
            const auto l = recognized_leader(view);
            s.result = l ? ExpectationResult{ExpectationKind::kNoLeaderAt, false,
                                             fmt::format("node {} is leader of term {} at {} ms", l->node, l->term,
                                                         format_ms(now.to_ms()))}
                         : ExpectationResult{ExpectationKind::kNoLeaderAt, true,
                                             fmt::format("no leader at {} ms", format_ms(now.to_ms()))};
          } else if constexpr (std::is_same_v<T, ConvergedExpect>) {
            if (e.by == now) s.result = check_converged(view, ExpectationKind::kConverged);
          } else if constexpr (std::is_same_v<T, DecidedExpect>) {
            if (e.by == now) s.result = check_decided(view);
          }
        },
        s.spec);
  }
}

void Expectations::on_message_sent(Time t) {
  for (auto& s : slots_)
    if (auto* e = std::get_if<MessagesExpect>(&s.spec); e && in_window(t, e->from, e->to)) ++s.count;
}

void Expectations::on_commit(Time t) {
  for (auto& s : slots_)
    if (auto* e = std::get_if<CommitsExpect>(&s.spec); e && in_window(t, e->from, e->to)) ++s.count;
}

void Expectations::on_elected(Time t) {
  for (auto& s : slots_)
    if (auto* e = std::get_if<ElectionsExpect>(&s.spec); e && in_window(t, e->from, e->to)) ++s.count;
}

bool Expectations::expects_violation() const {
  return std::any_of(slots_.begin(), slots_.end(),
                     [](const Slot& s) { return std::holds_alternative<ViolatesExpect>(s.spec); });
}

std::vector<ExpectationResult> Expectations::finish(const std::vector<Violation>& violations,
                                                    const History& history, uint64_t max_log_entries) {
  std::vector<ExpectationResult> out;
  for (auto& s : slots_) {
    if (!s.result) {
      std::visit(
          [&](const auto& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, CommitsExpect>) {
              const bool ok = (!e.min || s.count >= *e.min) && (!e.max || s.count <= *e.max);
              s.result = {ExpectationKind::kCommits, ok,
                          fmt::format("{} committed in {} (expected {})", s.count, window(e.from, e.to),
                                      bounds(e.min, e.max))};
            } else if constexpr (std::is_same_v<T, ClientOkExpect>) {
              uint64_t n = 0;
              for (const auto& op : history)
                if (op.outcome == Outcome::kOk && (!e.from || op.complete >= *e.from) && (!e.to || op.complete <= *e.to))
                  ++n;
              s.result = {ExpectationKind::kClientOk, n >= e.min,
                          fmt::format("{} client requests answered ok{} (expected >= {})", n,
                                      e.from || e.to ? " in " + window(e.from.value_or(Time::zero()),
                                                                       e.to.value_or(Time::never()))
                                                     : std::string(),
                                      e.min)};
            } else if constexpr (std::is_same_v<T, ElectionsExpect>) {
              s.result = {ExpectationKind::kElections, s.count <= e.max,
                          fmt::format("{} leaders elected in {} (expected <= {})", s.count, window(e.from, e.to),
                                      e.max)};
            } else if constexpr (std::is_same_v<T, MessagesExpect>) {
              s.result = {ExpectationKind::kMessages, s.count <= e.max,
                          fmt::format("{} messages sent in {} (expected <= {})", s.count, window(e.from, e.to),
                                      e.max)};
            } else if constexpr (std::is_same_v<T, LogSizeExpect>) {
              s.result = {ExpectationKind::kLogSize, max_log_entries <= e.max,
                          fmt::format("largest in-memory log holds {} entries (expected <= {})", max_log_entries,
                                      e.max)};
            } else if constexpr (std::is_same_v<T, ViolatesExpect>) {
              const auto it = std::find_if(violations.begin(), violations.end(),
                                           [&](const Violation& v) { return v.invariant == e.invariant; });
              s.result = it != violations.end()
                             ? ExpectationResult{ExpectationKind::kViolates, true,
                                                 fmt::format("{} fired at {} ms", invariant_name(e.invariant),
                                                             format_ms(it->time.to_ms()))}
                             : ExpectationResult{ExpectationKind::kViolates, false,
                                                 fmt::format("{} never fired", invariant_name(e.invariant))};
            } else {
              // A point-in-time entry whose time the run never reached.
              s.result = {expectation_kind(s.spec), false, "the run ended before its time"};
            }
          },
          s.spec);
    }
    out.push_back(*s.result);
  }
  return out;
}

}  // namespace consim
