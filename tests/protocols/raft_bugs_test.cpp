// Each injected raft.* bug (the README's "Checkers and injected bugs") changes exactly the behaviour it
// names; the correct path is shown next to it.
#include <catch2/catch.hpp>

#include "tests/protocols/raft_harness.h"

namespace consim::test {
namespace {

using raft::AppendEntries;
using raft::AppendEntriesReply;
using raft::RequestVote;
using raft::RequestVoteReply;

TEST_CASE("raft.volatile-vote: the grant leaves unsynced and a crash forgets it") {
  Solo n(1, 3, RaftConfig{}, with_bug(Bug::kRaftVolatileVote));
  n.deliver(2, RequestVote{1, 2, 0, 0});
  REQUIRE(n.ctx.last_sent_to<RequestVoteReply>(2));  // no sync needed
  CHECK(n.ctx.last_sent_to<RequestVoteReply>(2)->vote_granted);
  n.crash_and_restart();
  CHECK(n.term() == 0);
  n.deliver(3, RequestVote{1, 3, 0, 0});
  CHECK(n.ctx.last_sent_to<RequestVoteReply>(3)->vote_granted);  // a second vote in term 1

  // The term reaches the disk with later writes; the vote never does.
  n.deliver(3, AppendEntries{1, 3, 0, 0, batch({entry(1)}), 0, 0});
  n.sync();
  n.crash_and_restart();
  CHECK(n.term() == 1);
  n.deliver(2, RequestVote{1, 2, 1, 1});
  CHECK(n.ctx.last_sent_to<RequestVoteReply>(2)->vote_granted);
}

TEST_CASE("raft.no-up-to-date-check: a vote goes to a candidate with a stale log") {
  auto stale_candidate_gets_vote = [](BugSet bugs) {
    Solo n(1, 3, RaftConfig{}, bugs);
    n.deliver(2, AppendEntries{2, 2, 0, 0, batch({entry(2)}), 0, 0});
    n.sync();
    n.deliver(3, RequestVote{3, 3, 0, 0});
    n.sync();
    return n.ctx.last_sent_to<RequestVoteReply>(3)->vote_granted;
  };
  CHECK_FALSE(stale_candidate_gets_vote(BugSet{}));
  CHECK(stale_candidate_gets_vote(with_bug(Bug::kRaftNoUpToDateCheck)));
}

TEST_CASE("raft.minority-quorum: 2 of 4 votes elect a leader") {
  auto wins_with_one_grant = [](BugSet bugs) {
    Solo n(1, 4, RaftConfig{}, bugs);
    n.ctx.time_out(*n.node);
    n.sync();
    if (n.role() == Role::kCandidate) n.deliver(2, RequestVoteReply{1, true});
    return n.role() == Role::kLeader;
  };
  CHECK_FALSE(wins_with_one_grant(BugSet{}));
  CHECK(wins_with_one_grant(with_bug(Bug::kRaftMinorityQuorum)));
}

TEST_CASE("raft.skip-log-matching: entries are stored after a mismatched prevLogTerm") {
  auto accepts_mismatch = [](BugSet bugs) {
    Solo n(2, 3, RaftConfig{}, bugs);
    n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1), entry(1)}), 0, 0});
    n.deliver(3, AppendEntries{3, 3, 2, 2, batch({entry(3)}), 0, 0});
    n.sync();
    return n.ctx.last_sent_to<AppendEntriesReply>(3)->success;
  };
  CHECK_FALSE(accepts_mismatch(BugSet{}));
  CHECK(accepts_mismatch(with_bug(Bug::kRaftSkipLogMatching)));
}

TEST_CASE("raft.apply-uncommitted: entries are applied as soon as they are stored") {
  auto applied_before_commit = [](BugSet bugs) {
    Solo n(2, 3, RaftConfig{}, bugs);
    n.deliver(1, AppendEntries{1, 1, 0, 0, batch({entry(1, put(1, 1, "k", "v"))}), 0, 0});
    return n.status().last_applied;
  };
  CHECK(applied_before_commit(BugSet{}) == 0);
  CHECK(applied_before_commit(with_bug(Bug::kRaftApplyUncommitted)) == 1);
}

TEST_CASE("raft.local-read: a leader answers get from its own state at once") {
  auto answered_at_once = [](BugSet bugs) {
    Solo n(1, 3, RaftConfig{}, bugs);
    n.win_election();
    n.node->on_client_request(n.ctx, request(get(1, 1, "k")));
    return n.ctx.replies.size() == 1 && n.ctx.replies[0].ok;
  };
  CHECK_FALSE(answered_at_once(BugSet{}));
  CHECK(answered_at_once(with_bug(Bug::kRaftLocalRead)));
}

TEST_CASE("raft.no-dedup: a retry of an applied request is appended and applied again") {
  // A 1-node cluster commits as soon as the entry is synced.
  auto answers = [](BugSet bugs) {
    Solo n(1, 1, RaftConfig{}, bugs);
    n.ctx.time_out(*n.node);
    n.sync();
    REQUIRE(n.role() == Role::kLeader);
    n.sync();  // the no-op
    Command a = put(1, 1, "k", "x");
    a.op = OpType::kAppend;
    n.node->on_client_request(n.ctx, request(a));
    n.sync();
    n.node->on_client_request(n.ctx, request(a));  // the client's retry, after the first was applied
    n.sync();
    std::vector<std::string> values;
    for (const auto& r : n.ctx.replies) values.push_back(r.value);
    return values;
  };
  CHECK(answers(BugSet{}) == std::vector<std::string>{"x", "x"});
  CHECK(answers(with_bug(Bug::kRaftNoDedup)) == std::vector<std::string>{"x", "xx"});
}

// raft.commit-old-term is shown next to the correct rule in
// raft_replication_test.cpp ("5.4.2: only current-term entries ..."). It also
// leaves out the leader's no-op, the setting of Figure 8.
TEST_CASE("raft.commit-old-term: the new leader appends no no-op") {
  Solo n(1, 3, RaftConfig{}, with_bug(Bug::kRaftCommitOldTerm));
  n.win_election();
  CHECK(n.ctx.observed<EntryAppended>().empty());
}

}  // namespace
}  // namespace consim::test
