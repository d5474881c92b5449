// consim merge refuses what would make its verdict wrong (the real binary):
// files of different sweeps in either order, a Raft sweep with a Multi-Paxos
// one, shards that leave seeds of the range out, an empty file, a file
// without its header, one seed with two results. Each refusal is exit 2 and
// names the file and line, or the seeds and shards missing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_consim.h"

using consim_test::run_consim;
using consim_test::TempDir;
using nlohmann::json;

namespace {

// A small sweep's --out file: 3-node runs of 3 s, seeds 1..8 unless told.
std::string sweep_to(const TempDir& dir, const std::string& name, std::vector<std::string> extra) {
  std::vector<std::string> args{"sweep", "--nodes", "3", "--duration-ms", "3000", "--jobs", "1", "--quiet",
                                "--out", dir.str(name)};
  if (std::find(extra.begin(), extra.end(), "--seeds") == extra.end()) extra.insert(extra.end(), {"--seeds", "1..8"});
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_consim(args);
  REQUIRE(r.exit_code <= 1);
  return dir.str(name);
}

std::vector<std::string> lines_of(const std::string& file) {
  std::vector<std::string> lines;
  std::istringstream in(consim_test::slurp(file));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

}  // namespace

TEST_CASE("merge: files of a sweep without and with a bug refuse in either order", "[merge][cli]") {
  const TempDir dir("merge-bug");
  const auto nobug = sweep_to(dir, "nobug.jsonl", {});
  const auto bug = sweep_to(dir, "bug.jsonl", {"--bug", "raft.apply-uncommitted"});
  for (const auto& [first, second] : {std::pair{nobug, bug}, std::pair{bug, nobug}}) {
    const auto r = run_consim({"merge", first, second, "--out", dir.str("merged.jsonl")});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.starts_with("error: consim merge: " + first + " and " + second + " are not shards of one sweep: bugs: "));
    CHECK_FALSE(std::filesystem::exists(dir / "merged.jsonl"));
  }
}

TEST_CASE("merge: a Raft sweep and a Multi-Paxos sweep refuse", "[merge][cli]") {
  const TempDir dir("merge-protocols");
  const auto raft = sweep_to(dir, "raft.jsonl", {"--shard", "0/2"});
  const auto paxos = sweep_to(dir, "paxos.jsonl", {"--shard", "1/2", "--protocol", "multi-paxos"});
  const auto r = run_consim({"merge", raft, paxos});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: consim merge: " + raft + " and " + paxos +
                     " are not shards of one sweep: protocol: \"raft\" against \"multi-paxos\"\n");
  // Nor do two seed ranges, or two durations.
  const auto other_range = sweep_to(dir, "range.jsonl", {"--shard", "1/2", "--seeds", "1..9"});
  CHECK(run_consim({"merge", raft, other_range}).err.find("seeds: \"1..8\" against \"1..9\"") != std::string::npos);
}

TEST_CASE("merge: shards 0 and 2 of 4 refuse and name the seeds and shards missing", "[merge][cli]") {
  const TempDir dir("merge-gaps");
  const auto s0 = sweep_to(dir, "s0.jsonl", {"--shard", "0/4"});
  const auto s2 = sweep_to(dir, "s2.jsonl", {"--shard", "2/4"});
  const auto r = run_consim({"merge", s0, s2});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.starts_with("error: consim merge: 4 of the 8 seeds of 1..8 are missing (seeds 2, 4, 6, 8); "
                          "no file holds shard 1/4, 3/4\n"));
  // All four, in any order: the verdict of one sweep.
  const auto s1 = sweep_to(dir, "s1.jsonl", {"--shard", "1/4"});
  const auto s3 = sweep_to(dir, "s3.jsonl", {"--shard", "3/4"});
  CHECK(run_consim({"merge", s3, s1, s0, s2}).exit_code == 0);
  // A shard cut short (an interrupted sweep) is missing seeds too.
  auto cut = lines_of(s3);
  cut.pop_back();
  consim_test::write_file(dir / "cut.jsonl", joined(cut));
  const auto short_shard = run_consim({"merge", s0, s1, s2, dir.str("cut.jsonl")});
  CHECK(short_shard.exit_code == 2);
  CHECK(short_shard.err.starts_with("error: consim merge: 1 of the 8 seeds of 1..8 are missing (seeds 8); a shard's file is incomplete"));
}

