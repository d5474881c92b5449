// PreVote, CheckQuorum and leader stickiness (Ongaro's dissertation, 9.6).
#include <catch2/catch.hpp>

#include "tests/protocols/raft_harness.h"

namespace consim::test {
namespace {

using raft::AppendEntries;
using raft::AppendEntriesReply;
using raft::PreVote;
using raft::PreVoteReply;
using raft::RequestVote;
using raft::RequestVoteReply;

RaftConfig with_pre_vote() {
  RaftConfig c;
  c.pre_vote = true;
  return c;
}

RaftConfig with_check_quorum() {
  RaftConfig c;
  c.check_quorum = true;
  return c;
}

TEST_CASE("9.6 PreVote: a pre-candidate does not bump its term until a majority would vote") {
  Solo n(1, 3, with_pre_vote());
  n.ctx.time_out(*n.node);
  CHECK(n.role() == Role::kPreCandidate);
  CHECK(n.term() == 0);
  CHECK(n.ctx.records_of<raft::TermAndVote>().empty());
  const auto asked = n.ctx.sent_of<PreVote>();
  REQUIRE(asked.size() == 2);
  CHECK(asked[0].second.term == 1);
  // A refusal at the asker's own term changes nothing.
  n.deliver(2, PreVoteReply{0, false});
  CHECK(n.role() == Role::kPreCandidate);
  n.deliver(3, PreVoteReply{1, true});
  CHECK(n.role() == Role::kCandidate);
  CHECK(n.term() == 1);
  n.sync();
  CHECK(n.ctx.sent_of<RequestVote>().size() == 2);
}

TEST_CASE("9.6 PreVote: the receiver keeps its term and refuses while it hears from a leader") {
  Solo n(2, 3, with_pre_vote());
  n.deliver(1, PreVote{1, 1, 0, 0});
  REQUIRE(n.ctx.last_sent_to<PreVoteReply>(1));
  CHECK(n.ctx.last_sent_to<PreVoteReply>(1)->vote_granted);
  CHECK(n.term() == 0);
  CHECK(n.ctx.records_of<raft::TermAndVote>().empty());

  n.deliver(3, AppendEntries{1, 3, 0, 0, {}, 0, 0});
  n.deliver(1, PreVote{2, 1, 0, 0});
  CHECK_FALSE(n.ctx.last_sent_to<PreVoteReply>(1)->vote_granted);
  CHECK(n.term() == 1);
  // Once the minimum election timeout has passed without the leader, it would vote.
  n.ctx.advance(Duration::ms(151));
  n.deliver(1, PreVote{2, 1, 0, 0});
  CHECK(n.ctx.last_sent_to<PreVoteReply>(1)->vote_granted);
  CHECK(n.term() == 1);
}

TEST_CASE("9.6 PreVote: a refusal from a later term makes the pre-candidate a follower") {
  Solo n(1, 3, with_pre_vote());
  n.ctx.time_out(*n.node);
  n.deliver(2, PreVoteReply{4, false});
  CHECK(n.role() == Role::kFollower);
  CHECK(n.term() == 4);
}

TEST_CASE("9.6 CheckQuorum: a leader that has not heard from a majority steps down") {
  Solo n(1, 5, with_check_quorum());
  n.win_election();
  const uint64_t t = n.term();
  n.deliver(2, AppendEntriesReply{t, true, 0, 1, 0, 0, 0});
  n.ctx.fire(*n.node, raft::kCheckQuorumTimer);
  CHECK(n.role() == Role::kFollower);
  CHECK(n.term() == t);
  CHECK(n.status().leader == 0);
}

TEST_CASE("9.6 CheckQuorum: a leader that hears from a majority stays") {
  Solo n(1, 5, with_check_quorum());
  n.win_election();
  const uint64_t t = n.term();
  for (int round = 0; round < 3; ++round) {
    n.deliver(2, AppendEntriesReply{t, true, 0, 1, 0, 0, 0});
    n.deliver(4, AppendEntriesReply{t, true, 0, 1, 0, 0, 0});
    n.ctx.fire(*n.node, raft::kCheckQuorumTimer);
    CHECK(n.role() == Role::kLeader);
  }
  // Activity counts per election timeout: silence in the next one is fatal.
  n.ctx.fire(*n.node, raft::kCheckQuorumTimer);
  CHECK(n.role() == Role::kFollower);
}

TEST_CASE("9.6 leader stickiness: with CheckQuorum a follower that hears from a leader ignores RequestVote") {
  Solo n(2, 3, with_check_quorum());
  n.deliver(1, AppendEntries{1, 1, 0, 0, {}, 0, 0});
  n.deliver(3, RequestVote{2, 3, 0, 0});
  n.sync();
  CHECK(n.ctx.sent_of<RequestVoteReply>().empty());
  CHECK(n.term() == 1);
  n.ctx.advance(Duration::ms(151));
  n.deliver(3, RequestVote{2, 3, 0, 0});
  n.sync();
  CHECK(n.term() == 2);
  REQUIRE(n.ctx.last_sent_to<RequestVoteReply>(3));
  CHECK(n.ctx.last_sent_to<RequestVoteReply>(3)->vote_granted);
}

TEST_CASE("Without CheckQuorum a RequestVote of a later term is always heard") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{1, 1, 0, 0, {}, 0, 0});
  n.deliver(3, RequestVote{2, 3, 0, 0});
  n.sync();
  CHECK(n.term() == 2);
  CHECK(n.ctx.last_sent_to<RequestVoteReply>(3)->vote_granted);
}

}  // namespace
}  // namespace consim::test
