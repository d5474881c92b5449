// The Raft checkers against a small randomized model of Raft (not the
// protocol under test, which the checkers must not rely on): elections with
// the up-to-date check, stale leaders, AppendEntries with the consistency
// check, truncation and overwrite, commits of the leader's own term only,
// local and installed snapshots, crashes and reboots that re-report the
// durable state. With no bug every seed must be quiet; with a bug switched
// on, some seed must trip the checkers the spec names for it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "protocols/core/random.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

struct ModelBugs {
  bool no_up_to_date_check = false;  // raft.no-up-to-date-check
  bool commit_old_term = false;      // raft.commit-old-term
  bool skip_log_matching = false;    // raft.skip-log-matching
  bool apply_uncommitted = false;    // raft.apply-uncommitted
};

struct ModelEntry {
  uint64_t term;
  Command command;
};

struct ModelNode {
  bool up = true;
  Role role = Role::kFollower;
  uint64_t term = 0;
  uint64_t base_index = 0;  // snapshot
  uint64_t base_term = 0;
  std::vector<ModelEntry> log;  // indexes base_index + 1 ..
  uint64_t commit = 0;
  uint64_t applied = 0;
  std::vector<uint64_t> match;  // as leader: per node, the highest index known replicated

  uint64_t last_index() const { return base_index + log.size(); }
  bool holds(uint64_t i) const { return i >= base_index && i <= last_index(); }
  const ModelEntry& at(uint64_t i) const { return log[i - base_index - 1]; }
  uint64_t term_at(uint64_t i) const { return i == base_index ? base_term : at(i).term; }
  uint64_t last_term() const { return term_at(last_index()); }
};

class RaftModel {
 public:
  RaftModel(int nodes, uint64_t seed, ModelBugs bugs)
      : h_(CheckerHarness::all(Protocol::kRaft, nodes)), rng_(seed), bugs_(bugs), nodes_(nodes + 1) {
    for (ModelNode& n : nodes_) n.match.assign(static_cast<size_t>(nodes) + 1, 0);
  }

  void run(int steps) {
    for (int s = 0; s < steps; ++s) {
      h_.at_ms(s);
      step();
    }
  }
  const CheckerHarness& harness() const { return h_; }
  struct Stats {
    uint64_t leaders = 0, commits = 0, truncations = 0, installs = 0, local_snapshots = 0, crashes = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  int size() const { return static_cast<int>(nodes_.size()) - 1; }
  int majority() const { return size() / 2 + 1; }
  ModelNode& node(NodeId id) { return nodes_[static_cast<size_t>(id)]; }
  NodeId pick() { return static_cast<NodeId>(rng_.uniform_int(1, size())); }

  // A random node among those that satisfy `want`, or 0.
  template <typename Want>
  NodeId pick_where(Want want) {
    std::vector<NodeId> ids;
    for (NodeId id = 1; id <= size(); ++id)
      if (want(node(id))) ids.push_back(id);
    if (ids.empty()) return 0;
    return ids[static_cast<size_t>(rng_.uniform_int(0, static_cast<int64_t>(ids.size()) - 1))];
  }

  void step() {
    const int64_t roll = rng_.uniform_int(0, 199);
    const auto is_up = [](const ModelNode& n) { return n.up; };
    // Every leader acts, stale ones too: they learn of a newer term only when told.
    const NodeId leader = pick_where([](const ModelNode& n) { return n.up && n.role == Role::kLeader; });
    if (roll < 6) {
      if (NodeId id = pick_where(is_up)) elect(id);
    } else if (roll < 40) {
      if (leader != 0) client_write(leader);
    } else if (roll < 140) {
      if (leader != 0) replicate(leader, pick());
    } else if (roll < 175) {
      if (leader != 0) leader_commit(leader);
    } else if (roll < 190) {
      if (NodeId id = pick_where(is_up)) snapshot(id);
    } else if (roll < 192) {
      if (NodeId id = pick_where(is_up)) crash(id);
    } else {
      if (NodeId id = pick_where([](const ModelNode& n) { return !n.up; })) restart(id);
    }
  }

  void become(NodeId id, Role role, uint64_t term) {
    ModelNode& n = node(id);
    n.role = role;
    n.term = term;
    max_term_ = std::max(max_term_, term);
    h_.role(id, role, term);
  }

