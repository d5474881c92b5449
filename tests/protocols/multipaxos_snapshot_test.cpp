// Compaction, and snapshots for replicas whose slots the leader compacted.
#include <catch2/catch.hpp>

#include "tests/protocols/multipaxos_harness.h"

namespace consim::test::mp {
namespace {

MultiPaxosConfig with_threshold(uint64_t threshold) {
  MultiPaxosConfig c;
  c.snapshot_threshold = threshold;
  return c;
}

TEST_CASE("Multi-Paxos: after snapshot_threshold applied slots the slots are compacted and the journal is rewritten") {
  MpSolo s(2, 3, with_threshold(4));
  const uint64_t b = make_ballot(1, 1);
  s.deliver(1, P2a{b, 1, proposals({put(1, 1, "k", "a"), put(1, 2, "k", "b"), put(1, 3, "k", "c")}), 3});
  CHECK(s.ctx.rewrites == 0);
  s.deliver(1, P2a{b, 4, proposals({put(1, 4, "k", "d"), put(1, 5, "k", "e")}), 4});
  REQUIRE(s.ctx.rewrites == 1);
  const auto taken = s.ctx.observed<SnapshotTaken>();
  REQUIRE(taken.size() == 1);
  CHECK(taken[0].last_index == 4);
  CHECK_FALSE(taken[0].installed);
  CHECK(s.status().log_entries == 2);  // slot 5 and the snapshot
  // The new journal: the promise, the snapshot, the pvalue after it.
  CHECK(records_of<PromisedBallot>(s.ctx.journal).size() == 1);
  CHECK(records_of<SnapshotSaved>(s.ctx.journal).size() == 1);
  const auto pvalues = records_of<PValuesAccepted>(s.ctx.journal);
  REQUIRE(pvalues.size() == 1);
  CHECK(pvalues[0].first_slot == 5);
  // A restart recovers the snapshot and the pvalue.
  s.crash_and_restart();
  CHECK(s.status().last_applied == 4);
  CHECK(s.ctx.observed<SnapshotTaken>().size() == 1);
  CHECK(s.ctx.observed<ValueAccepted>().size() == 1);
}

TEST_CASE("Multi-Paxos: a scout that asks for compacted slots gets the snapshot in the p1b and learns from it") {
  MpSolo follower(2, 3, with_threshold(2));
  const uint64_t b = make_ballot(1, 1);
  follower.deliver(1, P2a{b, 1, proposals({put(1, 1, "k", "a"), put(1, 2, "k", "b")}), 2});
  REQUIRE(follower.ctx.rewrites == 1);
  follower.deliver(3, P1a{make_ballot(2, 3), 1});
  follower.sync();
  const auto p1b = last_sent_to<P1b>(follower.ctx, 3);
  REQUIRE(p1b.has_value());
  REQUIRE(p1b->snapshot != nullptr);
  CHECK(p1b->snapshot->last_index == 2);

  MpSolo scout(3, 3, with_threshold(2));
  scout.time_out();
  scout.sync();
  const uint64_t bs = scout.ballot();
  scout.deliver(2, P1b{bs, bs, 1, p1b->accepted, p1b->snapshot});
  REQUIRE(scout.role() == Role::kLeader);
  CHECK(scout.status().last_applied == 2);
  const auto installed = scout.ctx.observed<SnapshotTaken>();
  REQUIRE(installed.size() == 1);
  CHECK(installed[0].installed);
  // Its phase 2 starts after the snapshot.
  const auto p2a = last_sent_to<P2a>(scout.ctx, 1);
  REQUIRE(p2a.has_value());
  CHECK(p2a->first_slot == 3);
}

TEST_CASE("Multi-Paxos cluster of 3 with snapshots brings a lagging follower up with a snapshot") {
  MpCluster c(3, with_threshold(10));
  REQUIRE(c.run_until([&] { return c.leader() != 0; }));
  const NodeId leader = c.leader();
  const NodeId lagging = leader == 3 ? 2 : 3;
  c.isolate(lagging);
  for (uint64_t seq = 1; seq <= 40; ++seq) {
    const NodeId l = c.leader();
    REQUIRE(l != 0);
    c.submit(l, request(put(1, seq, "k", "v" + std::to_string(seq))));
    REQUIRE(c.run_until([&] { return !c.ok_replies(1, seq).empty(); }));
  }
  CHECK(c.node(lagging)->status().last_applied == 0);
  c.heal();
  REQUIRE(c.run_until([&] { return c.node(lagging)->status().last_applied >= 40; }));
  bool installed = false;
  for (const auto& t : c.ctx(lagging).observed<SnapshotTaken>()) installed = installed || t.installed;
  CHECK(installed);
  c.run_for(Duration::ms(500));
  const uint64_t last = c.node(c.leader())->status().last_applied;
  CHECK(c.converged_at(last));
  for (NodeId id = 1; id <= 3; ++id) CHECK(c.node(id)->status().log_entries <= 12);
}

}  // namespace
}  // namespace consim::test::mp
