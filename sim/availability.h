// Availability of a majority-quorum cluster whose nodes crash at random,
// three ways (`consim availability`; README, "Availability"):
//
// 1. the binomial formula: the cluster is up when a majority of its n nodes
//    is, each node independently up with probability p:
//    A = sum over k >= n/2+1 of C(n,k) p^k (1-p)^(n-k);
// 2. a Monte Carlo run of that model: each node alternates between up and
//    down for exponentially distributed times (mean MTTR down, MTTR p/(1-p)
//    up, so it is up a fraction p of the time), and we measure the fraction
//    of time a majority is up;
// 3. real protocol runs under one such crash timeline, measuring the
//    fraction of time clients could commit (RecoveryMeter), which also pays
//    for elections and failover, which the formula leaves out.
#pragma once

#include <cstdint>
#include <vector>

#include "scenarios/scenario.h"
#include "protocols/core/random.h"
#include "protocols/core/time.h"

namespace consim {

double binomial_availability(int nodes, double p);

struct CrashProcess {
  int nodes = 5;
  double p = 0.99;                 // fraction of time each node is up
  Duration mttr = Duration::ms(2000);  // mean time down after a crash
  Duration mean_up() const;
};

struct MajorityUp {
  double fraction = 0;     // of the simulated time
  uint64_t crashes = 0;    // node failures drawn
  uint64_t outages = 0;    // times the majority was lost
  double seconds = 0;      // simulated
};

// Model 2, simulated for `seconds` of model time.
MajorityUp monte_carlo_majority_up(const CrashProcess& process, double seconds, Rng& rng);

// Model 3's scenario: `protocol` under crashes and restarts drawn from
// `process` for `duration`, with a busy closed-loop workload; and the
// fraction of that timeline during which a majority was up.
struct CrashScenario {
  Scenario scenario;
  MajorityUp majority;
};
CrashScenario crash_process_scenario(const CrashProcess& process, Protocol protocol, Duration duration,
                                     uint64_t seed);

}  // namespace consim
