#include "sim/checkers/leader_completeness.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sim/checkers/evidence.h"
#include "sim/checkers/prefix_chain.h"

namespace consim {
namespace {

class LeaderCompleteness final : public Checker {
 public:
  explicit LeaderCompleteness(std::shared_ptr<LogHistory> history)
      : history_(std::move(history)), leader_term_(static_cast<size_t>(history_->nodes()) + 1, 0) {}

  void on_observation(Time t, NodeId node, const Observation& o, ViolationSink& sink) override {
    history_->observe(node, o);
    if (const auto* r = std::get_if<RoleChanged>(&o)) {
      highest_term_ = std::max(highest_term_, r->term);
      leader_term_[slot(node)] = r->role == Role::kLeader ? r->term : 0;
      check_leader(t, node, sink);
    } else if (const auto* c = std::get_if<CommitAdvanced>(&o)) {
      // The committing leader reports first, in its own term. Should a
      // follower report a commit first (the leader's report was not usable),
      // the highest term seen so far is a commit term that is never too early.
      const uint64_t commit_term = leader_term_[slot(node)] != 0 ? leader_term_[slot(node)] : highest_term_;
      if (!extend_committed(node, c->index, commit_term)) return;
      // Entries committed in term U must be in the log of every leader of a term above U.
      for (NodeId leader = 1; leader <= history_->nodes(); ++leader)
        if (leader_term_[slot(leader)] > commit_term) check_leader(t, leader, sink);
    } else if (const auto* e = std::get_if<EntryAppended>(&o)) {
      // Only an overwrite can take a committed entry out of the leader's log.
      if (e->index <= committed_.last_index()) check_leader(t, node, sink);
    } else if (const auto* tr = std::get_if<LogTruncated>(&o)) {
      if (tr->from_index <= committed_.last_index()) check_leader(t, node, sink);
    } else if (std::holds_alternative<SnapshotTaken>(o)) {
      forget_below(history_->floor());
      check_leader(t, node, sink);
    }
  }

  void on_node_crashed(Time, NodeId node) override {
    history_->crash(node);
    leader_term_[slot(node)] = 0;  // a rebooted node is a follower
  }

 private:
  // Indexes from first_index on were first reported committed by `node` in `commit_term`.
  struct CommitRun {
    uint64_t first_index;
    uint64_t commit_term;
    NodeId node;
  };
  // The last committed index whose commit term is below every later one's.
  struct SuffixMinimum {
    uint64_t index;
    uint64_t commit_term;
  };

  static size_t slot(NodeId node) { return static_cast<size_t>(node); }

  // Grows the committed log to `index` from `node`'s log. False if it did not
  // grow: nothing new, the node's chain is unknown, or the node's log
  // disagrees with the committed log (left to state_machine_safety).
  bool extend_committed(NodeId node, uint64_t index, uint64_t commit_term) {
    const PrefixChain& log = history_->log(node);
    const uint64_t top = committed_.last_index();
    if (!log.known() || index <= top) return false;
    uint64_t first_new = top + 1;
    if (log.holds(top)) {
      if (log.prefix_at(top) != committed_.prefix_at(top)) return false;
    } else if (log.base_index() > top) {
      // The node's snapshot covers commits this checker never saw.
      committed_.reset(log.base_index(), log.base_term(), log.prefix_at(log.base_index()));
      first_new = log.base_index();
    } else {
      return false;  // the node's log ends before the committed log does
    }
    const uint64_t last = std::min(index, log.last_index());
    for (uint64_t i = committed_.last_index() + 1; i <= last; ++i)
      committed_.append(log.entry(i).term, log.entry(i).digest);
    if (committed_.last_index() < first_new) return false;
    note_commit_term(first_new, committed_.last_index(), commit_term, node);
    return true;
  }

  void note_commit_term(uint64_t first, uint64_t last, uint64_t commit_term, NodeId node) {
    if (runs_.empty() || runs_.back().commit_term != commit_term || runs_.back().node != node)
      runs_.push_back(CommitRun{first, commit_term, node});
    while (!minima_.empty() && minima_.back().commit_term >= commit_term) minima_.pop_back();
    minima_.push_back(SuffixMinimum{last, commit_term});
  }

