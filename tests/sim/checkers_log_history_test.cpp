// LogHistory and PrefixChain: the log mirrors behind log_matching and
// leader_completeness. What matters here is that they stay right (prefix
// hashes, snapshots, sharing) while holding little memory.
#include <catch2/catch.hpp>

#include "sim/checkers/log_history.h"
#include "sim/checkers/log_matching.h"
#include "tests/sim/checkers_harness.h"

namespace consim::testing {
namespace {

void append(LogHistory& h, NodeId node, uint64_t index, uint64_t term, uint64_t digest) {
  h.observe(node, EntryAppended{index, term, digest});
}

TEST_CASE("prefix hashes agree exactly where logs agree", "[checkers][log_history]") {
  LogHistory h(3);
  for (uint64_t i = 1; i <= 10; ++i) {
    append(h, 1, i, 1, entry_digest(i, 1));
    append(h, 2, i, 1, entry_digest(i, i == 4 ? 9 : 1));  // differs at 4
  }
  for (uint64_t i = 0; i <= 10; ++i) {
    INFO("index " << i);
    CHECK((h.log(1).prefix_at(i) == h.log(2).prefix_at(i)) == (i < 4));
  }
  CHECK(first_difference(h.log(1), h.log(2), 0, 10) == 4);
  CHECK(first_difference(h.log(1), h.log(2), 0, 3) == std::nullopt);
  CHECK(first_difference(h.log(1), h.log(2), 5, 10) == 5);  // "at or before 5"
}

TEST_CASE("node chains share the first-seen log and pay only for a divergent tail", "[checkers][log_history]") {
  LogHistory h(5);
  for (uint64_t i = 1; i <= 20'000; ++i)
    for (NodeId n = 1; n <= 5; ++n) append(h, n, i, 1, entry_digest(i, 1));
  for (NodeId n = 1; n <= 5; ++n) CHECK(h.log(n).memory_bytes() == 0);
  const size_t shared_bytes = h.memory_bytes();
  CHECK(shared_bytes < 20'000 * sizeof(SharedEntry) + 2 * IndexWindow<SharedEntry>::kChunk * sizeof(SharedEntry));

  // Node 4 takes entries of another term from 19'991 on: only those are its own.
  h.observe(4, LogTruncated{19'991});
  for (uint64_t i = 19'991; i <= 20'000; ++i) append(h, 4, i, 2, entry_digest(i, 2));
  CHECK(h.log(4).memory_bytes() == IndexWindow<ChainEntry>::kChunk * sizeof(ChainEntry));
  CHECK(h.log(4).term_at(19'990) == 1);
  CHECK(h.log(4).term_at(19'991) == 2);
  CHECK(h.log(4).prefix_at(19'990) == h.log(1).prefix_at(19'990));
  CHECK(h.log(4).prefix_at(19'991) != h.log(1).prefix_at(19'991));
  // Back in line, it shares again.
  h.observe(4, LogTruncated{19'991});
  for (uint64_t i = 19'991; i <= 20'000; ++i) append(h, 4, i, 1, entry_digest(i, 1));
  CHECK(h.log(4).memory_bytes() == 0);
  CHECK(h.log(4).prefix_at(20'000) == h.log(1).prefix_at(20'000));
}

TEST_CASE("snapshots free what every node has compacted", "[checkers][log_history]") {
  LogHistory h(3);
  for (uint64_t i = 1; i <= 5'000; ++i)
    for (NodeId n = 1; n <= 3; ++n) append(h, n, i, 1, entry_digest(i, 1));
  const size_t before = h.memory_bytes();
  h.observe(1, SnapshotTaken{4'900, 1, false});
  h.observe(2, SnapshotTaken{4'900, 1, false});
  CHECK(h.floor() == 0);  // node 3 has not compacted
  h.observe(3, SnapshotTaken{4'000, 1, false});
  CHECK(h.floor() == 4'000);
  CHECK(h.memory_bytes() < before / 2);
  CHECK(h.first_seen(3'999, 1) == nullptr);
  REQUIRE(h.first_seen(4'000, 1) != nullptr);
  // A node that crashes and reboots re-reports its snapshot, which is placed.
  h.crash(3);
  h.observe(3, SnapshotTaken{4'000, 1, false});
  CHECK(h.log(3).known());
  CHECK(h.log(3).prefix_at(4'000) == h.first_seen(4'000, 1)->entry.prefix);
}

TEST_CASE("a chain still sharing below a rising floor copies its entries first", "[checkers][log_history]") {
  auto history = std::make_shared<LogHistory>(3);
  CheckerHarness h(make_log_matching_checker(history));
  for (NodeId n : {1, 2, 3}) h.entries(n, 1, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  h.snapshot(3, 5, 1, false);
  // Node 3 reboots without its snapshot (say it was not durable yet) and
  // re-reports its whole log: its chain shares indexes 1..10.
  h.crash(3);
  h.entries(3, 1, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  // The floor rises to 5 (node 3's last reported snapshot): 1..4 are dropped.
  h.snapshot(1, 8, 1, false);
  h.snapshot(2, 8, 1, false);
  REQUIRE(history->floor() == 5);
  CHECK(history->first_seen(4, 1) == nullptr);
  for (uint64_t i = 1; i <= 10; ++i) CHECK(history->log(3).term_at(i) == 1);
  CHECK(history->log(3).prefix_at(10) == history->log(1).prefix_at(10));
  // And it is still checked.
  h.truncate(3, 9);
  h.append(3, 9, 1, 0xbad);
  INFO(render(h.violations()));
  CHECK(h.count(Invariant::kLogMatching) == 1);
}

}  // namespace
}  // namespace consim::testing
