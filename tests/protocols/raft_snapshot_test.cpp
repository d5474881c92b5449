// Log compaction and InstallSnapshot (section 7, Figure 13).
#include <catch2/catch.hpp>

#include "tests/protocols/raft_harness.h"

namespace consim::test {
namespace {

using raft::AppendEntries;
using raft::AppendEntriesReply;
using raft::EntriesAppended;
using raft::InstallSnapshot;
using raft::InstallSnapshotReply;
using raft::SnapshotSaved;

RaftConfig snapshot_every(uint64_t n) {
  RaftConfig c;
  c.snapshot_threshold = n;
  return c;
}

std::shared_ptr<const KvSnapshot> snapshot_of(uint64_t last_index, uint64_t last_term, int puts) {
  KvSnapshot s;
  for (int i = 1; i <= puts; ++i)
    s.state.apply(static_cast<uint64_t>(i), put(1, static_cast<uint64_t>(i), "k", "v" + std::to_string(i)));
  for (uint64_t i = static_cast<uint64_t>(puts) + 1; i <= last_index; ++i) s.state.apply(i, Command{});
  s.last_index = last_index;
  s.last_term = last_term;
  return std::make_shared<const KvSnapshot>(std::move(s));
}

TEST_CASE("Section 7: after snapshot_threshold applied entries the log prefix becomes a snapshot") {
  Solo n(2, 3, snapshot_every(3));
  std::vector<raft::LogEntry> entries;
  for (uint64_t i = 1; i <= 4; ++i) entries.push_back(entry(1, put(1, i, "k", "v" + std::to_string(i))));
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch(entries), 3, 0});
  const auto snaps = n.ctx.observed<SnapshotTaken>();
  REQUIRE(snaps.size() == 1);
  CHECK(snaps[0].last_index == 3);
  CHECK(snaps[0].last_term == 1);
  CHECK_FALSE(snaps[0].installed);
  CHECK(n.status().log_entries == 2);  // the snapshot and entry 4
  CHECK(n.status().last_applied == 3);
  // The journal was rewritten: term and vote, the snapshot, the entries after it.
  CHECK(n.ctx.rewrites == 1);
  REQUIRE(n.ctx.journal.size() == 3);
  CHECK(n.ctx.journal[0]->type() == "TermAndVote");
  CHECK(n.ctx.journal[1]->type() == "SnapshotSaved");
  CHECK(n.ctx.journal[2]->type() == "EntriesAppended");
  CHECK(n.ctx.records_of<EntriesAppended>()[0].first_index == 4);

  // Boot from it: the snapshot, then the entries after it, are reported again.
  const uint64_t digest = n.status().applied_digest;
  n.crash_and_restart();
  CHECK(n.status().last_applied == 3);
  CHECK(n.status().applied_digest == digest);
  CHECK(n.status().log_entries == 2);
  REQUIRE(n.ctx.observations.size() == 3);
  CHECK(std::holds_alternative<RoleChanged>(n.ctx.observations[0]));
  CHECK(std::get<SnapshotTaken>(n.ctx.observations[1]).last_index == 3);
  CHECK(std::get<EntryAppended>(n.ctx.observations[2]).index == 4);
}

TEST_CASE("Figure 13: a follower installs a snapshot newer than its commit index") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1), entry(1), entry(1)}), 0, 0});
  n.sync();
  n.ctx.clear_outputs();
  const auto snap = snapshot_of(5, 2, 2);
  n.deliver(1, InstallSnapshot{2, 1, 5, 2, snap, 0});
  const auto snaps = n.ctx.observed<SnapshotTaken>();
  REQUIRE(snaps.size() == 1);
  CHECK(snaps[0].installed);
  CHECK(snaps[0].last_index == 5);
  // 7. Discard the entire log (its entry 5 is missing): the old suffix is reported gone.
  const auto truncated = n.ctx.observed<LogTruncated>();
  REQUIRE(truncated.size() == 1);
  CHECK(truncated[0].from_index == 1);
  CHECK(n.status().last_applied == 5);
  CHECK(n.status().applied_digest == snap->state.applied_digest());
  CHECK(n.status().log_entries == 1);
  CHECK(n.ctx.records_of<SnapshotSaved>().size() == 1);
  CHECK(n.ctx.records_of<SnapshotSaved>()[0].installed);
  const auto reply = n.ctx.last_sent_to<InstallSnapshotReply>(1);
  REQUIRE(reply);
  CHECK(reply->last_included_index == 5);
  CHECK(reply->term == 2);
  // The log continues after the snapshot.
  n.deliver(1, AppendEntries{2, 1, 5, 2, batch({entry(2)}), 6, 0});
  CHECK(n.status().last_applied == 6);
}

TEST_CASE("Figure 13 rule 6: entries after a snapshot the log agrees with are kept") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1), entry(1), entry(1), entry(1)}), 0, 0});
  n.sync();
  n.ctx.clear_outputs();
  n.deliver(1, InstallSnapshot{1, 1, 2, 1, snapshot_of(2, 1, 2), 0});
  CHECK(n.ctx.observed<LogTruncated>().empty());
  CHECK(n.status().log_entries == 3);  // snapshot + entries 3 and 4
  // A snapshot the follower's commit index already covers changes nothing.
  n.deliver(1, AppendEntries{1, 1, 4, 1, {}, 4, 0});
  n.ctx.clear_outputs();
  n.deliver(1, InstallSnapshot{1, 1, 3, 1, snapshot_of(3, 1, 2), 0});
  CHECK(n.ctx.observed<SnapshotTaken>().empty());
  CHECK(n.ctx.last_sent_to<InstallSnapshotReply>(1)->last_included_index == 3);
}

TEST_CASE("Section 7: the leader sends InstallSnapshot for entries it has compacted") {
  Solo n(1, 3, snapshot_every(2));
  n.win_election();
  n.sync();
  const uint64_t t = n.term();
  n.deliver(2, AppendEntriesReply{t, true, 0, 1, 0, 0, 0});
  for (uint64_t seq = 1; seq <= 2; ++seq) n.node->on_client_request(n.ctx, request(put(1, seq, "k", "v")));
  n.sync();
  n.deliver(2, AppendEntriesReply{t, true, 1, 2, 0, 0, 0});
  REQUIRE(n.ctx.observed<SnapshotTaken>().size() == 1);
  CHECK(n.ctx.observed<SnapshotTaken>()[0].last_index == 2);
  CHECK(n.status().log_entries == 2);  // snapshot at 2, entry 3
  // Follower 3 never answered: its next_index (1) is inside the snapshot now.
  n.ctx.fire(*n.node, raft::kHeartbeatTimer);
  const auto install = n.ctx.last_sent_to<InstallSnapshot>(3);
  REQUIRE(install);
  CHECK(install->last_included_index == 2);
  CHECK(install->snapshot->state.last_applied() == 2);
  n.ctx.sent.clear();
  n.deliver(3, InstallSnapshotReply{t, 2, 0});
  const auto next = n.ctx.last_sent_to<AppendEntries>(3);
  REQUIRE(next);
  CHECK(next->prev_log_index == 2);
  CHECK(raft::batch_size(next->entries) == 1);
}

}  // namespace
}  // namespace consim::test