  // K(T): the last index committed in a term before `term`.
  std::optional<uint64_t> last_committed_before(uint64_t term) const {
    // minima_ ascends in both index and commit term.
    const auto end = std::partition_point(minima_.begin(), minima_.end(),
                                          [term](const SuffixMinimum& m) { return m.commit_term < term; });
    if (end == minima_.begin()) return std::nullopt;
    return std::prev(end)->index;
  }

  const CommitRun& run_at(uint64_t index) const {
    auto it = std::upper_bound(runs_.begin(), runs_.end(), index,
                               [](uint64_t i, const CommitRun& r) { return i < r.first_index; });
    return it == runs_.begin() ? *it : *std::prev(it);
  }

  void forget_below(uint64_t floor) {
    if (floor <= committed_.base_index()) return;
    committed_.compact_to(std::min(floor, committed_.last_index()));
    const uint64_t base = committed_.base_index();
    while (runs_.size() >= 2 && runs_[1].first_index <= base) runs_.pop_front();
    while (minima_.size() >= 2 && minima_.front().index < base) minima_.pop_front();
  }

  void check_leader(Time t, NodeId leader, ViolationSink& sink) {
    const uint64_t term = leader_term_[slot(leader)];
    if (term == 0 || reported_.count({leader, term}) != 0) return;
    const auto k = last_committed_before(term);
    if (!k || *k < committed_.base_index()) return;
    const PrefixChain& log = history_->log(leader);
    if (!log.known() || *k < log.base_index()) return;
    if (log.prefix_at(*k) == committed_.prefix_at(*k)) return;
    reported_.insert({leader, term});
    report(t, leader, term, *k, sink);
  }

  void report(Time t, NodeId leader, uint64_t term, uint64_t k, ViolationSink& sink) const {
    const PrefixChain& log = history_->log(leader);
    const uint64_t lo = std::max(log.base_index(), committed_.base_index());
    const uint64_t hi = std::min(k, log.last_index());
    const auto at = hi >= lo ? first_difference(log, committed_, lo, hi) : std::optional<uint64_t>(lo);
    const std::string who = fmt::format("node {}, leader in term {},", leader, term);
    std::string detail;
    uint64_t missing = k;
    if (!at) {
      missing = log.last_index() + 1;
      detail = fmt::format("{} lacks {}: its log ends at index {}", who, committed_entry(missing), log.last_index());
    } else if (*at > lo) {
      missing = *at;
      const ChainEntry& held = log.entry(*at);
      detail = fmt::format("{} lacks {}: it holds term {} (digest {}) there", who, committed_entry(*at), held.term,
                           hex64(held.digest));
    } else {
      const CommitRun& run = run_at(k);
      detail = fmt::format(
          "{} lacks the committed log up to index {} (committed in term {}, first reported by node {}): its log "
          "differs from it at or before index {}",
          who, k, run.commit_term, run.node, lo);
    }
    sink.report(Violation{Invariant::kLeaderCompleteness, t, involved(leader, run_at(missing).node), detail});
  }

  std::string committed_entry(uint64_t index) const {
    const ChainEntry& e = committed_.entry(index);
    const CommitRun& run = run_at(index);
    return fmt::format("entry {} (term {}, digest {}) committed in term {} (first reported by node {})", index, e.term,
                       hex64(e.digest), run.commit_term, run.node);
  }

  std::shared_ptr<LogHistory> history_;
  std::vector<uint64_t> leader_term_;  // per node: the term it leads, 0 when not leader
  uint64_t highest_term_ = 0;          // the highest term any node has reported
  PrefixChain committed_;              // the committed log, above the snapshot floor
  std::deque<CommitRun> runs_;         // ascending first_index
  std::deque<SuffixMinimum> minima_;   // ascending index and commit_term
  std::set<std::pair<NodeId, uint64_t>> reported_;  // (leader, term) already reported
};

}  // namespace

std::unique_ptr<Checker> make_leader_completeness_checker(int nodes) {
  return make_leader_completeness_checker(std::make_shared<LogHistory>(nodes));
}

std::unique_ptr<Checker> make_leader_completeness_checker(std::shared_ptr<LogHistory> history) {
  return std::make_unique<LeaderCompleteness>(std::move(history));
}

}  // namespace consim
