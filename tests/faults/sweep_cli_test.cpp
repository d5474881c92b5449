// consim sweep, gen, run and merge as a user runs them (the real binary):
// the promises of the README about seeds. One seed is one run whichever
// way it is run; --jobs and --shard change nothing in the results; bad
// input exits 2; every failing seed's repro command reproduces it.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_consim.h"

using consim_test::CommandResult;
using consim_test::run_consim;
using consim_test::TempDir;
using nlohmann::json;

namespace {

// The --out lines of a sweep, by seed, each without wall_ms (the one field
// that may differ between two runs of one seed); the header line aside.
std::map<uint64_t, json> read_summaries(const std::filesystem::path& file) {
  std::map<uint64_t, json> by_seed;
  std::istringstream in(consim_test::slurp(file));
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line);
    if (j.contains("sweep")) continue;
    j.erase("wall_ms");
    const auto seed = j["seed"].get<uint64_t>();  // before the move: `=` evaluates its right side first
    by_seed[seed] = std::move(j);
  }
  return by_seed;
}

// The lines in file order, the header first, without wall_ms, so order is compared too.
std::vector<json> read_lines(const std::filesystem::path& file) {
  std::vector<json> lines;
  std::istringstream in(consim_test::slurp(file));
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line);
    j.erase("wall_ms");
    lines.push_back(std::move(j));
  }
  return lines;
}

// A sweep report (--json) without the fields that measure the process rather
// than the runs: seeds_per_s (the clock) and peak_rss_kb (a live sweep only).
json report_of(const CommandResult& r) {
  json j = json::parse(r.out);
  j.erase("seeds_per_s");
  j.erase("peak_rss_kb");
  return j;
}

std::string trace_hash_of(const CommandResult& r) {
  INFO(r.err);
  REQUIRE(r.exit_code <= 1);
  return json::parse(r.out)["trace_hash"].get<std::string>();
}

