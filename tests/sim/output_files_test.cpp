// Output files (--trace, --history, --out) as a user meets them: a path that
// cannot be written is exit 2 before anything runs, and a file appears under
// its name only when it is whole (written to a temporary name in the same
// directory and renamed), so a partial file never looks complete.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/run_consim.h"
#include "tests/sim/support/child_process.h"

namespace {

namespace fs = std::filesystem;
using consim_test::run_consim;
using consim_test::TempDir;

const std::string kScenario = std::string(CONSIM_SOURCE_DIR) + "/tests/scenarios/good/minimal.json";
const std::string kBadScenario = std::string(CONSIM_SOURCE_DIR) + "/tests/scenarios/bad/nodes-zero.json";

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("output files: a path that cannot be written is exit 2 before anything runs", "[output]") {
  const TempDir dir("output-unwritable");
  const std::string missing_dir = dir.str("no-such-dir/out.jsonl");
  const std::string summaries = dir.str("sweep.jsonl");
  REQUIRE(run_consim({"sweep", "--seeds", "1..2", "--jobs", "1", "--out", summaries}).exit_code == 0);

  const std::vector<std::vector<std::string>> commands{
      {"run", kScenario, "--trace", missing_dir},
      {"run", kScenario, "--history", missing_dir},
      {"sweep", "--seeds", "1..2", "--out", missing_dir},
      {"merge", summaries, "--out", missing_dir},
      {"shrink", kScenario, "--out", missing_dir},
  };
  for (const auto& args : commands) {
    INFO(args[0] << " " << args[args.size() - 2]);
    const auto r = run_consim(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());  // no summary: nothing ran
    CHECK(r.err == "error: consim " + args[0] + ": cannot write " + missing_dir + ": No such file or directory\n");
  }
  const auto into_dir = run_consim({"run", kScenario, "--trace", dir.str("")});
  CHECK(into_dir.exit_code == 2);
  CHECK(into_dir.err.find(": is a directory") != std::string::npos);
  CHECK(names_in(dir / "") == std::vector<std::string>{"sweep.jsonl"});
}

TEST_CASE("output files: a finished run renames its trace and history into place", "[output]") {
  const TempDir dir("output-complete");
  const auto r = run_consim({"run", kScenario, "--trace", dir.str("t.jsonl"), "--history", dir.str("h.jsonl")});
  CHECK(r.exit_code == 0);
  CHECK(names_in(dir / "") == std::vector<std::string>{"h.jsonl", "t.jsonl"});
  const std::string trace = consim_test::slurp(dir / "t.jsonl");
  CHECK(trace.find("\"kind\":\"start\"") != std::string::npos);
  CHECK(trace.ends_with("\"kind\":\"end\"}\n"));
}

TEST_CASE("output files: a replaced file keeps its permissions", "[output]") {
  const TempDir dir("output-permissions");
  const std::string file = dir.str("t.jsonl");
  consim_test::write_file(file, "old\n");
  REQUIRE(chmod(file.c_str(), 0600) == 0);
  CHECK(run_consim({"run", kScenario, "--trace", file}).exit_code == 0);
  CHECK(consim_test::slurp(file) != "old\n");
  CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("output files: bad input leaves an existing output file as it was", "[output]") {
  const TempDir dir("output-untouched");
  consim_test::write_file(dir / "t.jsonl", "the previous run\n");
  const auto r = run_consim({"run", kBadScenario, "--trace", dir.str("t.jsonl"), "--history", dir.str("h.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK(consim_test::slurp(dir / "t.jsonl") == "the previous run\n");
  CHECK(names_in(dir / "") == std::vector<std::string>{"t.jsonl"});
}

TEST_CASE("output files: a device such as /dev/null is written in place - never replaced", "[output]") {
  if (!fs::exists("/dev/null")) return;
  const auto r = run_consim({"run", kScenario, "--trace", "/dev/null"});
  CHECK(r.exit_code == 0);
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("output files: a write that fails is an error - not a silent short file", "[output]") {
  // /dev/full takes the open and fails every write with ENOSPC.
  if (!fs::exists("/dev/full")) return;
  const auto r = run_consim({"run", kScenario, "--trace", "/dev/full"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "error: consim run: cannot write /dev/full: No space left on device\n");
}

TEST_CASE("output files: a read-only existing file is exit 2 before the run", "[output]") {
  const TempDir dir("output-read-only");
  const std::string file = dir.str("t.jsonl");
  consim_test::write_file(file, "keep\n");
  REQUIRE(chmod(file.c_str(), 0444) == 0);
  if (access(file.c_str(), W_OK) == 0) {
    WARN("this process may write a read-only file (running as root?): the permission case is not checked here");
  } else {
    const auto r = run_consim({"run", kScenario, "--trace", file});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "error: consim run: cannot write " + file + ": Permission denied\n");
    CHECK(consim_test::slurp(file) == "keep\n");
  }
  chmod(file.c_str(), 0644);
}

TEST_CASE("output files: a run killed by Ctrl-C leaves neither its trace nor a temporary file", "[output]") {
  const TempDir dir("output-interrupted");
  // A day of a busy cluster: far longer than the test waits.
  consim_test::write_file(dir / "long.json", R"({"name": "long", "protocol": "raft", "nodes": 5,
      "duration_ms": 86400000, "workload": {"clients": 50, "think_ms": 0}})");
  consim_test::ChildProcess child({CONSIM_BINARY, "run", dir.str("long.json"), "--trace", dir.str("t.jsonl")},
                                  dir.str("stdout"), dir.str("stderr"));
  REQUIRE(child.started());
  REQUIRE(consim_test::wait_for_file(dir / "", ".consim-tmp-", 1, std::chrono::seconds(60)));
  child.signal_it(SIGINT);
  const int status = child.wait_for_exit(std::chrono::seconds(60));
  REQUIRE(status != -1);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  CHECK(names_in(dir / "") == std::vector<std::string>{"long.json", "stderr", "stdout"});
}

TEST_CASE("output files: stdout holds one thing - the --json summary or one dash file and never two", "[output]") {
  const TempDir dir("output-stdout");
  const std::vector<std::pair<std::vector<std::string>, std::string>> refused{
      {{"run", kScenario, "--json", "--trace", "-"}, "--json and --trace - both"},
      {{"run", kScenario, "--json", "--history", "-"}, "--json and --history - both"},
      {{"run", kScenario, "--trace", "-", "--history", "-"}, "--trace - and --history - both"},
      {{"run", kScenario, "--json", "--trace", "-", "--report", "-"}, "--json and --trace - and --report - all"},
      {{"sweep", "--seeds", "1..2", "--json", "--out", "-"}, "--json and --out - both"},
      {{"merge", dir.str("any.jsonl"), "--json", "--out", "-"}, "--json and --out - both"},
  };
  for (const auto& [args, claims] : refused) {
    INFO(args[0] << " " << claims);
    const auto r = run_consim(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());  // nothing ran
    CHECK(r.err == "error: consim " + args[0] + ": " + claims + " write to stdout, which holds one of them; give the others a file\n");
  }
  // One '-' file: stdout is that file alone, the human summary on stderr.
  const auto trace = run_consim({"run", kScenario, "--trace", "-"});
  CHECK(trace.exit_code == 0);
  CHECK(trace.out.starts_with("{"));
  CHECK(trace.out.find("PASS") == std::string::npos);
  CHECK(trace.err.starts_with("PASS "));
  const auto out = run_consim({"sweep", "--seeds", "1..2", "--jobs", "1", "--out", "-"});
  CHECK(out.exit_code == 0);
  CHECK(out.out.starts_with("{\"sweep\":{"));
  CHECK(std::count(out.out.begin(), out.out.end(), '\n') == 3);
  CHECK(out.err.starts_with("PASS 2 seeds: "));
}
