// Clients: redirects, at-most-once commands, and reads through the log.
#include <catch2/catch.hpp>

#include "tests/protocols/multipaxos_harness.h"

namespace consim::test::mp {
namespace {

TEST_CASE("Multi-Paxos: a node that is not leader answers ok=false and names the leader it follows") {
  MpSolo s(2, 3);
  s.node->on_client_request(s.ctx, request(put(1, 1, "k", "v")));
  REQUIRE(s.ctx.replies.size() == 1);
  CHECK_FALSE(s.ctx.replies[0].ok);
  CHECK(s.ctx.replies[0].leader_hint == 0);
  s.deliver(3, P2a{make_ballot(1, 3), 1, nullptr, 0});
  s.node->on_client_request(s.ctx, request(put(1, 1, "k", "v")));
  CHECK_FALSE(s.ctx.replies.back().ok);
  CHECK(s.ctx.replies.back().leader_hint == 3);
  // A scout running phase 1 is no leader yet either.
  MpSolo c(1, 3);
  c.time_out();
  c.node->on_client_request(c.ctx, request(put(1, 1, "k", "v")));
  CHECK_FALSE(c.ctx.replies.back().ok);
}

TEST_CASE("Multi-Paxos: a retried request is proposed once and applied once") {
  MpSolo s(1, 3);
  s.win_phase1();
  s.sync();
  const uint64_t b = s.ballot();
  s.ctx.clear_outputs();
  const ClientRequest r = request(append(4, 1, "k", "x"));
  s.node->on_client_request(s.ctx, r);
  s.node->on_client_request(s.ctx, r);  // a retry while the first is in flight
  s.sync();
  CHECK(s.ctx.observed<ValueAccepted>().size() == 1);  // reported once durable
  s.deliver(2, P2b{b, b, 1, 1, 0});
  REQUIRE(s.ctx.applied.size() == 1);
  REQUIRE(s.ctx.replies.size() == 1);
  CHECK(s.ctx.replies[0].value == "x");
  // A retry after it was applied gets the saved result, not a new slot.
  s.node->on_client_request(s.ctx, r);
  CHECK(s.ctx.observed<ValueAccepted>().size() == 1);
  REQUIRE(s.ctx.replies.size() == 2);
  CHECK(s.ctx.replies[1].ok);
  CHECK(s.ctx.replies[1].value == "x");
}

TEST_CASE("Multi-Paxos: a command chosen in two slots takes effect once") {
  // Two earlier leaders each proposed the same retried append, in slots 1
  // and 2; the new leader re-proposes both, and a get after them sees one.
  MpSolo s(1, 3);
  s.time_out();
  s.sync();
  const uint64_t b = s.ballot();
  const Command c = append(4, 1, "k", "x");
  s.deliver(2, P1b{b, b, 1, {pvalue(1, make_ballot(0, 2), c), pvalue(2, make_ballot(0, 3), c)}, nullptr});
  REQUIRE(s.role() == Role::kLeader);
  s.node->on_client_request(s.ctx, request(get(9, 1, "k")));
  s.sync();
  s.deliver(2, P2b{b, b, 1, 3, 0});
  REQUIRE(s.ctx.applied.size() == 3);
  CHECK(s.ctx.applied[0].command == c);
  CHECK(s.ctx.applied[1].command == c);
  REQUIRE(!s.ctx.replies.empty());
  CHECK(s.ctx.replies.back().seq == 1);
  CHECK(s.ctx.replies.back().client == 9);
  CHECK(s.ctx.replies.back().value == "x");
}

TEST_CASE("Multi-Paxos: a get goes through a slot and is never answered from local state") {
  MpSolo s(1, 3);
  s.win_phase1();
  s.sync();
  const uint64_t b = s.ballot();
  s.ctx.clear_outputs();
  s.node->on_client_request(s.ctx, request(get(3, 1, "k")));
  CHECK(s.ctx.replies.empty());
  const auto p2a = last_sent_to<P2a>(s.ctx, 2);
  REQUIRE(p2a.has_value());
  REQUIRE(batch_size(p2a->proposals) == 1);
  CHECK((*p2a->proposals)[0].command->op == OpType::kGet);
  s.sync();
  CHECK(s.ctx.replies.empty());  // its own acceptance alone is not a majority
  s.deliver(2, P2b{b, b, 1, 1, 0});
  REQUIRE(s.ctx.replies.size() == 1);
  CHECK(s.ctx.replies[0].ok);
}

}  // namespace
}  // namespace consim::test::mp