std::vector<std::string> invariants_of(const json& summary) {
  std::vector<std::string> out;
  for (const auto& v : summary["violations"]) out.push_back(v["invariant"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("sweep CLI: a seed in a sweep and in run and in gen then run is one run with one trace hash",
          "[sweep][cli]") {
  const TempDir dir("sweep-ways");
  for (const char* nodes : {"3", "5"}) {
    const auto sweep = run_consim({"sweep", "--protocol", "raft", "--nodes", nodes, "--seeds", "5..8", "--jobs", "2",
                                   "--out", dir.str("out.jsonl"), "--json"});
    REQUIRE(sweep.exit_code == 0);
    const auto summaries = read_summaries(dir / "out.jsonl");
    REQUIRE(summaries.size() == 4);
    for (const auto& [seed, summary] : summaries) {
      const std::string s = std::to_string(seed);
      INFO("nodes " << nodes << " seed " << s);
      const std::string in_sweep = summary["trace_hash"].get<std::string>();
      CHECK(in_sweep.size() == 16);

      const auto generated = run_consim({"run", "--protocol", "raft", "--nodes", nodes, "--seed", s, "--json"});
      CHECK(trace_hash_of(generated) == in_sweep);

      // consim gen ... > s.json
      const auto gen = run_consim({"gen", "--protocol", "raft", "--nodes", nodes, "--seed", s});
      REQUIRE(gen.exit_code == 0);
      consim_test::write_file(dir / "s.json", gen.out);
      const auto from_file = run_consim({"run", dir.str("s.json"), "--json"});
      CHECK(trace_hash_of(from_file) == in_sweep);
    }
  }
}

TEST_CASE("sweep CLI: gen --bug writes a file that is the bugged run of sweep and run", "[sweep][cli][bugs]") {
  const TempDir dir("gen-bug");
  const std::vector<std::string> flags{"--protocol", "raft", "--nodes", "5", "--bug", "raft.no-up-to-date-check"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), flags.begin(), flags.end());
    return run_consim(args);
  };
  const auto sweep = with({"sweep", "--seeds", "3..3", "--jobs", "1", "--json"});
  REQUIRE(sweep.exit_code == 1);  // seed 3 fails with this bug
  const auto run = with({"run", "--seed", "3", "--json"});
  const auto gen = with({"gen", "--seed", "3"});
  REQUIRE(gen.exit_code == 0);
  CHECK(json::parse(gen.out)["bugs"] == json::array({"raft.no-up-to-date-check"}));
  consim_test::write_file(dir / "s.json", gen.out);
  const auto from_file = run_consim({"run", dir.str("s.json"), "--json"});
  CHECK(from_file.exit_code == 1);
  CHECK(trace_hash_of(from_file) == trace_hash_of(run));
  CHECK(json::parse(sweep.out)["failures"][0]["trace_hash"] == trace_hash_of(run));
  // A bug of another protocol is bad input.
  CHECK(run_consim({"gen", "--protocol", "multi-paxos", "--bug", "raft.local-read"}).exit_code == 2);
}

TEST_CASE("sweep CLI: --jobs 1 and --jobs 2 write the same --out file but for wall_ms", "[sweep][cli]") {
  const TempDir dir("sweep-jobs");
  const auto one = run_consim({"sweep", "--seeds", "1..40", "--jobs", "1", "--bug", "raft.apply-uncommitted", "--out",
                               dir.str("one.jsonl"), "--json"});
  const auto two = run_consim({"sweep", "--seeds", "1..40", "--jobs", "2", "--bug", "raft.apply-uncommitted", "--out",
                               dir.str("two.jsonl"), "--json"});
  CHECK(one.exit_code == two.exit_code);
  const auto a = read_lines(dir / "one.jsonl");
  REQUIRE(a.size() == 41);  // the header, then one line per seed
  CHECK(a == read_lines(dir / "two.jsonl"));
  CHECK(report_of(one) == report_of(two));
  // The process's peak memory is reported, in KiB: more than the binary alone, far less than a GiB.
  const long rss_kb = json::parse(two.out)["peak_rss_kb"].get<long>();
  CHECK(rss_kb > 1024);
  CHECK(rss_kb < 1024 * 1024);
  // In seed order.
  CHECK(a[0]["sweep"]["seeds"] == "1..40");
  for (size_t i = 1; i < a.size(); ++i) CHECK(a[i]["seed"] == i);
}

TEST_CASE("sweep CLI: three shards merged equal the unsharded sweep", "[sweep][cli]") {
  const TempDir dir("sweep-shards");
  const std::vector<std::string> common = {"sweep", "--seeds", "3..47", "--nodes", "5", "--jobs", "2",
                                           "--bug", "raft.no-up-to-date-check", "--json"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = common;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_consim(args);
  };
  const auto whole = with({"--out", dir.str("whole.jsonl")});
  REQUIRE(whole.exit_code == 1);  // the bug makes some seed fail: the reports have failures to compare
  size_t shard_lines = 0;
  for (int k = 0; k < 3; ++k) {
    const std::string file = dir.str("shard-" + std::to_string(k) + ".jsonl");
    const auto shard = with({"--shard", std::to_string(k) + "/3", "--out", file});
    CHECK(shard.exit_code <= 1);
    const auto lines = read_lines(file);
    REQUIRE(lines.size() > 1);
    CHECK(lines[0]["sweep"]["shard"] == std::to_string(k) + "/3");
    for (size_t i = 1; i < lines.size(); ++i)
      CHECK((lines[i]["seed"].get<uint64_t>() - 3) % 3 == static_cast<uint64_t>(k));
    shard_lines += lines.size() - 1;
  }
  CHECK(shard_lines == 45);  // disjoint and covering

  // Shards given in any order.
  const auto merged = run_consim({"merge", dir.str("shard-2.jsonl"), dir.str("shard-0.jsonl"), dir.str("shard-1.jsonl"),
                                  "--out", dir.str("merged.jsonl"), "--json"});
  CHECK(merged.exit_code == whole.exit_code);
  CHECK(report_of(merged) == report_of(whole));
  CHECK_FALSE(json::parse(merged.out).contains("peak_rss_kb"));  // merge runs no seeds
  CHECK(read_lines(dir / "merged.jsonl") == read_lines(dir / "whole.jsonl"));
  CHECK(report_of(whole)["failed"].get<int>() > 0);
}

TEST_CASE("sweep CLI: bad input exits 2 and runs nothing", "[sweep][cli]") {
  const TempDir dir("sweep-bad");
  const std::vector<std::vector<std::string>> bad = {
      {"sweep", "--seeds", "5..1"},
      {"sweep", "--seeds", "1..10", "--shard", "3/3"},
      {"sweep", "--seeds", "1..10", "--faults", "typo"},
      {"sweep", "--seeds", "1..10", "--bug", "raft.no-such-bug"},
      {"sweep", "--seeds", "1..10", "--keep-faults"},
  };
  for (const auto& args : bad) {
    std::string line;
    for (const auto& a : args) line += a + " ";
    INFO(line);
    const auto r = run_consim(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
  }
  CHECK(run_consim({"sweep", "--seeds", "5..1"}).err.find("--seeds") != std::string::npos);
  CHECK(run_consim({"sweep", "--shard", "3/3"}).err.find("--shard") != std::string::npos);
  CHECK(run_consim({"sweep", "--faults", "typo"}).err.find("typo") != std::string::npos);
  CHECK(run_consim({"sweep", "--keep-faults"}).err.find("--scenario") != std::string::npos);
}

TEST_CASE("sweep CLI: a bug sweep fails and every failing seed's repro command reproduces its violation",
          "[sweep][cli]") {
  const TempDir dir("sweep-repro");
  const auto sweep = run_consim({"sweep", "--seeds", "1..30", "--jobs", "2", "--bug", "raft.apply-uncommitted",
                                 "--out", dir.str("out.jsonl"), "--json"});
  REQUIRE(sweep.exit_code == 1);
  const json report = json::parse(sweep.out);
  const auto summaries = read_summaries(dir / "out.jsonl");
  REQUIRE(report["failures"].size() > 0);
  CHECK(report["failed"] == report["failures"].size());
  for (const auto& failure : report["failures"]) {
    const uint64_t seed = failure["seed"].get<uint64_t>();
    const std::string repro = failure["repro"].get<std::string>();
    INFO("seed " << seed << ": " << repro);
    REQUIRE(repro.rfind("consim run ", 0) == 0);
    CHECK(repro.find("--bug raft.apply-uncommitted") != std::string::npos);
    const auto rerun =
        consim_test::run_shell(consim_test::shell_quote(CONSIM_BINARY) + repro.substr(6) + " --json");
    CHECK(rerun.exit_code == 1);
    const json summary = json::parse(rerun.out);
    const json& in_sweep = summaries.at(seed);
    CHECK(summary["trace_hash"] == in_sweep["trace_hash"]);
    CHECK(invariants_of(summary) == invariants_of(in_sweep));
    CHECK(summary["violations"] == in_sweep["violations"]);
  }
}

TEST_CASE("CLI: --bug takes one name per flag so a scenario file can follow it", "[cli][bugs]") {
  const std::string file = std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json";
  const auto run = run_consim({"run", "--bug", "raft.local-read", file, "--json"});
  REQUIRE(run.exit_code <= 1);
  const json summary = json::parse(run.out);
  CHECK(summary["scenario"] == "raft-leader-crash");
  CHECK(summary["bugs"] == json::array({"raft.local-read"}));
  // Repeated, each flag one bug.
  const auto two = run_consim({"run", "--bug", "raft.local-read", "--bug", "raft.apply-uncommitted", file, "--json"});
  CHECK(json::parse(two.out)["bugs"] == json::array({"raft.local-read", "raft.apply-uncommitted"}));
  // shrink and sweep read it the same way: a name after the bug is not a second bug.
  const auto sweep = run_consim({"sweep", "--bug", "raft.local-read", "--seeds", "1..2", "--json"});
  CHECK(sweep.exit_code <= 1);
  CHECK(json::parse(sweep.out)["swept"]["bugs"] == json::array({"raft.local-read"}));
  const TempDir dir("cli-bug-flag");
  const auto shrink = run_consim({"shrink", "--bug", "raft.local-read", file, "--out", dir.str("min.json")});
  CHECK(shrink.err.find("unknown bug") == std::string::npos);
}

TEST_CASE("CLI: the repro line of a run from a pipe says it cannot be rerun from that path", "[cli]") {
  const std::string consim = consim_test::shell_quote(CONSIM_BINARY);
  const auto r = consim_test::run_shell("bash -c " + consim_test::shell_quote(consim + " run <(" + consim +
                                                                              " gen --nodes 3 --seed 2) --quiet"));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("was a pipe, read once: save the scenario to a file and run that to reproduce") !=
        std::string::npos);
  // A regular file's repro line is the plain command.
  const TempDir dir("repro-file");
  consim_test::write_file(dir / "s.json", run_consim({"gen", "--nodes", "3", "--seed", "2"}).out);
  const auto file = run_consim({"run", dir.str("s.json"), "--quiet"});
  CHECK(file.out.find("repro: consim run " + dir.str("s.json") + " --seed 2\n") != std::string::npos);
}

TEST_CASE("sweep CLI: a failing seed of sweep --scenario is one run of run and gen and shrink --scenario",
          "[sweep][cli]") {
  const TempDir dir("swept-file");
  const std::string file = std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json";
  const auto sweep = run_consim({"sweep", "--scenario", file, "--seeds", "1..40", "--jobs", "2", "--bug",
                                 "raft.no-up-to-date-check", "--json"});
  REQUIRE(sweep.exit_code == 1);
  const json failure = json::parse(sweep.out)["failures"][0];
  const std::string seed = std::to_string(failure["seed"].get<uint64_t>());
  // The repro line is a run, not a one-seed sweep.
  CHECK(failure["repro"] == "consim run --scenario " + file + " --seed " + seed + " --bug raft.no-up-to-date-check");
  const std::vector<std::string> same{"--scenario", file, "--seed", seed, "--bug", "raft.no-up-to-date-check"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), same.begin(), same.end());
    return run_consim(args);
  };
  const auto run = with({"run", "--json"});
  CHECK(run.exit_code == 1);
  CHECK(trace_hash_of(run) == failure["trace_hash"]);
  const auto gen = with({"gen"});
  REQUIRE(gen.exit_code == 0);
  consim_test::write_file(dir / "s.json", gen.out);
  CHECK(trace_hash_of(run_consim({"run", dir.str("s.json"), "--json"})) == failure["trace_hash"]);
  const auto shrink = with({"shrink", "--out", dir.str("min.json")});
  CHECK(shrink.exit_code == 0);
  CHECK(run_consim({"run", dir.str("min.json")}).exit_code == 0);  // it expects the violation it shows
  // The cluster comes from the file.
  CHECK(run_consim({"run", "--scenario", file, "--nodes", "3"}).exit_code == 2);
  CHECK(run_consim({"run", file, "--scenario", file}).exit_code == 2);
}