  void elect(NodeId c) {
    ModelNode& cand = node(c);
    const uint64_t term = max_term_ + 1;
    become(c, Role::kCandidate, term);
    int votes = 1;
    for (NodeId v = 1; v <= size(); ++v) {
      ModelNode& voter = node(v);
      if (v == c || !voter.up || !rng_.bernoulli(0.7)) continue;  // unreachable
      become(v, Role::kFollower, term);  // a higher term always makes a follower
      const bool up_to_date = cand.last_term() > voter.last_term() ||
                              (cand.last_term() == voter.last_term() && cand.last_index() >= voter.last_index());
      if (up_to_date || bugs_.no_up_to_date_check) ++votes;
    }
    if (votes < majority()) return;
    become(c, Role::kLeader, term);
    ++stats_.leaders;
    std::fill(cand.match.begin(), cand.match.end(), 0);
  }

  void client_write(NodeId l) {
    ModelNode& leader = node(l);
    Command c;
    c.op = OpType::kPut;
    c.client = 1;
    c.seq = ++writes_;
    c.key = "k" + std::to_string(writes_ % 5);
    c.value = "w" + std::to_string(writes_);
    leader.log.push_back(ModelEntry{leader.term, c});
    h_.append(l, leader.last_index(), leader.term, c.digest());
  }

  void append_from(NodeId f, const ModelNode& leader, uint64_t after) {
    ModelNode& follower = node(f);
    for (uint64_t i = after + 1; i <= leader.last_index(); ++i) {
      if (i <= follower.last_index()) {
        if (follower.term_at(i) == leader.term_at(i) && !bugs_.skip_log_matching) continue;
        follower.log.resize(static_cast<size_t>(i - follower.base_index - 1));
        h_.truncate(f, i);
        ++stats_.truncations;
      }
      follower.log.push_back(leader.at(i));
      h_.append(f, i, leader.at(i).term, leader.at(i).command.digest());
    }
  }

  // One AppendEntries (or InstallSnapshot) from leader l to node f, and its reply.
  void replicate(NodeId l, NodeId f) {
    ModelNode& leader = node(l);
    ModelNode& follower = node(f);
    if (f == l || !follower.up) return;
    if (follower.term > leader.term) {
      become(l, Role::kFollower, follower.term);  // the reply carries a higher term
      return;
    }
    if (follower.term < leader.term || follower.role != Role::kFollower) become(f, Role::kFollower, leader.term);

    // The highest index at which both logs agree: where the consistency check
    // (prev_log_index, prev_log_term) would succeed after backing off.
    const uint64_t lo = std::max(leader.base_index, follower.base_index);
    const uint64_t hi = std::min(leader.last_index(), follower.last_index());
    uint64_t agree = 0;
    bool found = false;
    for (uint64_t i = hi; lo <= hi && !found; --i) {
      if (bugs_.skip_log_matching || leader.term_at(i) == follower.term_at(i)) {
        agree = i;
        found = true;
      }
      if (i == lo) break;
    }
    if (found) {
      append_from(f, leader, agree);
    } else {
      if (follower.base_index > leader.base_index || leader.base_index == 0) return;
      // InstallSnapshot: keep the log after the snapshot only if it matches there.
      if (follower.holds(leader.base_index) && follower.term_at(leader.base_index) == leader.base_term) {
        follower.log.erase(follower.log.begin(),
                           follower.log.begin() + static_cast<std::ptrdiff_t>(leader.base_index - follower.base_index));
      } else {
        follower.log.clear();
      }
      follower.base_index = leader.base_index;
      follower.base_term = leader.base_term;
      h_.snapshot(f, leader.base_index, leader.base_term, true);
      ++stats_.installs;
      follower.applied = std::max(follower.applied, leader.base_index);
      if (leader.base_index > follower.commit) {
        follower.commit = leader.base_index;
        h_.commit(f, follower.commit);
      }
      append_from(f, leader, leader.base_index);
    }
    leader.match[static_cast<size_t>(f)] = leader.last_index();
    advance_commit(f, std::min(leader.commit, leader.last_index()));
    if (bugs_.apply_uncommitted) apply_through(f, follower.last_index());
  }

  void leader_commit(NodeId l) {
    ModelNode& leader = node(l);
    for (uint64_t i = leader.last_index(); i > std::max(leader.commit, leader.base_index); --i) {
      // Raft commits only entries of the leader's own term by counting replicas (Figure 8).
      if (leader.at(i).term != leader.term && !bugs_.commit_old_term) continue;
      int replicas = 1;
      for (NodeId f = 1; f <= size(); ++f) replicas += f != l && leader.match[static_cast<size_t>(f)] >= i ? 1 : 0;
      if (replicas >= majority()) {
        advance_commit(l, i);
        return;
      }
    }
  }

  void advance_commit(NodeId id, uint64_t to) {
    ModelNode& n = node(id);
    if (to <= n.commit) return;
    n.commit = to;
    h_.commit(id, to);
    ++stats_.commits;
    apply_through(id, to);
  }

