// Phase 2 at the leader (PMMC's commanders, Figure 5), preemption, and the
// replica learning and applying decisions in slot order (Figure 2).
#include <catch2/catch.hpp>

#include "tests/protocols/multipaxos_harness.h"

namespace consim::test::mp {
namespace {

TEST_CASE("PMMC commander: a slot is chosen once a majority accepted it - the leader's own acceptance once durable") {
  MpSolo s(1, 3);
  s.win_phase1();
  s.sync();
  s.ctx.clear_outputs();
  const uint64_t b = s.ballot();
  s.node->on_client_request(s.ctx, request(put(5, 1, "k", "v")));
  const auto p2a = last_sent_to<P2a>(s.ctx, 2);
  REQUIRE(p2a.has_value());
  CHECK(p2a->first_slot == 1);
  REQUIRE(batch_size(p2a->proposals) == 1);
  // Node 2 accepted, but the leader's own acceptance is not durable yet: 1 of 3.
  s.deliver(2, P2b{b, b, 1, 1, 1});
  CHECK(s.ctx.observed<ValueLearned>().empty());
  CHECK(s.ctx.replies.empty());
  s.sync();
  const auto learned = s.ctx.observed<ValueLearned>();
  REQUIRE(learned.size() == 1);
  CHECK(learned[0].instance == 1);
  CHECK(learned[0].digest == put(5, 1, "k", "v").digest());
  REQUIRE(!s.ctx.observed<CommitAdvanced>().empty());
  CHECK(s.ctx.observed<CommitAdvanced>().back().index == 1);
  REQUIRE(s.ctx.applied.size() == 1);
  REQUIRE(s.ctx.replies.size() == 1);
  CHECK(s.ctx.replies[0].ok);
  CHECK(s.ctx.replies[0].value == "v");
}

TEST_CASE("PMMC preempted: a leader that sees a higher ballot in a p2b steps down and tells waiting clients") {
  MpSolo s(1, 3);
  s.win_phase1();
  s.sync();
  const uint64_t b = s.ballot();
  s.node->on_client_request(s.ctx, request(put(5, 1, "k", "v")));
  s.ctx.clear_outputs();
  const uint64_t higher = make_ballot(9, 2);
  s.deliver(2, P2b{b, higher, 1, 0, 0});
  CHECK(s.role() == Role::kFollower);
  CHECK(s.ballot() == higher);
  CHECK(s.ctx.observed<RoleChanged>().back().role == Role::kFollower);
  REQUIRE(s.ctx.replies.size() == 1);
  CHECK_FALSE(s.ctx.replies[0].ok);
  // It no longer proposes.
  s.ctx.clear_outputs();
  s.node->on_client_request(s.ctx, request(put(5, 2, "k", "w")));
  CHECK(sent_of<P2a>(s.ctx).empty());
  CHECK_FALSE(s.ctx.replies.back().ok);
}

TEST_CASE("PMMC replica: decided commands apply strictly in slot order") {
  MpSolo s(2, 3);
  const uint64_t b = make_ballot(1, 1);
  // Slot 2 arrives first, with the leader's word that slots 1-2 are decided.
  s.deliver(1, P2a{b, 2, proposals({put(1, 2, "k", "second")}), 2});
  CHECK(s.ctx.applied.empty());  // slot 1 is not known yet
  CHECK(s.status().last_applied == 0);
  s.deliver(1, P2a{b, 1, proposals({put(1, 1, "k", "first")}), 2});
  REQUIRE(s.ctx.applied.size() == 2);
  CHECK(s.ctx.applied[0].index == 1);
  CHECK(s.ctx.applied[0].command == put(1, 1, "k", "first"));
  CHECK(s.ctx.applied[1].index == 2);
  CHECK(s.ctx.applied[1].command == put(1, 2, "k", "second"));
  CHECK(s.status().last_applied == 2);
}

TEST_CASE("PMMC replica: a follower learns a slot only from what it accepted in the leader's own ballot") {
  MpSolo s(2, 3);
  // Slot 1 accepted in an old ballot; the new leader says slot 1 is decided.
  s.deliver(3, P2a{make_ballot(1, 3), 1, proposals({put(1, 1, "k", "old")}), 0});
  s.deliver(1, P2a{make_ballot(2, 1), 2, nullptr, 1});
  CHECK(s.ctx.observed<ValueLearned>().empty());
  CHECK(s.ctx.applied.empty());
  s.sync();
  // Its answer tells the leader where to send from.
  const auto p2b = last_sent_to<P2b>(s.ctx, 1);
  REQUIRE(p2b.has_value());
  CHECK(p2b->ready_through == 0);
  // The leader sends slot 1 again in its ballot: now it is learned.
  s.deliver(1, P2a{make_ballot(2, 1), 1, proposals({put(1, 1, "k", "new")}), 1});
  REQUIRE(s.ctx.applied.size() == 1);
  CHECK(s.ctx.applied[0].command == put(1, 1, "k", "new"));
}

TEST_CASE("PMMC leader: a heartbeat carries the decided prefix and a lagging acceptor gets the missing slots again") {
  MpSolo s(1, 3);
  s.win_phase1();
  s.sync();
  const uint64_t b = s.ballot();
  s.node->on_client_request(s.ctx, request(put(5, 1, "k", "a")));
  s.node->on_client_request(s.ctx, request(put(6, 1, "k", "b")));
  s.sync();
  s.deliver(2, P2b{b, b, 1, 2, 0});
  REQUIRE(s.status().last_applied == 2);
  // Node 3 got nothing. Two heartbeats later it is sent both slots again,
  // with the decided prefix.
  s.ctx.clear_outputs();
  s.ctx.fire(*s.node, kHeartbeatTimer);
  s.ctx.fire(*s.node, kHeartbeatTimer);
  bool resent = false;
  for (const auto& [to, m] : sent_of<P2a>(s.ctx))
    if (to == 3 && m.first_slot == 1 && batch_size(m.proposals) == 2 && m.chosen_through == 2) resent = true;
  CHECK(resent);
}

}  // namespace
}  // namespace consim::test::mp
