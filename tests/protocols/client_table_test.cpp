// The leader's client table (protocols/client_table.h) that Raft and
// Multi-Paxos share: at most once, retries waiting for their log entry,
// reads, and failing every waiting client on a change of leader.
#include <catch2/catch.hpp>

#include "protocols/client_table.h"
#include "tests/protocols/fake_context.h"

using namespace consim;
using test::FakeContext;

TEST_CASE("client table: a new command is admitted once - its retry waits for the log - a stale copy is dropped",
          "[client_table]") {
  FakeContext ctx(1, 3);
  KvStore kv;
  ClientTable t;
  CHECK(t.admit(ctx, test::put(1, 5, "k", "a"), kv));
  CHECK_FALSE(t.admit(ctx, test::put(1, 5, "k", "a"), kv));  // a retry: in the log already
  CHECK_FALSE(t.admit(ctx, test::put(1, 4, "k", "z"), kv));  // stale
  CHECK(ctx.replies.empty());
  t.complete(ctx, test::put(1, 5, "k", "a"), "a");
  REQUIRE(ctx.replies.size() == 1);
  CHECK(ctx.replies[0].ok);
  CHECK(ctx.replies[0].seq == 5);
  CHECK(ctx.replies[0].value == "a");
  t.complete(ctx, test::put(1, 5, "k", "a"), "a");  // applied twice elsewhere: answered once
  CHECK(ctx.replies.size() == 1);
}

TEST_CASE("client table: a command already applied is answered from the saved result unless dedup is off",
          "[client_table]") {
  FakeContext ctx(1, 3);
  KvStore kv;
  kv.apply(1, test::append(2, 7, "k", "x"));
  ClientTable t;
  CHECK_FALSE(t.admit(ctx, test::append(2, 7, "k", "x"), kv));
  REQUIRE(ctx.replies.size() == 1);
  CHECK(ctx.replies[0].value == "x");
  CHECK(t.admit(ctx, test::append(2, 7, "k", "x"), kv, /*dedup=*/false));  // raft.no-dedup
}

TEST_CASE("client table: an inherited log entry makes the retry wait - out-of-range clients have no entry",
          "[client_table]") {
  FakeContext ctx(1, 3);
  KvStore kv;
  ClientTable t;
  t.note_in_log(test::put(3, 2, "k", "v"));
  CHECK_FALSE(t.admit(ctx, test::put(3, 2, "k", "v"), kv));
  t.complete(ctx, test::put(3, 2, "k", "v"), "v");
  CHECK(ctx.replies.size() == 1);  // the retry was waiting
  CHECK(t.find(0) == nullptr);
  CHECK(t.find(ClientId{1} << 21) == nullptr);
}

TEST_CASE("client table: reads are served once - fail_all refuses every waiting client with the hint",
          "[client_table]") {
  FakeContext ctx(1, 3);
  KvStore kv;
  ClientTable t;
  CHECK(t.admit_read(test::get(1, 1, "k")));
  CHECK_FALSE(t.admit_read(test::get(1, 1, "k")));  // already being served
  t.answer_read(ctx, 1, 1, "v");
  t.answer_read(ctx, 1, 1, "v");
  CHECK(ctx.replies.size() == 1);
  CHECK(t.admit(ctx, test::put(2, 1, "k", "a"), kv));
  CHECK(t.admit_read(test::get(3, 1, "k")));
  t.fail_all(ctx, 2);
  REQUIRE(ctx.replies.size() == 3);
  for (size_t i = 1; i < 3; ++i) {
    CHECK_FALSE(ctx.replies[i].ok);
    CHECK(ctx.replies[i].leader_hint == 2);
  }
  CHECK(t.admit(ctx, test::put(2, 1, "k", "a"), kv));  // the table was cleared
}