  void apply_through(NodeId id, uint64_t to) {
    ModelNode& n = node(id);
    to = std::min(to, n.last_index());  // with a bug, a committed entry may have been truncated
    for (; n.applied < to; ++n.applied) h_.apply(id, n.applied + 1, n.at(n.applied + 1).command);
  }

  void snapshot(NodeId id) {
    ModelNode& n = node(id);
    const uint64_t at = std::min({n.applied, n.commit, n.last_index()});
    if (at < n.base_index + 4) return;
    const uint64_t term = n.term_at(at);
    n.log.erase(n.log.begin(), n.log.begin() + static_cast<std::ptrdiff_t>(at - n.base_index));
    n.base_index = at;
    n.base_term = term;
    h_.snapshot(id, at, term, false);
    ++stats_.local_snapshots;
  }

  void crash(NodeId id) {
    ModelNode& n = node(id);
    n.up = false;
    n.role = Role::kFollower;
    n.commit = n.applied = n.base_index;  // volatile; the term, log and snapshot are durable
    h_.crash(id);
    ++stats_.crashes;
  }

  void restart(NodeId id) {
    ModelNode& n = node(id);
    n.up = true;
    if (n.base_index > 0) h_.snapshot(id, n.base_index, n.base_term, false);
    for (uint64_t i = n.base_index + 1; i <= n.last_index(); ++i)
      h_.append(id, i, n.at(i).term, n.at(i).command.digest());
    h_.follower(id, n.term);
  }

  CheckerHarness h_;
  Rng rng_;
  ModelBugs bugs_;
  std::vector<ModelNode> nodes_;  // [0] unused
  uint64_t max_term_ = 0;
  uint64_t writes_ = 0;
  Stats stats_;
};

constexpr int kSteps = 3000;

TEST_CASE("raft checkers are quiet on randomized legal Raft histories", "[checkers][model]") {
  RaftModel::Stats total;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    RaftModel model(seed % 2 == 0 ? 5 : 3, seed, ModelBugs{});
    model.run(kSteps);
    INFO("seed " << seed << "\n" << render(model.harness().violations()));
    REQUIRE(model.harness().violations().empty());
    const RaftModel::Stats& s = model.stats();
    total.leaders += s.leaders;
    total.commits += s.commits;
    total.truncations += s.truncations;
    total.installs += s.installs;
    total.local_snapshots += s.local_snapshots;
    total.crashes += s.crashes;
  }
  // The histories really do exercise what the checkers must tolerate.
  INFO("leaders " << total.leaders << ", commits " << total.commits << ", truncations " << total.truncations
                  << ", installs " << total.installs << ", local snapshots " << total.local_snapshots << ", crashes "
                  << total.crashes);
  CHECK(total.leaders > 1000);
  CHECK(total.commits > 10000);
  CHECK(total.truncations > 100);
  CHECK(total.installs > 100);
  CHECK(total.local_snapshots > 1000);
  CHECK(total.crashes > 1000);
}

size_t seeds_violating(ModelBugs bugs, std::initializer_list<Invariant> invariants, uint64_t seeds_to_try = 200) {
  size_t seeds = 0;
  for (uint64_t seed = 1; seed <= seeds_to_try; ++seed) {
    RaftModel model(5, seed, bugs);
    model.run(kSteps);
    for (Invariant inv : invariants) {
      if (model.harness().count(inv) > 0) {
        ++seeds;
        break;
      }
    }
  }
  return seeds;
}

TEST_CASE("raft checkers catch the model's injected bugs", "[checkers][model]") {
  SECTION("no up-to-date check") {
    CHECK(seeds_violating(ModelBugs{.no_up_to_date_check = true},
                          {Invariant::kLeaderCompleteness, Invariant::kStateMachineSafety}) > 0);
  }
  SECTION("commit old term") {
    // Figure 8 needs a rare interleaving: about 1 seed in 100 of this model.
    CHECK(seeds_violating(ModelBugs{.commit_old_term = true},
                          {Invariant::kLeaderCompleteness, Invariant::kStateMachineSafety}, 1000) > 0);
  }
  SECTION("skip log matching") {
    CHECK(seeds_violating(ModelBugs{.skip_log_matching = true},
                          {Invariant::kLogMatching, Invariant::kStateMachineSafety}) > 0);
  }
  SECTION("apply uncommitted") {
    CHECK(seeds_violating(ModelBugs{.apply_uncommitted = true}, {Invariant::kStateMachineSafety}) > 0);
  }
}

}  // namespace
}  // namespace consim::testing
