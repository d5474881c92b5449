// Log replication and commitment: Figure 2 (AppendEntries, Rules for
// Servers) and 5.3, 5.4.2.
#include <catch2/catch.hpp>

#include "tests/protocols/raft_harness.h"

namespace consim::test {
namespace {

using raft::AppendEntries;
using raft::AppendEntriesReply;
using raft::EntriesAppended;
using raft::LogTruncatedFrom;
using raft::RequestVoteReply;

// The node's log as a list of terms, read from what it reported.
std::vector<uint64_t> reported_terms(const FakeContext& ctx) {
  std::vector<uint64_t> terms;
  for (const auto& o : ctx.observations) {
    if (const auto* a = std::get_if<EntryAppended>(&o)) {
      terms.resize(a->index - 1);
      terms.push_back(a->term);
    } else if (const auto* t = std::get_if<LogTruncated>(&o)) {
      terms.resize(t->from_index - 1);
    }
  }
  return terms;
}

TEST_CASE("Figure 2 AppendEntries rule 1: reply false if term < currentTerm") {
  Solo n(2, 3);
  n.deliver(3, AppendEntries{4, 3, 0, 0, {}, 0, 0});
  n.deliver(1, AppendEntries{3, 1, 0, 0, batch({entry(3)}), 0, 0});
  n.sync();
  const auto reply = n.ctx.last_sent_to<AppendEntriesReply>(1);
  REQUIRE(reply);
  CHECK_FALSE(reply->success);
  CHECK(reply->term == 4);
  CHECK(n.status().leader == 3);
  CHECK(reported_terms(n.ctx).empty());
}

TEST_CASE("Figure 2 AppendEntries rule 2: reply false if log lacks prevLogIndex with prevLogTerm") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{2, 1, 0, 0, batch({entry(1), entry(1), entry(2)}), 0, 0});
  n.sync();
  SECTION("the log is too short: the hint is its length") {
    n.deliver(1, AppendEntries{2, 1, 7, 2, batch({entry(2)}), 0, 0});
    n.sync();
    const auto reply = n.ctx.last_sent_to<AppendEntriesReply>(1);
    CHECK_FALSE(reply->success);
    CHECK(reply->conflict_term == 0);
    CHECK(reply->conflict_index == 4);
    CHECK(reply->prev_log_index == 7);
  }
  SECTION("the term differs: the hint is that term and its first index") {
    n.deliver(1, AppendEntries{3, 1, 2, 3, batch({entry(3)}), 0, 0});
    n.sync();
    const auto reply = n.ctx.last_sent_to<AppendEntriesReply>(1);
    CHECK_FALSE(reply->success);
    CHECK(reply->conflict_term == 1);
    CHECK(reply->conflict_index == 1);
  }
  CHECK(reported_terms(n.ctx) == std::vector<uint64_t>{1, 1, 2});
}

TEST_CASE("Figure 2 AppendEntries rule 3: a conflicting entry and all after it are deleted") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{2, 1, 0, 0, batch({entry(1), entry(1), entry(2), entry(2)}), 0, 0});
  n.sync();
  n.deliver(3, AppendEntries{3, 3, 2, 1, batch({entry(3)}), 0, 0});
  n.sync();
  CHECK(reported_terms(n.ctx) == std::vector<uint64_t>{1, 1, 3});
  const auto truncated = n.ctx.observed<LogTruncated>();
  REQUIRE(truncated.size() == 1);
  CHECK(truncated[0].from_index == 3);
  const auto records = n.ctx.records_of<LogTruncatedFrom>();
  REQUIRE(records.size() == 1);
  CHECK(records[0].index == 3);
  const auto reply = n.ctx.last_sent_to<AppendEntriesReply>(3);
  CHECK(reply->success);
  CHECK(reply->match_index == 3);

  // The journal replays to the same log.
  n.crash_and_restart();
  CHECK(reported_terms(n.ctx) == std::vector<uint64_t>{1, 1, 3});
}

TEST_CASE("Figure 2 AppendEntries rule 3: a stale or duplicated AppendEntries never truncates") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1), entry(1), entry(1)}), 0, 0});
  n.sync();
  n.ctx.clear_outputs();
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1)}), 0, 0});  // an old copy, arriving late
  n.sync();
  CHECK(n.ctx.observed<LogTruncated>().empty());
  CHECK(n.ctx.observed<EntryAppended>().empty());
  CHECK(n.status().log_entries == 3);
  const auto reply = n.ctx.last_sent_to<AppendEntriesReply>(1);
  CHECK(reply->success);
  CHECK(reply->match_index == 1);
}

