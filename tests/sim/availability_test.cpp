// sim/availability.h: the binomial formula, the Monte Carlo model that
// checks it, and the crash timelines that protocol runs replay.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/availability.h"

namespace consim {
namespace {

TEST_CASE("binomial availability of a majority quorum", "[availability]") {
  // n = 5, p = 0.99: the cluster is down only when 3 or more nodes are:
  // 10 p^2 q^3 + 5 p q^4 + q^5 = 9.85e-6.
  CHECK(binomial_availability(5, 0.99) == Approx(1.0 - 9.8506e-6).epsilon(1e-9));
  CHECK(binomial_availability(3, 0.9) == Approx(0.972));
  CHECK(binomial_availability(1, 0.9) == Approx(0.9));
  CHECK(binomial_availability(4, 0.9) == Approx(0.9477));  // 3 of 4 needed
}

TEST_CASE("the Monte Carlo model agrees with the formula", "[availability]") {
  const CrashProcess process{3, 0.9, Duration::ms(1000)};
  Rng rng(7);
  const MajorityUp m = monte_carlo_majority_up(process, 2e6, rng);
  CHECK(m.fraction == Approx(binomial_availability(3, 0.9)).margin(0.002));
  CHECK(m.outages > 1000);
  // Each node is down a tenth of the time: about 2e6 / 10 s per node in 1 s downtimes.
  CHECK(static_cast<double>(m.crashes) == Approx(3 * 2e5).epsilon(0.02));
}

TEST_CASE("the Monte Carlo model is deterministic for a seed", "[availability]") {
  const CrashProcess process{5, 0.95, Duration::ms(500)};
  Rng a(3);
  Rng b(3);
  CHECK(monte_carlo_majority_up(process, 1e5, a).fraction == monte_carlo_majority_up(process, 1e5, b).fraction);
}

TEST_CASE("a crash timeline alternates crash and restart per node in time order", "[availability]") {
  const CrashProcess process{5, 0.9, Duration::ms(1000)};
  const CrashScenario cs = crash_process_scenario(process, Protocol::kRaft, Duration::ms(200'000), 11);
  REQUIRE_FALSE(cs.scenario.faults.empty());
  std::vector<bool> down(6, false);
  Time last = Time::zero();
  for (const Fault& f : cs.scenario.faults) {
    CHECK(f.at >= last);
    last = f.at;
    if (const auto* c = std::get_if<CrashFault>(&f.action)) {
      CHECK_FALSE(down[static_cast<size_t>(c->node.id)]);
      down[static_cast<size_t>(c->node.id)] = true;
    } else {
      const auto& r = std::get<RestartFault>(f.action);
      CHECK(down[static_cast<size_t>(r.node.id)]);
      down[static_cast<size_t>(r.node.id)] = false;
    }
  }
  CHECK(cs.majority.fraction > 0.9);
  CHECK(cs.majority.fraction <= 1.0);
  CHECK(cs.scenario.workload.has_value());
}

}  // namespace
}  // namespace consim
