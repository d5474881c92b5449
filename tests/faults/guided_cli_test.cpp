// consim sweep --guided as a user runs it (the real binary): as many runs as
// seeds, the same report whatever --jobs, each failing mutant reproduced by
// its repro line and by the file `gen` writes for it, and bad combinations
// refused with exit 2.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_consim.h"

using consim_test::run_consim;
using consim_test::TempDir;
using nlohmann::json;

namespace {

// The report without what measures the process rather than the runs.
json report_of(const consim_test::CommandResult& r) {
  json j = json::parse(r.out);
  j.erase("seeds_per_s");
  j.erase("peak_rss_kb");
  return j;
}

std::vector<std::string> words(const std::string& command) {
  std::vector<std::string> out;
  std::istringstream in(command);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

TEST_CASE("guided CLI: a guided sweep is the same whatever --jobs - and runs as many runs as seeds", "[guided][cli]") {
  const TempDir dir("guided-jobs");
  const std::vector<std::string> base{"sweep", "--protocol", "multi-paxos", "--nodes", "3", "--seeds", "1..150",
                                      "--guided", "--bug", "paxos.first-promise-value", "--json"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_consim(args);
  };
  const auto one = with({"--jobs", "1", "--out", dir.str("one.jsonl")});
  const auto two = with({"--jobs", "2", "--out", dir.str("two.jsonl")});
  REQUIRE(one.exit_code == 1);
  CHECK(report_of(one) == report_of(two));
  const json r = report_of(one);
  CHECK(r["seeds"] == 150);
  CHECK(r["guided"]["runs"] == 150);
  CHECK(r["guided"]["mutants"].get<uint64_t>() > 0);
  CHECK(r["guided"]["fresh"].get<uint64_t>() + r["guided"]["mutants"].get<uint64_t>() == 150);
  CHECK(r["swept"]["guided"] == true);
  // Its --out is one whole sweep: merge refuses it as a shard.
  CHECK(run_consim({"merge", dir.str("one.jsonl")}).exit_code == 2);
}

TEST_CASE("guided CLI: a failing mutant reproduces from its repro line and from the file gen writes", "[guided][cli]") {
  const TempDir dir("guided-repro");
  const auto sweep = run_consim({"sweep", "--protocol", "multi-paxos", "--nodes", "3", "--seeds", "1..150", "--guided",
                                 "--bug", "paxos.first-promise-value", "--json"});
  REQUIRE(sweep.exit_code == 1);
  const json report = json::parse(sweep.out);
  const json* mutant = nullptr;
  for (const auto& f : report["failures"])
    if (f["repro"].get<std::string>().find(" --mutate ") != std::string::npos) {
      mutant = &f;
      break;
    }
  REQUIRE(mutant != nullptr);
  std::vector<std::string> run = words((*mutant)["repro"].get<std::string>());
  REQUIRE(run.at(0) == "consim");
  run.erase(run.begin());
  run.push_back("--json");
  const auto replay = run_consim(run);
  CHECK(replay.exit_code == 1);
  CHECK(json::parse(replay.out)["trace_hash"] == (*mutant)["trace_hash"]);
  std::vector<std::string> gen = run;
  gen.at(0) = "gen";
  gen.pop_back();
  const auto file = run_consim(gen);
  REQUIRE(file.exit_code == 0);
  consim_test::write_file(dir / "mutant.json", file.out);
  const auto from_file = run_consim({"run", dir.str("mutant.json"), "--json"});
  CHECK(json::parse(from_file.out)["trace_hash"] == (*mutant)["trace_hash"]);
}

TEST_CASE("guided CLI: guided sweeps of a file or a shard - and --mutate on a sweep - are refused", "[guided][cli]") {
  CHECK(run_consim({"sweep", "--guided", "--scenario", "scenarios/library/raft-leader-crash.json", "--seeds", "1..3"})
            .exit_code == 2);
  CHECK(run_consim({"sweep", "--guided", "--seeds", "1..4", "--shard", "0/2"}).exit_code == 2);
  CHECK(run_consim({"sweep", "--seeds", "1..4", "--mutate", "3"}).exit_code == 2);
  const auto bad = run_consim({"run", "--seed", "3", "--mutate", "3,x"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--mutate") != std::string::npos);
}
