// The virtual network (scenarios/README.md, `network` and the partition,
// isolate, cut, heal and network faults): a link is checked at send and again
// at delivery; loss and duplication follow their probabilities; per-link
// changes touch one direction of one link; clients sit outside partitions.
//
// The cluster tests use the echo node with a fixed 50 ms delay and a 100 ms
// tick, so every ping is sent at a multiple of 100 ms and is due 50 ms later:
// a fault at 120 ms catches the pings of 100 ms in flight.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "sim/network.h"
#include "protocols/core/random.h"
#include "tests/sim/support/echo_scenario.h"

namespace consim::test {
namespace {

EchoKnobs slow_ticks() {
  EchoKnobs k;
  k.tick = Duration::ms(100);
  return k;
}

// The send times (ms) of the pings `to` received from `from`.
std::vector<double> received_from(NodeId to, NodeId from) {
  std::vector<double> out;
  for (const auto& r : EchoWorld::get().log(to).receipts)
    if (r.from == from) out.push_back(r.sent_at.to_ms());
  return out;
}

std::vector<double> every_100_ms(double first, double last) {
  std::vector<double> out;
  for (double t = first; t <= last; t += 100) out.push_back(t);
  return out;
}

std::vector<double> concat(std::vector<double> a, const std::vector<double>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_CASE("a partition blocks cross-group delivery - in flight included - until healed", "[engine][network]") {
  EchoWorld::get().reset(3, slow_ticks());
  Scenario s = echo_scenario(3, 1000);
  add_fault(s, 120, PartitionFault{{group({node(1), node(2)}), rest()}});
  add_fault(s, 420, HealFault{});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);

  // Inside the group: every ping, 100..1000 ms (those of 1000 ms are still in flight at the end).
  CHECK(received_from(2, 1) == every_100_ms(100, 900));
  CHECK(received_from(1, 2) == every_100_ms(100, 900));
  // Across: the pings of 100 ms were in flight at 120 ms and are lost; those
  // of 200..400 ms are lost at send; from 500 ms on everything gets through.
  CHECK(received_from(3, 1) == every_100_ms(500, 900));
  CHECK(received_from(3, 2) == every_100_ms(500, 900));
  CHECK(received_from(1, 3) == every_100_ms(500, 900));
  CHECK(received_from(2, 3) == every_100_ms(500, 900));
  // Each receipt is exactly 50 ms after its send.
  for (NodeId n = 1; n <= 3; ++n)
    for (const auto& rc : EchoWorld::get().log(n).receipts) CHECK((rc.at - rc.sent_at) == Duration::ms(50));
}

TEST_CASE("a partition that heals before a message is due does not lose it", "[engine][network]") {
  // The link is checked at send and at delivery, not in between.
  EchoWorld::get().reset(2, slow_ticks());
  Scenario s = echo_scenario(2, 500);
  add_fault(s, 120, PartitionFault{{group({node(1)}), group({node(2)})}});
  add_fault(s, 130, HealFault{});
  EchoRun r = run_echo(s);
  CHECK(received_from(2, 1) == every_100_ms(100, 400));
}

TEST_CASE("a partition leaves unnamed nodes isolated and replaces earlier cuts", "[engine][network]") {
  EchoWorld::get().reset(4, slow_ticks());
  Scenario s = echo_scenario(4, 600);
  add_fault(s, 50, CutFault{node(1), node(2), true});
  add_fault(s, 160, PartitionFault{{group({node(1), node(2)}), group({node(3)})}});
  EchoRun r = run_echo(s);
  CHECK(received_from(2, 1) == every_100_ms(200, 500));  // the cut ends with the partition
  CHECK(received_from(3, 1) == every_100_ms(100, 100));
  CHECK(received_from(4, 1) == every_100_ms(100, 100));  // node 4 is in no group
  CHECK(received_from(1, 4) == every_100_ms(100, 100));
  CHECK(received_from(3, 4) == every_100_ms(100, 100));
  const Network& net = r.engine->network();
  CHECK(net.link_up(1, 2));
  CHECK_FALSE(net.link_up(1, 4));
  CHECK_FALSE(net.link_up(4, 3));
  CHECK_FALSE(net.link_up(3, 2));
}

TEST_CASE("isolate blocks both directions of every link of one node", "[engine][network]") {
  EchoWorld::get().reset(3, slow_ticks());
  Scenario s = echo_scenario(3, 700);
  add_fault(s, 230, IsolateFault{node(2)});  // the pings of 200 ms are in flight
  add_fault(s, 450, HealFault{});
  EchoRun r = run_echo(s);
  const auto before_and_after = concat(every_100_ms(100, 100), every_100_ms(500, 600));
  CHECK(received_from(2, 1) == before_and_after);
  CHECK(received_from(1, 2) == before_and_after);
  CHECK(received_from(3, 2) == before_and_after);
  CHECK(received_from(1, 3) == every_100_ms(100, 600));
  CHECK(received_from(3, 1) == every_100_ms(100, 600));
}

TEST_CASE("a one-way cut blocks one direction only", "[engine][network]") {
  EchoWorld::get().reset(3, slow_ticks());
  Scenario s = echo_scenario(3, 700);
  add_fault(s, 120, CutFault{node(1), node(3), false});
  add_fault(s, 420, HealFault{});
  EchoRun r = run_echo(s);
  CHECK(received_from(3, 1) == every_100_ms(500, 600));
  CHECK(received_from(1, 3) == every_100_ms(100, 600));
  CHECK(received_from(2, 1) == every_100_ms(100, 600));
  CHECK(received_from(3, 2) == every_100_ms(100, 600));
}

TEST_CASE("a two-way cut blocks both directions of one link", "[engine][network]") {
  EchoWorld::get().reset(3, slow_ticks());
  Scenario s = echo_scenario(3, 700);
  add_fault(s, 120, CutFault{node(1), node(3), true});
  EchoRun r = run_echo(s);
  CHECK(received_from(3, 1).empty());
  CHECK(received_from(1, 3).empty());
  CHECK(received_from(2, 1) == every_100_ms(100, 600));
  CHECK(received_from(1, 2) == every_100_ms(100, 600));
  CHECK(received_from(3, 2) == every_100_ms(100, 600));
  CHECK(received_from(2, 3) == every_100_ms(100, 600));
  CHECK(r.summary.stats.messages_dropped == 2 * 7);  // 7 ticks, 100..700 ms
}

TEST_CASE("draw_fate drops and duplicates at the configured rates", "[engine][network]") {
  constexpr int kMessages = 100'000;
  const auto within_5_sigma = [](int count, double p) {
    const double mean = kMessages * p;
    const double sigma = std::sqrt(kMessages * p * (1 - p));
    INFO("count " << count << ", expected " << mean << " +- " << 5 * sigma);
    CHECK(std::abs(count - mean) <= 5 * sigma);
  };
  NetworkConditions c;
  c.delay = {Duration::ms(2), Duration::ms(8)};
  c.drop = 0.1;
  c.duplicate = 0.2;
  const Network net(3, c);
  Rng rng(12345);
  int dropped = 0;
  int duplicated = 0;
  int delivered = 0;
  int out_of_range = 0;
  int64_t delay_sum_us = 0;
  std::set<int64_t> delays;
  const auto in_range = [&c](Duration d) { return d >= c.delay.min && d <= c.delay.max; };
  for (int i = 0; i < kMessages; ++i) {
    const Fate f = net.draw_fate(1, 2, rng);
    if (f.dropped) {
      ++dropped;
      if (f.second) ++out_of_range;  // a lost message has no copy
      continue;
    }
    ++delivered;
    if (!in_range(f.first)) ++out_of_range;
    delay_sum_us += f.first.count_us();
    delays.insert(f.first.count_us());
    if (f.second) {
      ++duplicated;
      if (!in_range(*f.second)) ++out_of_range;
    }
  }
  CHECK(out_of_range == 0);
  within_5_sigma(dropped, 0.1);
  within_5_sigma(duplicated, 0.9 * 0.2);  // only a delivered message is duplicated
  // Delays are uniform over [2, 8] ms at microsecond resolution: mean 5 ms.
  const double mean_us = static_cast<double>(delay_sum_us) / delivered;
  CHECK(std::abs(mean_us - 5000.0) < 5 * 1732.0 / std::sqrt(static_cast<double>(delivered)));
  CHECK(delays.size() > 5000);

  // Duplicates on their own, without loss.
  c.drop = 0;
  const Network dup_only(3, c);
  duplicated = 0;
  dropped = 0;
  for (int i = 0; i < kMessages; ++i) {
    const Fate f = dup_only.draw_fate(2, 1, rng);
    if (f.dropped) ++dropped;
    if (f.second) ++duplicated;
  }
  CHECK(dropped == 0);
  within_5_sigma(duplicated, 0.2);
}

TEST_CASE("draw_fate with probability 0 and 1 never and always happens", "[engine][network]") {
  NetworkConditions c;
  c.drop = 1.0;
  Network net(2, c);
  Rng rng(7);
  for (int i = 0; i < 1000; ++i) CHECK(net.draw_fate(1, 2, rng).dropped);
  NetworkFault change;
  change.drop = 0.0;
  change.duplicate = 1.0;
  net.change_conditions(change);
  for (int i = 0; i < 1000; ++i) {
    const Fate f = net.draw_fate(1, 2, rng);
    CHECK_FALSE(f.dropped);
    CHECK(f.second.has_value());
  }
}

TEST_CASE("a per-link change overrides only the fields it names - on one direction", "[engine][network]") {
  NetworkConditions c;
  c.delay = fixed_delay(5);
  c.drop = 0.01;
  Network net(3, c);
  NetworkFault change;
  change.drop = 1.0;
  net.change_link(1, 2, change);
  CHECK(net.conditions(1, 2).drop == 1.0);
  CHECK(net.conditions(1, 2).delay == fixed_delay(5));  // not named: still the cluster's
  CHECK(net.conditions(2, 1).drop == 0.01);
  CHECK(net.conditions(1, 3).drop == 0.01);
  // A later cluster-wide change reaches the fields the override leaves alone.
  NetworkFault global;
  global.delay = fixed_delay(9);
  global.drop = 0.5;
  net.change_conditions(global);
  CHECK(net.conditions(1, 2).drop == 1.0);
  CHECK(net.conditions(1, 2).delay == fixed_delay(9));
  CHECK(net.conditions(2, 1).drop == 0.5);
  // Client traffic (node 0) uses the cluster-wide conditions.
  CHECK(net.conditions(0, 2) == net.cluster_conditions());
  CHECK(net.conditions(1, 0) == net.cluster_conditions());
}

TEST_CASE("a per-link network fault affects only that direction of that link", "[engine][network]") {
  EchoWorld::get().reset(3, slow_ticks());
  Scenario s = echo_scenario(3, 800);
  NetworkFault lossy = link_change(1, 3);
  lossy.drop = 1.0;
  add_fault(s, 120, lossy);
  NetworkFault slow = link_change(2, 3);
  slow.delay = fixed_delay(200);
  add_fault(s, 120, slow);
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  // 1 -> 3 loses everything sent from 120 ms; the ping of 100 ms was already on its way.
  CHECK(received_from(3, 1) == every_100_ms(100, 100));
  CHECK(received_from(1, 3) == every_100_ms(100, 700));
  CHECK(received_from(2, 1) == every_100_ms(100, 700));
  // 2 -> 3 takes 200 ms from 120 ms on; 3 -> 2 still 50 ms.
  for (const auto& rc : EchoWorld::get().log(3).receipts)
    if (rc.from == 2) CHECK((rc.at - rc.sent_at) == Duration::ms(rc.sent_at < ms(120) ? 50 : 200));
  CHECK(received_from(3, 2) == every_100_ms(100, 600));
  for (const auto& rc : EchoWorld::get().log(2).receipts) CHECK((rc.at - rc.sent_at) == Duration::ms(50));
}

TEST_CASE("a global network fault changes every link from then on", "[engine][network]") {
  EchoWorld::get().reset(3, slow_ticks());
  Scenario s = echo_scenario(3, 800);
  NetworkFault faster;
  faster.delay = fixed_delay(10);
  add_fault(s, 320, faster);
  EchoRun r = run_echo(s);
  for (NodeId n = 1; n <= 3; ++n) {
    CHECK(EchoWorld::get().log(n).receipts.size() == 2 * 7);
    for (const auto& rc : EchoWorld::get().log(n).receipts)
      CHECK((rc.at - rc.sent_at) == Duration::ms(rc.sent_at < ms(320) ? 50 : 10));
  }
}

TEST_CASE("client requests ignore partitions and isolation", "[engine][network]") {
  EchoWorld::get().reset(3, slow_ticks());
  Scenario s = echo_scenario(3, 2000);
  Workload w;
  w.clients = 8;
  w.think = {Duration::ms(5), Duration::ms(5)};
  s.workload = w;
  for (NodeId n = 1; n <= 3; ++n) add_fault(s, 0, IsolateFault{node(n)});
  EchoRun r = run_echo(s);
  REQUIRE(r.summary.pass);
  // No node hears another, yet every request is answered where it was sent.
  for (NodeId n = 1; n <= 3; ++n) CHECK(EchoWorld::get().log(n).receipts.empty());
  const History& h = r.engine->history();
  REQUIRE(h.size() > 100);
  std::set<NodeId> answered_by;
  for (const HistoryOp& op : h) {
    CHECK(op.attempts == 1);
    if (op.invoke > ms(1900)) continue;  // its answer may come after the end
    CHECK(op.outcome == Outcome::kOk);
    // Request 50 ms there, answer 50 ms back.
    CHECK((op.complete - op.invoke) == Duration::ms(100));
    answered_by.insert(op.node);
  }
  CHECK(answered_by.size() == 3);
  CHECK(r.summary.stats.client_retries == 0);
}

}  // namespace
}  // namespace consim::test
