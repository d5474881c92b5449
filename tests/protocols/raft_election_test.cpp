// Leader election: Figure 2 (RequestVote, Rules for Servers) and 5.2, 5.4.1.
#include <catch2/catch.hpp>

#include "tests/protocols/raft_harness.h"

namespace consim::test {
namespace {

using raft::AppendEntries;
using raft::RequestVote;
using raft::RequestVoteReply;
using raft::TermAndVote;

TEST_CASE("Figure 2 RequestVote rule 1: reply false if term < currentTerm") {
  Solo n(1, 3);
  n.deliver(2, AppendEntries{5, 2, 0, 0, {}, 0, 0});
  REQUIRE(n.term() == 5);
  n.deliver(3, RequestVote{4, 3, 10, 4});
  n.sync();
  const auto reply = n.ctx.last_sent_to<RequestVoteReply>(3);
  REQUIRE(reply);
  CHECK_FALSE(reply->vote_granted);
  CHECK(reply->term == 5);
}

TEST_CASE("Figure 2 RequestVote rule 2: one vote per term - to the first candidate asking") {
  Solo n(1, 3);
  n.deliver(2, RequestVote{1, 2, 0, 0});
  n.sync();
  REQUIRE(n.ctx.last_sent_to<RequestVoteReply>(2));
  CHECK(n.ctx.last_sent_to<RequestVoteReply>(2)->vote_granted);

  n.deliver(3, RequestVote{1, 3, 0, 0});
  n.sync();
  REQUIRE(n.ctx.last_sent_to<RequestVoteReply>(3));
  CHECK_FALSE(n.ctx.last_sent_to<RequestVoteReply>(3)->vote_granted);

  // votedFor == candidateId: a retried RequestVote gets the same answer.
  n.ctx.clear_outputs();
  n.deliver(2, RequestVote{1, 2, 0, 0});
  n.sync();
  REQUIRE(n.ctx.last_sent_to<RequestVoteReply>(2));
  CHECK(n.ctx.last_sent_to<RequestVoteReply>(2)->vote_granted);
}

TEST_CASE("5.4.1 election restriction: vote only for a log at least as up to date") {
  Solo n(1, 3);
  n.deliver(2, AppendEntries{2, 2, 0, 0, batch({entry(1), entry(2)}), 0, 0});
  n.sync();
  auto vote = [&](uint64_t term, NodeId candidate, uint64_t last_index, uint64_t last_term) {
    n.deliver(candidate, RequestVote{term, candidate, last_index, last_term});
    n.sync();
    return n.ctx.last_sent_to<RequestVoteReply>(candidate)->vote_granted;
  };
  CHECK_FALSE(vote(3, 3, 9, 1));  // last term older, however long
  CHECK_FALSE(vote(4, 3, 1, 2));  // same last term, shorter
  CHECK(vote(5, 3, 2, 2));        // same last term, as long
  CHECK(vote(6, 2, 1, 3));        // later last term, however short
}

TEST_CASE("Figure 2 persistent state: a vote is synced before it is granted") {
  Solo n(1, 3);
  n.deliver(2, RequestVote{1, 2, 0, 0});
  // Written but not yet synced: nothing leaves.
  CHECK(n.ctx.sent.empty());
  const auto records = n.ctx.records_of<TermAndVote>();
  REQUIRE(records.size() == 1);
  CHECK(records[0].current_term == 1);
  CHECK(records[0].voted_for == 2);
  n.sync();
  REQUIRE(n.ctx.last_sent_to<RequestVoteReply>(2));
  CHECK(n.ctx.last_sent_to<RequestVoteReply>(2)->vote_granted);

  // The vote survives a crash: the same term's other candidate is refused.
  n.crash_and_restart();
  CHECK(n.term() == 1);
  n.deliver(3, RequestVote{1, 3, 0, 0});
  n.sync();
  REQUIRE(n.ctx.last_sent_to<RequestVoteReply>(3));
  CHECK_FALSE(n.ctx.last_sent_to<RequestVoteReply>(3)->vote_granted);
}

TEST_CASE("Rules for Servers candidates: term and self-vote are synced before RequestVote is sent") {
  Solo n(1, 3);
  n.ctx.time_out(*n.node);
  REQUIRE(n.role() == Role::kCandidate);
  CHECK(n.term() == 1);
  CHECK(n.ctx.sent_of<RequestVote>().empty());
  const auto records = n.ctx.records_of<TermAndVote>();
  REQUIRE(records.size() == 1);
  CHECK(records[0].voted_for == 1);
  n.sync();
  const auto sent = n.ctx.sent_of<RequestVote>();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].first == 2);
  CHECK(sent[1].first == 3);
  CHECK(sent[0].second.term == 1);
  CHECK(sent[0].second.candidate_id == 1);
}

