// Clients (Ongaro's dissertation, chapter 6): redirection, at-most-once
// writes, linearizable reads through ReadIndex (6.4).
#include <catch2/catch.hpp>

#include "tests/protocols/raft_harness.h"

namespace consim::test {
namespace {

using raft::AppendEntries;
using raft::AppendEntriesReply;

// A leader of a 3-node cluster whose no-op is committed.
struct Leader : Solo {
  Leader(RaftConfig config = RaftConfig{}, BugSet bugs = BugSet{}) : Solo(1, 3, config, bugs) {
    win_election();
    sync();
    deliver(2, AppendEntriesReply{term(), true, 0, 1, 0, 0, 0});
    REQUIRE(ctx.observed<CommitAdvanced>().size() == 1);
    ctx.clear_outputs();
  }
  // Follower 2 acknowledges everything in the leader's log.
  void ack_all() {
    sync();
    deliver(2, AppendEntriesReply{term(), true, 0, status().log_entries, 0, 0, 0});
  }
};

TEST_CASE("Dissertation 6.2: a follower rejects requests and names the leader it knows") {
  Solo n(2, 3);
  n.node->on_client_request(n.ctx, request(put(1, 1, "k", "v")));
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK_FALSE(n.ctx.replies[0].ok);
  CHECK(n.ctx.replies[0].leader_hint == 0);
  n.deliver(3, AppendEntries{1, 3, 0, 0, {}, 0, 0});
  n.node->on_client_request(n.ctx, request(put(1, 1, "k", "v")));
  REQUIRE(n.ctx.replies.size() == 2);
  CHECK_FALSE(n.ctx.replies[1].ok);
  CHECK(n.ctx.replies[1].leader_hint == 3);
  CHECK(n.ctx.replies[1].seq == 1);
}

TEST_CASE("Leader answers a write once it is committed and applied - with the value after the write") {
  Leader n;
  n.node->on_client_request(n.ctx, request(put(1, 1, "k", "v1")));
  CHECK(n.ctx.replies.empty());
  const auto appended = n.ctx.observed<EntryAppended>();
  REQUIRE(appended.size() == 1);
  CHECK(appended[0].index == 2);
  n.ack_all();
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].ok);
  CHECK(n.ctx.replies[0].value == "v1");
  REQUIRE(n.ctx.applied.size() == 1);
  CHECK(n.ctx.applied[0].index == 2);
  CHECK(n.ctx.applied[0].command == put(1, 1, "k", "v1"));
}

TEST_CASE("Dissertation 6.3: a retried write is neither appended twice nor applied twice") {
  Leader n;
  n.node->on_client_request(n.ctx, request(put(1, 1, "k", "v1")));
  n.node->on_client_request(n.ctx, request(put(1, 1, "k", "v1")));  // the client retried
  CHECK(n.ctx.observed<EntryAppended>().size() == 1);
  n.ack_all();
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].value == "v1");
  // After it was applied, a retry is answered from the saved result at once.
  n.node->on_client_request(n.ctx, request(put(1, 1, "k", "v1")));
  REQUIRE(n.ctx.replies.size() == 2);
  CHECK(n.ctx.replies[1].ok);
  CHECK(n.ctx.replies[1].value == "v1");
  CHECK(n.ctx.observed<EntryAppended>().size() == 1);
}

TEST_CASE("Dissertation 6.4: ReadIndex waits for a current-term commit and a quorum heartbeat round") {
  Solo n(1, 3);
  n.win_election();
  n.sync();
  // The no-op is not committed yet: the read must wait.
  n.node->on_client_request(n.ctx, request(get(1, 1, "k")));
  CHECK(n.ctx.replies.empty());
  n.ctx.clear_outputs();
  // The no-op commits: the read gets its read index and a heartbeat round.
  n.deliver(2, AppendEntriesReply{n.term(), true, 0, 1, 0, 0, 0});
  CHECK(n.ctx.replies.empty());
  const auto round = n.ctx.last_sent_to<AppendEntries>(3);
  REQUIRE(round);
  CHECK(round->read_round == 1);
  // An acknowledgment of an older round proves nothing.
  n.deliver(3, AppendEntriesReply{n.term(), true, 0, 1, 0, 0, 0});
  CHECK(n.ctx.replies.empty());
  n.deliver(3, AppendEntriesReply{n.term(), true, 1, 1, 0, 0, 1});
  REQUIRE(n.ctx.replies.size() == 1);
  CHECK(n.ctx.replies[0].ok);
  CHECK(n.ctx.replies[0].value.empty());
  CHECK(n.ctx.applied.size() == 1);  // the no-op only: the read is not in the log
}

TEST_CASE("Dissertation 6.4: a read sees every write committed before it") {
  Leader n;
  n.node->on_client_request(n.ctx, request(put(1, 1, "k", "v1")));
  n.ack_all();
  n.node->on_client_request(n.ctx, request(get(1, 2, "k")));
  CHECK(n.ctx.replies.size() == 1);
  n.deliver(2, AppendEntriesReply{n.term(), true, 2, 2, 0, 0, 1});
  REQUIRE(n.ctx.replies.size() == 2);
  CHECK(n.ctx.replies[1].seq == 2);
  CHECK(n.ctx.replies[1].value == "v1");
}

TEST_CASE("A leader that steps down tells waiting clients to go elsewhere") {
  Leader n;
  n.node->on_client_request(n.ctx, request(put(1, 1, "k", "v1")));
  n.node->on_client_request(n.ctx, request(get(2, 1, "k")));
  n.deliver(3, AppendEntries{n.term() + 1, 3, 0, 0, {}, 0, 0});
  REQUIRE(n.ctx.replies.size() == 2);
  for (const auto& r : n.ctx.replies) {
    CHECK_FALSE(r.ok);
    CHECK(r.leader_hint == 3);
  }
}

}  // namespace
}  // namespace consim::test
