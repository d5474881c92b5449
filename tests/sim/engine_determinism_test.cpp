// Determinism (DESIGN.md, "Determinism rules"): the same scenario and seed
// give the same run, event for event, in one process and across processes;
// a different seed or a different fault timeline gives a different run.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "sim/engine.h"
#include "tests/sim/support/echo_scenario.h"

namespace consim::test {
namespace {

// A busy echo cluster: random delays, loss, duplicates, jittered ticks drawn
// from the nodes' streams, and two clients.
Scenario busy_scenario(uint64_t seed) {
  Scenario s = echo_scenario(5, 1000, seed);
  s.network.delay = {Duration::ms(1), Duration::ms(20)};
  s.network.drop = 0.1;
  s.network.duplicate = 0.1;
  Workload w;
  w.clients = 2;
  w.stop = ms(900);
  s.workload = w;
  return s;
}

void reset_busy_world() {
  EchoKnobs k;
  k.tick = Duration::ms(7);
  k.jitter = Duration::ms(3);
  EchoWorld::get().reset(5, k, 1);
}

// Every fault type of scenarios/README.md, selectors included.
Scenario every_fault_scenario(uint64_t seed) {
  Scenario s = busy_scenario(seed);
  using K = NodeRef::Kind;
  add_fault(s, 100, PartitionFault{{group({node(1), node(2)}), rest()}});
  add_fault(s, 150, PartitionFault{{group({selector(K::kLeader), selector(K::kRandomFollower)}), rest()}});
  add_fault(s, 170, PartitionFault{{group({selector(K::kRandom)}), group({node(4), node(5)})}});
  add_fault(s, 200, IsolateFault{selector(K::kRandom)});
  add_fault(s, 220, IsolateFault{node(3)});
  add_fault(s, 250, HealFault{});
  add_fault(s, 260, CutFault{node(1), node(2), false});
  add_fault(s, 300, CutFault{node(3), selector(K::kRandom), true});
  add_fault(s, 350, HealFault{});
  add_fault(s, 400, CrashFault{node(2)});
  add_fault(s, 420, CrashFault{selector(K::kRandomFollower)});
  add_fault(s, 450, RestartFault{node(2)});
  add_fault(s, 500, RestartFault{selector(K::kAll)});
  add_fault(s, 550, PauseFault{node(3), Duration::ms(50)});
  add_fault(s, 560, PauseFault{selector(K::kRandom), Duration::ms(30)});
  NetworkFault global;
  global.delay = DurationRange{Duration::ms(5), Duration::ms(30)};
  global.drop = 0.2;
  global.duplicate = 0.3;
  add_fault(s, 600, global);
  NetworkFault link = link_change(1, 4);
  link.delay = DurationRange{Duration::ms(40), Duration::ms(60)};
  link.drop = 0.5;
  add_fault(s, 650, link);
  add_fault(s, 700, ClockFault{node(4), 0.5});
  add_fault(s, 720, ClockFault{selector(K::kRandom), 2.0});
  add_fault(s, 750, CrashFault{selector(K::kLeader)});
  add_fault(s, 800, HealFault{});
  add_fault(s, 850, RestartFault{node(1)});
  return s;
}

std::string run_hash(const Scenario& s) {
  reset_busy_world();
  EchoRun r = run_echo(s);
  REQUIRE_FALSE(r.summary.stopped_early);
  REQUIRE(r.summary.violations.empty());
  return r.summary.trace_hash;
}

// The whole JSON Lines trace of a run, as text.
std::string run_trace(const Scenario& s) {
  reset_busy_world();
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  REQUIRE(out != nullptr);
  RunOptions options = echo_options();
  options.trace = out;
  { run_echo(s, options); }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

TEST_CASE("the same seed gives the same trace hash - a different seed a different one", "[engine][determinism]") {
  const std::string first = run_hash(busy_scenario(7));
  const std::string second = run_hash(busy_scenario(7));
  CHECK(first == second);
  CHECK(first.size() == 16);
  CHECK(run_hash(busy_scenario(8)) != first);
}

TEST_CASE("every fault type keeps a run deterministic and changes its hash", "[engine][determinism]") {
  const Scenario faulty = every_fault_scenario(7);
  reset_busy_world();
  EchoRun r = run_echo(faulty);
  CHECK(r.summary.pass);
  CHECK(r.summary.stats.crashes >= 3);
  CHECK(r.summary.stats.restarts >= 2);
  const std::string once = r.summary.trace_hash;
  CHECK(run_hash(faulty) == once);
  CHECK(run_hash(busy_scenario(7)) != once);

  // Not just the hash: the trace itself, line for line.
  const std::string trace = run_trace(faulty);
  CHECK(trace == run_trace(faulty));
  for (const char* kind : {"\"fault\"", "\"crash\"", "\"restart\"", "\"resume\"", "\"duplicate\"", "\"drop\"",
                           "\"answer\""})
    CHECK(trace.find(std::string("\"kind\":") + kind) != std::string::npos);
}

TEST_CASE("every fault type keeps a run deterministic over many seeds", "[engine][determinism]") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    CAPTURE(seed);
    const Scenario faulty = every_fault_scenario(seed);
    CHECK(run_hash(faulty) == run_hash(faulty));
  }
}

// The child half of the cross-process test: writes the hash of a fixed
// scenario to the file named by CONSIM_ECHO_HASH_FILE. Hidden: it runs only
// when named.
TEST_CASE("child: write the hash of the fixed scenario", "[.child]") {
  const std::string hash = run_hash(every_fault_scenario(42));
  if (const char* path = std::getenv("CONSIM_ECHO_HASH_FILE")) {
    std::ofstream out(path);
    out << hash << "\n";
  }
}

TEST_CASE("another process gives the same trace hash", "[engine][determinism]") {
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe");
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("consim-echo-hash-" + std::to_string(::getpid()) + ".txt");
  std::filesystem::remove(out);
  const std::string command = "CONSIM_ECHO_HASH_FILE='" + out.string() + "' '" + self.string() +
                              "' 'child: write the hash of the fixed scenario' > /dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream in(out);
  std::string child_hash;
  in >> child_hash;
  std::filesystem::remove(out);
  CHECK(child_hash.size() == 16);
  CHECK(child_hash == run_hash(every_fault_scenario(42)));
}

}  // namespace
}  // namespace consim::test