TEST_CASE("5.1: a candidate asks again the servers that have not answered") {
  Solo n(1, 5);
  n.ctx.time_out(*n.node);
  n.sync();
  n.deliver(2, RequestVoteReply{1, false});
  n.deliver(3, RequestVoteReply{1, true});
  n.ctx.sent.clear();
  REQUIRE(n.ctx.fire(*n.node, raft::kHeartbeatTimer));
  const auto again = n.ctx.sent_of<RequestVote>();
  REQUIRE(again.size() == 2);
  CHECK(again[0].first == 4);
  CHECK(again[1].first == 5);
  // A follower does not.
  n.deliver(2, AppendEntries{1, 2, 0, 0, {}, 0, 0});
  n.ctx.sent.clear();
  n.ctx.fire(*n.node, raft::kHeartbeatTimer);
  CHECK(n.ctx.sent_of<RequestVote>().empty());
}

TEST_CASE("5.2: election timeouts are drawn from the configured range") {
  RaftConfig config;
  config.election_timeout = {Duration::ms(150), Duration::ms(300)};
  Solo n(1, 3, config);
  const auto t = n.ctx.pending_timer(raft::kElectionTimer);
  REQUIRE(t);
  CHECK(t->due >= Time::zero() + Duration::ms(150));
  CHECK(t->due <= Time::zero() + Duration::ms(300));
}

TEST_CASE("Rules for Servers candidates: votes from a majority make a leader - duplicates count once") {
  Solo n(1, 5);
  n.ctx.time_out(*n.node);
  n.sync();
  n.deliver(2, RequestVoteReply{1, true});
  n.deliver(2, RequestVoteReply{1, true});
  CHECK(n.role() == Role::kCandidate);
  n.deliver(3, RequestVoteReply{1, false});
  CHECK(n.role() == Role::kCandidate);
  n.deliver(4, RequestVoteReply{1, true});
  CHECK(n.role() == Role::kLeader);
  CHECK(n.status().leader == 1);
  const auto roles = n.ctx.observed<RoleChanged>();
  REQUIRE(roles.size() >= 2);
  CHECK(roles.back().role == Role::kLeader);
  CHECK(roles.back().term == 1);
}

TEST_CASE("Rules for Servers candidates: a new election starts when the timeout elapses") {
  Solo n(1, 3);
  n.ctx.time_out(*n.node);
  CHECK(n.term() == 1);
  for (int i = 0; i < 10 && n.term() == 1; ++i) n.ctx.fire(*n.node, raft::kElectionTimer);
  CHECK(n.role() == Role::kCandidate);
  CHECK(n.term() == 2);
}

TEST_CASE("5.2: a candidate that hears AppendEntries of its term becomes follower") {
  Solo n(1, 3);
  n.ctx.time_out(*n.node);
  n.sync();
  n.deliver(2, AppendEntries{1, 2, 0, 0, {}, 0, 0});
  CHECK(n.role() == Role::kFollower);
  CHECK(n.term() == 1);
  CHECK(n.status().leader == 2);
}

TEST_CASE("Rules for Servers all servers: if RPC term > currentTerm - convert to follower") {
  SECTION("a candidate seeing a RequestVote of a later term") {
    Solo n(1, 3);
    n.ctx.time_out(*n.node);
    n.deliver(2, RequestVote{7, 2, 0, 0});
    CHECK(n.role() == Role::kFollower);
    CHECK(n.term() == 7);
  }
  SECTION("a leader seeing a reply of a later term") {
    Solo n(1, 3);
    n.win_election();
    n.deliver(2, raft::AppendEntriesReply{9, false, 0, 0, 0, 0, 0});
    CHECK(n.role() == Role::kFollower);
    CHECK(n.term() == 9);
    CHECK(n.status().leader == 0);
  }
  SECTION("a follower seeing AppendEntries of a later term learns the leader") {
    Solo n(1, 3);
    n.deliver(3, AppendEntries{4, 3, 0, 0, {}, 0, 0});
    CHECK(n.term() == 4);
    CHECK(n.status().leader == 3);
  }
}

TEST_CASE("Boot recovers term and vote and reports the role") {
  std::vector<RecordPtr> journal{raft::make_record(TermAndVote{3, 2})};
  Solo n(1, 3, RaftConfig{}, BugSet{}, journal);
  CHECK(n.term() == 3);
  CHECK(n.role() == Role::kFollower);
  const auto roles = n.ctx.observed<RoleChanged>();
  REQUIRE(roles.size() == 1);
  CHECK(roles[0].term == 3);
  n.deliver(3, RequestVote{3, 3, 0, 0});
  n.sync();
  CHECK_FALSE(n.ctx.last_sent_to<RequestVoteReply>(3)->vote_granted);
}

}  // namespace
}  // namespace consim::test