TEST_CASE("Figure 2 AppendEntries rule 4: new entries are appended and journaled") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1, put(1, 1, "k", "v"))}), 0, 0});
  n.deliver(1, AppendEntries{1, 1, 1, 1, batch({entry(1), entry(1)}), 0, 0});
  CHECK(reported_terms(n.ctx) == std::vector<uint64_t>{1, 1, 1});
  const auto records = n.ctx.records_of<EntriesAppended>();
  REQUIRE(records.size() == 2);
  CHECK(records[1].first_index == 2);
  CHECK(records[1].count() == 2);
  const auto appended = n.ctx.observed<EntryAppended>();
  CHECK(appended[0].digest == put(1, 1, "k", "v").digest());
}

TEST_CASE("Figure 2 AppendEntries rule 5: commitIndex = min(leaderCommit - index of last new entry)") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1), entry(1), entry(1)}), 0, 0});
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1), entry(1)}), 9, 0});
  auto commits = n.ctx.observed<CommitAdvanced>();
  REQUIRE(commits.size() == 1);
  CHECK(commits[0].index == 2);
  CHECK(n.status().last_applied == 2);
  CHECK(n.ctx.applied.size() == 2);
  // A heartbeat vouching for less moves nothing.
  n.deliver(1, AppendEntries{1, 1, 1, 1, {}, 9, 0});
  CHECK(n.ctx.observed<CommitAdvanced>().size() == 1);
}

TEST_CASE("Follower acknowledges entries only after they are synced") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1)}), 0, 0});
  CHECK(n.ctx.sent_of<AppendEntriesReply>().empty());
  REQUIRE(n.ctx.syncs_started.size() == 1);
  n.sync();
  const auto replies = n.ctx.sent_of<AppendEntriesReply>();
  REQUIRE(replies.size() == 1);
  CHECK(replies[0].second.success);
  CHECK(replies[0].second.match_index == 1);

  // A heartbeat with nothing to write is answered at once.
  n.deliver(1, AppendEntries{1, 1, 1, 1, {}, 1, 0});
  CHECK(n.ctx.sent_of<AppendEntriesReply>().size() == 2);
}

TEST_CASE("Dissertation 6.4: a new leader appends a no-op of its term") {
  Solo n(1, 3);
  n.win_election();
  const auto appended = n.ctx.observed<EntryAppended>();
  REQUIRE(appended.size() == 1);
  CHECK(appended[0].index == 1);
  CHECK(appended[0].term == n.term());
  const auto sent = n.ctx.sent_of<AppendEntries>();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].second.prev_log_index == 0);
  REQUIRE(raft::batch_size(sent[0].second.entries) == 1);
  CHECK((*sent[0].second.entries)[0].command->op == OpType::kNoop);
  // Both followers get the same shared batch.
  CHECK(sent[0].second.entries == sent[1].second.entries);
}

TEST_CASE("Leader counts its own entry towards a majority only once synced") {
  Solo n(1, 3);
  n.win_election();
  n.deliver(2, AppendEntriesReply{n.term(), true, 0, 1, 0, 0, 0});
  CHECK(n.ctx.observed<CommitAdvanced>().empty());
  n.sync();
  const auto commits = n.ctx.observed<CommitAdvanced>();
  REQUIRE(commits.size() == 1);
  CHECK(commits[0].index == 1);
}

TEST_CASE("5.4.2: only current-term entries are committed by counting replicas") {
  // The leader holds entries of terms 1 and 2 and wins term 3; its no-op goes at 3.
  std::vector<RecordPtr> journal{raft::make_record(raft::TermAndVote{2, 0}),
                                 raft::make_record(EntriesAppended{1, batch({entry(1), entry(2)})})};
  SECTION("correct: an earlier-term entry waits for the current-term entry") {
    Solo n(1, 5, RaftConfig{}, BugSet{}, journal);
    n.win_election();
    n.sync();
    n.deliver(2, AppendEntriesReply{3, true, 2, 2, 0, 0, 0});
    n.deliver(3, AppendEntriesReply{3, true, 2, 2, 0, 0, 0});
    CHECK(n.ctx.observed<CommitAdvanced>().empty());
    n.deliver(2, AppendEntriesReply{3, true, 2, 3, 0, 0, 0});
    n.deliver(3, AppendEntriesReply{3, true, 2, 3, 0, 0, 0});
    const auto commits = n.ctx.observed<CommitAdvanced>();
    REQUIRE(commits.size() == 1);
    CHECK(commits[0].index == 3);
  }
  SECTION("raft.commit-old-term: counted anyway (Figure 8)") {
    Solo n(1, 5, RaftConfig{}, with_bug(Bug::kRaftCommitOldTerm), journal);
    n.win_election();
    n.sync();
    n.deliver(2, AppendEntriesReply{3, true, 2, 2, 0, 0, 0});
    n.deliver(3, AppendEntriesReply{3, true, 2, 2, 0, 0, 0});
    const auto commits = n.ctx.observed<CommitAdvanced>();
    REQUIRE(commits.size() == 1);
    CHECK(commits[0].index == 2);
  }
}

