// Coverage probes: the catalog is well formed, and a probe is hit exactly on
// its path (a node walked through one rule at a time; the sweep smoke tests
// show every probe not marked rare is reached by generated runs).
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "protocols/core/probe.h"
#include "tests/protocols/raft_harness.h"

namespace consim::test {
namespace {

using raft::AppendEntries;
using raft::RequestVote;

TEST_CASE("probes: every probe has a unique name prefixed by its protocol and a meaning") {
  std::set<std::string_view> names;
  size_t counted = 0;
  for (const ProbeInfo& info : all_probes()) {
    INFO(info.name);
    CHECK(names.insert(info.name).second);
    CHECK_FALSE(info.what.empty());
    const std::string_view prefix = info.protocol == Protocol::kRaft         ? "raft."
                                    : info.protocol == Protocol::kBasicPaxos ? "paxos."
                                                                             : "multipaxos.";
    CHECK(info.name.substr(0, prefix.size()) == prefix);
    CHECK(probe_from_name(info.name) == info.probe);
    CHECK(&probe_info(info.probe) == &info);
  }
  for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos}) counted += probe_count(p);
  CHECK(counted == kProbeCount);
  CHECK_FALSE(probe_from_name("raft.no-such-probe"));
}

TEST_CASE("probes: a vote refused names why - an out-of-date log or a vote already given") {
  Solo n(1, 3);
  n.deliver(2, AppendEntries{2, 2, 0, 0, batch({entry(1), entry(2)}), 0, 0});
  n.sync();
  n.deliver(3, RequestVote{3, 3, 9, 1});  // last term older
  n.sync();
  CHECK(n.ctx.probed(Probe::kRaftVoteRefusedLog) == 1);
  CHECK(n.ctx.probed(Probe::kRaftVoteRefusedVoted) == 0);
  n.deliver(2, RequestVote{4, 2, 2, 2});  // granted
  n.sync();
  n.deliver(3, RequestVote{4, 3, 5, 3});  // up to date, but the vote of term 4 is 2's
  n.sync();
  CHECK(n.ctx.probed(Probe::kRaftVoteRefusedVoted) == 1);
  CHECK(n.ctx.probed(Probe::kRaftVoteRefusedLog) == 1);
}

TEST_CASE("probes: a conflicting suffix truncated - and a stale AppendEntries whose entries are held") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{2, 1, 0, 0, batch({entry(1), entry(1), entry(2), entry(2)}), 0, 0});
  n.sync();
  CHECK(n.ctx.probed(Probe::kRaftConflictTruncated) == 0);
  n.deliver(1, AppendEntries{2, 1, 0, 0, batch({entry(1)}), 0, 0});  // an old copy, arriving late
  n.sync();
  CHECK(n.ctx.probed(Probe::kRaftAppendAlreadyHeld) == 1);
  CHECK(n.ctx.probed(Probe::kRaftConflictTruncated) == 0);
  n.deliver(3, AppendEntries{3, 3, 2, 1, batch({entry(3)}), 0, 0});
  n.sync();
  CHECK(n.ctx.probed(Probe::kRaftConflictTruncated) == 1);
  n.deliver(1, AppendEntries{2, 1, 0, 0, {}, 0, 0});  // the deposed leader's heartbeat
  n.sync();
  CHECK(n.ctx.probed(Probe::kRaftAppendStaleTerm) == 1);
}

TEST_CASE("probes: AppendEntries refusals tell a gap from a term mismatch") {
  Solo n(2, 3);
  n.deliver(1, AppendEntries{2, 1, 0, 0, batch({entry(1), entry(2)}), 0, 0});
  n.sync();
  n.deliver(1, AppendEntries{2, 1, 5, 2, batch({entry(2)}), 0, 0});  // the log ends at 2
  n.sync();
  CHECK(n.ctx.probed(Probe::kRaftAppendLogGap) == 1);
  CHECK(n.ctx.probed(Probe::kRaftAppendTermMismatch) == 0);
  n.deliver(1, AppendEntries{2, 1, 2, 1, batch({entry(2)}), 0, 0});  // index 2 has term 2
  n.sync();
  CHECK(n.ctx.probed(Probe::kRaftAppendTermMismatch) == 1);
}

}  // namespace
}  // namespace consim::test
