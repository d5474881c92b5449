// Triggered faults (faults/triggers.h): which events fire a fault, how often,
// when, and with the node whose event it was bound into the fault.
#include <catch2/catch.hpp>

#include <vector>

#include "faults/triggers.h"

using namespace consim;

namespace {

const NodeRef kTrig{NodeRef::Kind::kTrigger, 0};

Fault triggered(Trigger t, FaultAction action = CrashFault{kTrig}, double at_ms = 0) {
  return Fault{Time::from_ms(at_ms), std::move(action), t};
}

Trigger on(TriggerEvent e) {
  Trigger t;
  t.event = e;
  return t;
}

ClusterEvent event(TriggerEvent e, NodeId node, std::string_view message = {}, uint64_t term = 0) {
  return ClusterEvent{e, node, message, term};
}

std::vector<Firing> fire(Triggers& tr, double at_ms, const ClusterEvent& ev, Rng& rng) {
  std::vector<Firing> out;
  tr.on_event(Time::from_ms(at_ms), ev, rng, out);
  return out;
}

}  // namespace

TEST_CASE("triggers: an event of the kind fires the fault - bound to the node whose event it was", "[triggers]") {
  Trigger t = on(TriggerEvent::kSend);
  t.message = "RequestVoteReply";
  t.times = 2;
  const std::vector<Fault> faults{Fault{Time::zero(), HealFault{}}, triggered(t)};
  Triggers tr(faults, 3);
  Rng rng(1);
  CHECK(tr.wants(TriggerEvent::kSend));
  CHECK_FALSE(tr.wants(TriggerEvent::kLeader));
  CHECK(fire(tr, 10, event(TriggerEvent::kSend, 2, "AppendEntries"), rng).empty());  // another message
  CHECK(fire(tr, 10, event(TriggerEvent::kReceive, 2, "RequestVoteReply"), rng).empty());  // another event
  const auto first = fire(tr, 11, event(TriggerEvent::kSend, 2, "RequestVoteReply"), rng);
  REQUIRE(first.size() == 1);
  CHECK(first[0].fault == 1);
  CHECK(first[0].after == Duration::zero());
  CHECK(std::get<CrashFault>(first[0].action).node == NodeRef{NodeRef::Kind::kId, 2});
  REQUIRE(fire(tr, 12, event(TriggerEvent::kSend, 3, "RequestVoteReply"), rng).size() == 1);
  CHECK(fire(tr, 13, event(TriggerEvent::kSend, 1, "RequestVoteReply"), rng).empty());  // times: 2
}

TEST_CASE("triggers: armed from the fault's time until until_ms - for its node only", "[triggers]") {
  Trigger t = on(TriggerEvent::kLeader);
  t.node = 3;
  t.times = 10;
  t.until = Time::from_ms(500);
  const std::vector<Fault> faults{triggered(t, IsolateFault{kTrig}, 100)};
  Triggers tr(faults, 3);
  Rng rng(1);
  CHECK(fire(tr, 99, event(TriggerEvent::kLeader, 3), rng).empty());
  CHECK(fire(tr, 200, event(TriggerEvent::kLeader, 2), rng).empty());
  CHECK(fire(tr, 200, event(TriggerEvent::kLeader, 3), rng).size() == 1);
  CHECK(fire(tr, 500, event(TriggerEvent::kLeader, 3), rng).size() == 1);
  CHECK(fire(tr, 501, event(TriggerEvent::kLeader, 3), rng).empty());
}

TEST_CASE("triggers: new_term fires only on an entry of a term newer than any the node appended", "[triggers]") {
  Trigger t = on(TriggerEvent::kAppend);
  t.new_term = true;
  t.times = 10;
  const std::vector<Fault> faults{triggered(t)};
  Triggers tr(faults, 2);
  Rng rng(1);
  CHECK(fire(tr, 1, event(TriggerEvent::kAppend, 1, {}, 1), rng).size() == 1);
  CHECK(fire(tr, 2, event(TriggerEvent::kAppend, 1, {}, 1), rng).empty());  // term 1 again
  CHECK(fire(tr, 3, event(TriggerEvent::kAppend, 2, {}, 1), rng).size() == 1);  // node 2's first term 1
  CHECK(fire(tr, 4, event(TriggerEvent::kAppend, 1, {}, 3), rng).size() == 1);
  CHECK(fire(tr, 5, event(TriggerEvent::kAppend, 1, {}, 2), rng).empty());  // replayed after a restart
}

TEST_CASE("triggers: probability and a delay range draw from the stream - the same each time", "[triggers]") {
  Trigger t = on(TriggerEvent::kSync);
  t.probability = 0.5;
  t.times = 1000;
  t.after = DurationRange{Duration::ms(1), Duration::ms(9)};
  const std::vector<Fault> faults{triggered(t)};
  const auto run = [&] {
    Triggers tr(faults, 1);
    Rng rng(7);
    std::vector<int64_t> afters;
    for (int i = 0; i < 400; ++i)
      for (const Firing& f : fire(tr, i, event(TriggerEvent::kSync, 1), rng)) afters.push_back(f.after.count_us());
    return afters;
  };
  const auto a = run();
  CHECK(a == run());
  CHECK(a.size() > 150);
  CHECK(a.size() < 250);
  for (int64_t us : a) CHECK((us >= 1000 && us <= 9000));
}

TEST_CASE("triggers: bind_trigger binds the trigger's node in every kind of fault", "[triggers]") {
  const NodeRef two{NodeRef::Kind::kId, 2};
  const NodeRef leader{NodeRef::Kind::kLeader, 0};
  PartitionFault p;
  p.groups = {PartitionGroup{false, {kTrig, leader}}, PartitionGroup{true, {}}};
  CHECK(std::get<PartitionFault>(bind_trigger(p, 2)).groups[0].members == std::vector<NodeRef>{two, leader});
  CHECK(std::get<CutFault>(bind_trigger(CutFault{kTrig, leader, true}, 2)) == CutFault{two, leader, true});
  NetworkFault n;
  n.drop = 0.5;
  n.from = leader;
  n.to = kTrig;
  CHECK(std::get<NetworkFault>(bind_trigger(n, 2)).to == two);
  CHECK(std::get<PauseFault>(bind_trigger(PauseFault{kTrig, Duration::ms(5)}, 2)).node == two);
  CHECK(std::get<DiskFault>(bind_trigger(DiskFault{kTrig, {}}, 2)).node == two);
  CHECK(std::get<ClockFault>(bind_trigger(ClockFault{kTrig, 2.0}, 2)).node == two);
  CHECK(std::get<IsolateFault>(bind_trigger(IsolateFault{leader}, 2)).node == leader);  // no trigger: unchanged
}

TEST_CASE("triggers: without triggered faults no event is wanted", "[triggers]") {
  const std::vector<Fault> faults{Fault{Time::zero(), CrashFault{NodeRef{NodeRef::Kind::kId, 1}}}};
  Triggers tr(faults, 3);
  for (TriggerEvent e : all_trigger_events()) CHECK_FALSE(tr.wants(e));
}