TEST_CASE("5.3: the leader backs up next_index a term at a time using the follower's hints") {
  std::vector<RecordPtr> journal{
      raft::make_record(raft::TermAndVote{2, 0}),
      raft::make_record(EntriesAppended{1, batch({entry(1), entry(1), entry(2), entry(2), entry(2)})})};
  Solo n(1, 3, RaftConfig{}, BugSet{}, journal);
  n.win_election();  // no-op at 6, term 3
  const uint64_t t = n.term();
  auto last_ae = [&] { return n.ctx.last_sent_to<AppendEntries>(2); };
  CHECK(last_ae()->prev_log_index == 5);
  // Follower 2 holds [1, 1, 1, 1]: too short for 5.
  n.deliver(2, AppendEntriesReply{t, false, 5, 0, 0, 5, 0});
  CHECK(last_ae()->prev_log_index == 4);
  CHECK(last_ae()->prev_log_term == 2);
  // Its entry at 4 has term 1, which starts at 1; the leader's last term-1 entry is 2.
  n.deliver(2, AppendEntriesReply{t, false, 4, 0, 1, 1, 0});
  CHECK(last_ae()->prev_log_index == 2);
  CHECK(raft::batch_size(last_ae()->entries) == 4);
  // A duplicate of the older refusal changes nothing.
  n.ctx.sent.clear();
  n.deliver(2, AppendEntriesReply{t, false, 4, 0, 1, 1, 0});
  CHECK(n.ctx.sent.empty());
  n.deliver(2, AppendEntriesReply{t, true, 2, 6, 0, 0, 0});
  CHECK(n.ctx.sent.empty());  // caught up: nothing left to send
}

TEST_CASE("Leader: match_index only grows - stale replies are ignored") {
  Solo n(1, 3);
  n.win_election();
  n.sync();
  const uint64_t t = n.term();
  n.deliver(2, AppendEntriesReply{t, true, 0, 1, 0, 0, 0});
  REQUIRE(n.ctx.observed<CommitAdvanced>().size() == 1);
  // A late refusal from before the match is ignored; so is an old success.
  n.ctx.sent.clear();
  n.deliver(2, AppendEntriesReply{t, false, 0, 0, 0, 1, 0});
  n.deliver(2, AppendEntriesReply{t, true, 0, 0, 0, 0, 0});
  CHECK(n.ctx.sent.empty());
  // The next heartbeat points at the known match.
  n.ctx.fire(*n.node, raft::kHeartbeatTimer);
  const auto hb = n.ctx.last_sent_to<AppendEntries>(2);
  REQUIRE(hb);
  CHECK(hb->prev_log_index == 1);
  CHECK(raft::batch_size(hb->entries) == 0);
  CHECK(hb->leader_commit == 1);
  // A reply of an earlier term is ignored.
  n.deliver(3, AppendEntriesReply{t - 1, true, 0, 1, 0, 0, 0});
  CHECK(n.role() == Role::kLeader);
}

TEST_CASE("Leader pipelines entries and batches up to max_entries_per_message") {
  RaftConfig config;
  config.max_entries_per_message = 2;
  Solo n(1, 3, config);
  n.win_election();
  n.sync();
  const uint64_t t = n.term();
  n.deliver(2, AppendEntriesReply{t, true, 0, 1, 0, 0, 0});
  for (uint64_t seq = 1; seq <= 3; ++seq) n.node->on_client_request(n.ctx, request(put(1, seq, "k", "v")));
  // Three new entries, each sent to the pipelining follower 2 as it came.
  const auto to2 = n.ctx.sent_of<AppendEntries>();
  uint64_t entries_to_2 = 0;
  for (const auto& [to, m] : to2)
    if (to == 2 && m.prev_log_index >= 1) entries_to_2 += raft::batch_size(m.entries);
  CHECK(entries_to_2 == 3);
  // Follower 3, still probing, gets a batch of at most 2 after it answers.
  n.deliver(3, AppendEntriesReply{t, true, 0, 1, 0, 0, 0});
  const auto catch_up = n.ctx.last_sent_to<AppendEntries>(3);
  REQUIRE(catch_up);
  CHECK(catch_up->prev_log_index == 1);
  CHECK(raft::batch_size(catch_up->entries) == 2);
}

}  // namespace
}  // namespace consim::test
