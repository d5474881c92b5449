// The key-value state machine (scenarios/README.md) and its at-most-once
// deduplication (Ongaro's dissertation, 6.3).
#include <catch2/catch.hpp>

#include "protocols/kv_store.h"
#include "tests/protocols/fake_context.h"

namespace consim {
namespace {

using test::append;

TEST_CASE("kv: put sets - append appends - get reads - noop does nothing") {
  KvStore kv;
  CHECK(kv.apply(1, test::put(1, 1, "k", "a")) == "a");
  CHECK(kv.apply(2, append(1, 2, "k", "b")) == "ab");
  CHECK(kv.apply(3, test::get(1, 3, "k")) == "ab");
  CHECK(kv.apply(4, Command{}).empty());
  CHECK(kv.apply(5, append(2, 1, "fresh", "x")) == "x");
  CHECK(kv.read("k") == "ab");
  CHECK(kv.read("missing").empty());
  CHECK(kv.last_applied() == 5);
}

TEST_CASE("kv: dissertation 6.3 - a retried request takes effect at most once") {
  KvStore kv;
  kv.apply(1, append(1, 7, "k", "x"));
  // The same (client, seq) again, say appended twice to the log by a retry.
  CHECK(kv.apply(2, append(1, 7, "k", "x")) == "x");
  CHECK(kv.read("k") == "x");
  CHECK(kv.applied(1, 7));
  CHECK(kv.applied(1, 3));
  CHECK_FALSE(kv.applied(1, 8));
  CHECK_FALSE(kv.applied(2, 1));
  REQUIRE(kv.saved_result(1, 7) != nullptr);
  CHECK(*kv.saved_result(1, 7) == "x");
  CHECK(kv.saved_result(1, 6) == nullptr);
  // An older request of the same client is not executed either.
  kv.apply(3, append(1, 8, "k", "y"));
  kv.apply(4, append(1, 7, "k", "x"));
  CHECK(kv.read("k") == "xy");
}

TEST_CASE("kv: with sessions off a retried request takes effect again - raft.no-dedup") {
  KvStore kv;
  kv.set_sessions(false);
  kv.apply(1, append(1, 7, "k", "x"));
  CHECK(kv.apply(2, append(1, 7, "k", "x")) == "xx");
}

TEST_CASE("kv: the applied digest chains every applied command in order") {
  KvStore a;
  KvStore b;
  a.apply(1, test::put(1, 1, "k", "a"));
  a.apply(2, test::put(1, 2, "k", "b"));
  b.apply(1, test::put(1, 2, "k", "b"));
  b.apply(2, test::put(1, 1, "k", "a"));
  CHECK(a.applied_digest() != b.applied_digest());
  CHECK(a.applied_digest() != 0);
  KvStore c = a;  // a snapshot is a copy
  CHECK(c.applied_digest() == a.applied_digest());
  CHECK(c.last_applied() == 2);
  CHECK(c.read("k") == "b");
  c.apply(3, Command{});
  CHECK(c.applied_digest() != a.applied_digest());
}

}  // namespace
}  // namespace consim
