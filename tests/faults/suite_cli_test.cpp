// consim suite as a user runs it (the real binary): an invalid file is
// reported and counted while the others run; a file named twice runs once;
// --json and --quiet; the bundled library found from any folder.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/run_consim.h"

using consim_test::run_consim;
using consim_test::TempDir;
using nlohmann::json;

namespace {

const std::string kGood = std::string(CONSIM_SOURCE_DIR) + "/tests/scenarios/good/minimal.json";
const std::string kBad = std::string(CONSIM_SOURCE_DIR) + "/tests/scenarios/bad/nodes-zero.json";
const std::string kLeaderCrash = std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json";

}  // namespace

TEST_CASE("suite: an invalid file is reported and counted and the others still run - exit 2", "[suite][cli]") {
  const auto r = run_consim({"suite", kGood, kBad, kLeaderCrash});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(kBad + ": /nodes: ") != std::string::npos);
  CHECK(r.out.find("pass    " + kGood) != std::string::npos);
  CHECK(r.out.find("invalid " + kBad) != std::string::npos);
  CHECK(r.out.find("pass    " + kLeaderCrash) != std::string::npos);
  CHECK(r.out.find("\nINVALID: 2 of 3 scenarios passed, 1 invalid (not run) (") != std::string::npos);
  CHECK(r.out.find("  " + kBad + ": invalid, not run") != std::string::npos);
}

TEST_CASE("suite: a file named twice runs once", "[suite][cli]") {
  const auto r = run_consim({"suite", kGood, kGood, "--json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["scenarios"] == 1);
  CHECK(j["runs"][0]["file"] == kGood);
}

TEST_CASE("suite: --json is one object with every run and every invalid file", "[suite][cli]") {
  const auto r = run_consim({"suite", kLeaderCrash, kBad, "--json"});
  CHECK(r.exit_code == 2);
  const json j = json::parse(r.out);
  CHECK(j["result"] == "invalid");
  CHECK(j["scenarios"] == 2);
  CHECK(j["passed"] == 1);
  CHECK(j["invalid"] == 1);
  CHECK(j["runs"][0]["scenario"] == "raft-leader-crash");
  CHECK(j["runs"][0]["trace_hash"].get<std::string>().size() == 16);
  CHECK(j["invalid_files"][0]["file"] == kBad);
  CHECK(j["invalid_files"][0]["errors"][0].get<std::string>().starts_with(kBad + ": /nodes: "));
}

TEST_CASE("suite: --quiet prints the verdict and what failed only", "[suite][cli]") {
  const auto r = run_consim({"suite", kGood, "--quiet"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with("PASS: 1 of 1 scenarios passed ("));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
}

TEST_CASE("suite: with no path it finds the bundled library from any folder", "[suite][cli]") {
  const TempDir dir("suite-elsewhere");
  const auto r = consim_test::run_shell("cd " + consim_test::shell_quote(dir.str("")) + " && " +
                                        consim_test::shell_quote(CONSIM_BINARY) + " suite --json");
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["scenarios"].get<int>() >= 30);
  CHECK(j["failed"] == 0);
}
