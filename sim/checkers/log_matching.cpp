#include "sim/checkers/log_matching.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sim/checkers/evidence.h"

namespace consim {
namespace {

class LogMatching final : public Checker {
 public:
  explicit LogMatching(std::shared_ptr<LogHistory> history)
      : history_(std::move(history)), diverged_at_(static_cast<size_t>(history_->nodes()) + 1, 0) {}

  void on_observation(Time t, NodeId node, const Observation& o, ViolationSink& sink) override {
    history_->observe(node, o);
    // A divergence ends when the node's log changes at or below it.
    uint64_t& diverged_at = diverged_at_[static_cast<size_t>(node)];
    if (const auto* e = std::get_if<EntryAppended>(&o)) {
      if (e->index <= diverged_at) diverged_at = 0;
      check(t, node, *e, sink);
    } else if (const auto* tr = std::get_if<LogTruncated>(&o)) {
      if (tr->from_index <= diverged_at) diverged_at = 0;
    } else if (const auto* s = std::get_if<SnapshotTaken>(&o)) {
      if (s->installed) diverged_at = 0;  // the leader's state replaced the node's
    }
  }

  void on_node_crashed(Time, NodeId node) override { history_->crash(node); }

 private:
  void check(Time t, NodeId node, const EntryAppended& e, ViolationSink& sink) {
    const PrefixChain& log = history_->log(node);
    if (e.index <= log.base_index()) return;  // covered by the node's snapshot
    const auto prefix = log.prefix_at(e.index);
    if (!prefix) return;  // an unknown chain is not compared
    const SharedEntry* seen = history_->first_seen(e.index, e.term);
    if (seen == nullptr || seen->entry.prefix == *prefix) return;

    uint64_t& diverged_at = diverged_at_[static_cast<size_t>(node)];
    if (diverged_at != 0 && diverged_at < e.index) return;  // inherited from a divergence already found
    diverged_at = e.index;
    if (!reported_.insert({e.index, e.term}).second) return;
    sink.report(Violation{Invariant::kLogMatching, t, involved(node, seen->node), evidence(node, e, *seen, *prefix)});
  }

  std::string evidence(NodeId node, const EntryAppended& e, const SharedEntry& seen, uint64_t prefix) const {
    const NodeId other = seen.node;
    const PrefixChain& theirs = history_->log(other);
    if (other == node || theirs.prefix_at(e.index) != seen.entry.prefix) {
      // The first log to hold (index, term) has changed since: compare hashes.
      return fmt::format(
          "node {} holds entry {} of term {} (digest {}) after a different log than node {} held it: prefix hash {} vs "
          "{}",
          node, e.index, e.term, hex64(e.digest), other, hex64(prefix), hex64(seen.entry.prefix));
    }
    const PrefixChain& mine = history_->log(node);
    const NodeId a = std::min(node, other);
    const NodeId b = std::max(node, other);
    const PrefixChain& log_a = a == node ? mine : theirs;
    const PrefixChain& log_b = a == node ? theirs : mine;
    const uint64_t lo = std::max(mine.base_index(), theirs.base_index());
    const uint64_t at = first_difference(log_a, log_b, lo, e.index).value_or(lo);
    if (at == lo) {
      return fmt::format("nodes {} and {} both hold entry {} of term {}, but their logs differ at or before index {}",
                         a, b, e.index, e.term, lo);
    }
    if (at == e.index) {
      return fmt::format("nodes {} and {} both hold entry {} of term {}, with different commands: digest {} vs {}", a,
                         b, e.index, e.term, hex64(log_a.entry(at).digest), hex64(log_b.entry(at).digest));
    }
    return fmt::format(
        "nodes {} and {} both hold entry {} of term {}, but their logs differ at index {}: node {} has term {} "
        "(digest {}), node {} has term {} (digest {})",
        a, b, e.index, e.term, at, a, log_a.entry(at).term, hex64(log_a.entry(at).digest), b, log_b.entry(at).term,
        hex64(log_b.entry(at).digest));
  }

  std::shared_ptr<LogHistory> history_;
  // Per node: where its log was found to diverge, 0 for nowhere. Its later
  // entries inherit the divergent prefix: the same evidence, not reported.
  std::vector<uint64_t> diverged_at_;
  std::set<std::pair<uint64_t, uint64_t>> reported_;  // (index, term) already reported
};

}  // namespace

std::unique_ptr<Checker> make_log_matching_checker(int nodes) {
  return make_log_matching_checker(std::make_shared<LogHistory>(nodes));
}

std::unique_ptr<Checker> make_log_matching_checker(std::shared_ptr<LogHistory> history) {
  return std::make_unique<LogMatching>(std::move(history));
}

}  // namespace consim
