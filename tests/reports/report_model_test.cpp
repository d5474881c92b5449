// The pieces the run report is built from: link state read back from fault
// descriptions, witness operations read back from a violation, message sampling.
#include <catch2/catch.hpp>

#include "reports/link_state.h"
#include "reports/message_sampler.h"
#include "reports/violation_evidence.h"

namespace {

using namespace consim;

TEST_CASE("link state follows partition isolate cut and heal as sim/network.h applies them", "[reports][model]") {
  LinkState links(5);
  CHECK(links.cut_off_label(1).empty());
  REQUIRE(links.apply("partition", "partition {5,2} {1,3,4}"));
  CHECK(links.cut_off_label(2) == "cut off from 1,3,4");
  CHECK_FALSE(links.reaches_majority(2));
  CHECK(links.cut_off_label(1) == "cut off from 2,5");
  CHECK(links.reaches_majority(1));
  REQUIRE(links.apply("isolate", "isolate node 1"));  // adds to the partition
  CHECK(links.cut_off_label(1) == "isolated");
  CHECK_FALSE(links.reaches_majority(3));
  REQUIRE(links.apply("partition", "partition {1,2,3,4,5}"));  // replaces everything
  CHECK(links.cut_off_label(1).empty());
  REQUIRE(links.apply("cut", "cut 3 -> 4"));
  CHECK(links.cut_off_label(3) == "cannot send to 4");
  CHECK(links.cut_off_label(4) == "cannot hear from 3");
  REQUIRE(links.apply("cut", "cut 5 <-> 2"));
  CHECK(links.cut_off_label(5) == "cut off from 2");
  REQUIRE(links.apply("heal", "heal"));
  for (int n = 1; n <= 5; ++n) CHECK(links.cut_off_label(n).empty());
  CHECK_FALSE(links.apply("crash", "crash node 2"));
  CHECK_FALSE(links.apply("cut", "cut 3 to 4"));
  CHECK_FALSE(links.apply("isolate", "isolate node 9"));
}

TEST_CASE("witness operations are read back from a linearizability violation's detail", "[reports][model]") {
  Violation v{
      Invariant::kLinearizability,
      Time::from_ms(5016.679),
      {1, 3},
      "key k1: these 3 operations have no linearization: put k1=c3-78 (client 3, seq 78): 2397.197-2422.184 "
      "ms, node 1 answered \"c3-78\"; append k1+=c3-79 (client 3, seq 79): 2428.869-2450.648 ms, node 3 "
      "answered \"c3-78c3-79\"; get k1 (client 1, seq 136): invoked 4695.613 ms, no answer (last sent to node 2)"};
  const auto ops = witness_operations(v);
  REQUIRE(ops.size() == 3);
  CHECK(ops[0].op == "put k1=c3-78");
  CHECK(ops[0].client == 3);
  CHECK(ops[0].seq == 78);
  CHECK(ops[0].invoke == Time::from_ms(2397.197));
  REQUIRE(ops[0].complete);
  CHECK(*ops[0].complete == Time::from_ms(2422.184));
  CHECK(ops[0].node == 1);
  CHECK(ops[0].answer == "\"c3-78\"");
  CHECK(ops[1].node == 3);
  CHECK_FALSE(ops[2].complete);
  CHECK(ops[2].node == 2);
  const TimeWindow w = evidence_window(v, ops);
  CHECK(w.from < Time::from_ms(2397.197));
  CHECK(w.to > Time::from_ms(5016.679));

  Violation other{Invariant::kElectionSafety, Time::from_ms(100), {2, 4}, "nodes 2 and 4 both leader in term 3"};
  CHECK(witness_operations(other).empty());
  CHECK(evidence_window(other, {}).contains(Time::from_ms(100)));
}

TEST_CASE("message sampler keeps every k-th message and every one in a focus window", "[reports][model]") {
  const uint64_t sent = MessageSampler::kSampledBudget * 3;
  MessageSampler m(sent);
  CHECK(m.stride() == 3);
  m.add_focus(TimeWindow{Time::from_ms(100), Time::from_ms(101)});
  for (uint64_t i = 0; i < sent; ++i) {
    const Time t = Time::from_us(static_cast<int64_t>(i) * 10);
    m.on_send(t, 1, 2, i + 1, "AppendEntries");
    if (i % 7 == 0)
      m.on_drop(t, i + 1, true);
    else
      m.on_deliver(t + Duration::ms(1), i + 1);
  }
  m.finish(Time::from_ms(1000));
  size_t in_focus = 0, lost = 0, other = 0;
  for (const auto& a : m.arrows()) {
    if (a.focus) ++in_focus;
    if (a.fate == ArrowFate::kLostAtSend)
      ++lost;
    else if (a.fate != ArrowFate::kDelivered)
      ++other;
  }
  CHECK(other == 0);
  CHECK(in_focus == 101 - 33);  // 101 sends in the window; 33 of them are every 3rd anyway
  CHECK(m.arrows().size() == MessageSampler::kSampledBudget + in_focus);
  CHECK(lost > 0);
  CHECK(m.types() == std::vector<std::string>{"AppendEntries"});
}

}  // namespace