TEST_CASE("merge: an empty file and a file without its header and a seed outside its shard refuse", "[merge][cli]") {
  const TempDir dir("merge-files");
  const auto whole = sweep_to(dir, "whole.jsonl", {});
  consim_test::write_file(dir / "empty.jsonl", "");
  const auto empty = run_consim({"merge", dir.str("empty.jsonl")});
  CHECK(empty.exit_code == 2);
  CHECK(empty.err == "error: consim merge: " + dir.str("empty.jsonl") + ": empty; expected the --out file of a `consim sweep`\n");

  auto lines = lines_of(whole);
  consim_test::write_file(dir / "headless.jsonl", joined({lines.begin() + 1, lines.end()}));
  const auto headless = run_consim({"merge", dir.str("headless.jsonl")});
  CHECK(headless.exit_code == 2);
  CHECK(headless.err.starts_with("error: consim merge: " + dir.str("headless.jsonl") + ":1: expected the sweep header"));

  // Seed 2 in a file whose header says shard 0/2 (seeds 1, 3, 5, 7).
  const auto half = sweep_to(dir, "half.jsonl", {"--shard", "0/2"});
  auto wrong = lines_of(half);
  wrong.push_back(lines[2]);
  consim_test::write_file(dir / "wrong.jsonl", joined(wrong));
  const auto outside = run_consim({"merge", dir.str("wrong.jsonl")});
  CHECK(outside.exit_code == 2);
  CHECK(outside.err == "error: consim merge: " + dir.str("wrong.jsonl") + ":6: seed 2 is not in shard 0/2 of seeds 1..8, as its "
                                                             "header says\n");
}

TEST_CASE("merge: a seed twice counts once unless its two results differ", "[merge][cli]") {
  const TempDir dir("merge-duplicates");
  const auto whole = sweep_to(dir, "whole.jsonl", {});
  const auto once = run_consim({"merge", whole, "--json"});
  const auto twice = run_consim({"merge", whole, whole, "--json"});
  REQUIRE(once.exit_code == 0);
  CHECK(twice.exit_code == 0);
  CHECK(json::parse(twice.out)["seeds"] == 8);
  CHECK(json::parse(twice.out)["swept"] == json::parse(once.out)["swept"]);

  // Seed 3 of a copy says it failed.
  auto lines = lines_of(whole);
  const auto at = lines[3].find(R"("result":"pass")");
  REQUIRE(at != std::string::npos);
  lines[3].replace(at, 15, R"("result":"fail")");
  consim_test::write_file(dir / "other.jsonl", joined(lines));
  const auto r = run_consim({"merge", whole, dir.str("other.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: consim merge: " + dir.str("other.jsonl") + ":4: seed 3 has a different result from " + whole +
                     ":4; these are not runs of one sweep\n");
}

TEST_CASE("merge: --out starts with the header of one sweep of the whole range", "[merge][cli]") {
  const TempDir dir("merge-header");
  const auto whole = sweep_to(dir, "whole.jsonl", {"--bug", "raft.apply-uncommitted"});
  const auto a = sweep_to(dir, "a.jsonl", {"--bug", "raft.apply-uncommitted", "--shard", "0/2"});
  const auto b = sweep_to(dir, "b.jsonl", {"--bug", "raft.apply-uncommitted", "--shard", "1/2"});
  REQUIRE(run_consim({"merge", b, a, "--out", dir.str("merged.jsonl")}).exit_code <= 1);
  const json header = json::parse(lines_of(dir.str("merged.jsonl"))[0]);
  CHECK(header == json::parse(lines_of(whole)[0]));
  const json& swept = header["sweep"];
  CHECK(swept["protocol"] == "raft");
  CHECK(swept["nodes"] == 3);
  CHECK(swept["duration_ms"] == 3000.0);
  CHECK(swept["faults"] == "all");
  CHECK(swept["bugs"] == json::array({"raft.apply-uncommitted"}));
  CHECK(swept["seeds"] == "1..8");
  CHECK(swept["shard"] == "0/1");
  CHECK(swept["consim_version"].get<std::string>().find('.') != std::string::npos);
}

TEST_CASE("merge: a header declaring more seeds than a sweep takes is refused - never an empty pass", "[merge][cli]") {
  const TempDir dir("merge-huge");
  consim_test::write_file(dir / "huge.jsonl",
                          R"({"sweep": {"protocol": "raft", "seeds": "0..18446744073709551615", "shard": "0/1"}})"
                          "\n");
  const auto r = run_consim({"merge", dir.str("huge.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.starts_with("error: consim merge: " + dir.str("huge.jsonl") + ":1: expected the sweep header"));
}
