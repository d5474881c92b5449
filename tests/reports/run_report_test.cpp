// `consim run --report`: the HTML report as a file, checked without a browser
// (tests/support/report_browser_test.sh loads it in Chromium).
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/support/html_report.h"
#include "tests/support/run_consim.h"

namespace {

using consim_test::run_consim;
using consim_test::slurp;
using consim_test::TempDir;

std::string library(const std::string& name) { return std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/" + name; }

TEST_CASE("run report is one self-contained file with the repro command and a lane for every node", "[reports][html]") {
  const TempDir dir("report");
  const auto r = run_consim({"run", library("raft-leader-crash.json"), "--report", dir.str("run.html")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = slurp(dir / "run.html");
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_FALSE(consim_test::fetches_anything(html));
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("consim run " + library("raft-leader-crash.json") + " --seed 1"));
  CHECK_THAT(html, Catch::Contains("<h2>Expectations</h2>") && Catch::Contains("<h2>Statistics</h2>"));

  const auto data = consim_test::embedded_json(html, "run-data");
  REQUIRE(data.is_object());
  const int nodes = data["run"]["nodes"].get<int>();
  REQUIRE(nodes == 5);
  std::set<int> up, with_role;
  for (const auto& s : data["up"]) up.insert(s[0].get<int>());
  for (const auto& s : data["roles"]) with_role.insert(s[0].get<int>());
  CHECK(up == std::set<int>{1, 2, 3, 4, 5});
  CHECK(with_role == std::set<int>{1, 2, 3, 4, 5});
  CHECK(data["elections"].size() >= 2);  // the first leader, and the one after its crash
  CHECK(data["down"].size() >= 1);
  CHECK(data["messages"]["arrows"].size() >= data["messages"]["sent"].get<size_t>());  // a short run keeps them all
  CHECK(data["focus"].is_null());
  CHECK(data["violations"].empty());
}

TEST_CASE("run report of a linearizability bug opens at the violation with its witness operations", "[reports][html]") {
  const TempDir dir("report");
  const auto r = run_consim({"run", library("raft-bug-local-read.json"), "--report", dir.str("run.html")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);  // the scenario expects the violation
  const std::string html = slurp(dir / "run.html");
  CHECK_THAT(html, Catch::Contains("id=\"violation-0\"") && Catch::Contains("<b>linearizability</b>"));
  const auto data = consim_test::embedded_json(html, "run-data");
  REQUIRE(data["violations"].size() == 1);
  const auto& v = data["violations"][0];
  CHECK(v["invariant"] == "linearizability");
  REQUIRE(v["witness"].size() >= 2);
  const double first_invoke = v["witness"][0]["invoke_ms"].get<double>();
  CHECK(v["witness"][0]["client"].get<int>() >= 1);
  REQUIRE(data["focus"].is_array());
  CHECK(data["focus"][0].get<double>() <= first_invoke);
  CHECK(data["focus"][1].get<double>() >= v["time_ms"].get<double>());
  // Each witness operation appears in the table too.
  for (const auto& op : v["witness"]) CHECK_THAT(html, Catch::Contains("<td>" + op["op"].get<std::string>() + "</td>"));
}

TEST_CASE("run report of a log matching bug marks the violation and the nodes involved", "[reports][html]") {
  const TempDir dir("report");
  const auto r = run_consim({"run", library("raft-bug-skip-log-matching.json"), "--report", dir.str("run.html")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto data = consim_test::embedded_json(slurp(dir / "run.html"), "run-data");
  REQUIRE(data["violations"].size() >= 1);
  CHECK(data["violations"][0]["invariant"] == "log_matching");
  CHECK(data["violations"][0]["nodes"].size() == 2);
  REQUIRE(data["focus"].is_array());
  const double t = data["violations"][0]["time_ms"].get<double>();
  CHECK(data["focus"][0].get<double>() < t);
  CHECK(data["focus"][1].get<double>() > t);
}

TEST_CASE("a 60 s run gives a report under 3 MB that still shows every node and fault", "[reports][html]") {
  const TempDir dir("report");
  const auto r = run_consim({"run", "--protocol", "raft", "--nodes", "5", "--seed", "1", "--duration-ms", "60000",
                             "--report", dir.str("run.html")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto size = std::filesystem::file_size(dir / "run.html");
  INFO("report size " << size << " bytes");
  CHECK(size < 3'000'000);
  const auto data = consim_test::embedded_json(slurp(dir / "run.html"), "run-data");
  REQUIRE(data.is_object());
  CHECK(data["end_ms"].get<double>() == 60000);
  CHECK(data["faults"].size() > 20);
  CHECK(data["series"]["commits"].size() >= 100);
  CHECK(data["messages"]["arrows"].size() <= 48'000);
}

TEST_CASE("a report path that cannot be written fails with exit 2 before the run", "[reports][html]") {
  const auto r = run_consim({"run", library("raft-leader-crash.json"), "--report", "/nonexistent-dir/run.html"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("/nonexistent-dir/run.html"));
  CHECK(r.out.empty());
  const auto p = run_consim({"run", library("raft-leader-crash.json"), "--perfetto", "/nonexistent-dir/p.json"});
  CHECK(p.exit_code == 2);
  CHECK_THAT(p.err, Catch::Contains("/nonexistent-dir/p.json"));
}

TEST_CASE("the same run gives the same report apart from its wall-clock time", "[reports][html]") {
  const TempDir dir("report");
  for (const char* name : {"a.html", "b.html"}) {
    const auto r = run_consim({"run", library("raft-minority-leader-partition.json"), "--report", dir.str(name)});
    REQUIRE(r.exit_code == 0);
  }
  const std::regex wall("wall_ms [0-9.]+");
  const std::string a = std::regex_replace(slurp(dir / "a.html"), wall, "wall_ms X");
  const std::string b = std::regex_replace(slurp(dir / "b.html"), wall, "wall_ms X");
  CHECK(a.size() > 10'000);
  CHECK(a == b);
}

TEST_CASE("with --report the --trace file still holds the whole trace", "[reports][html]") {
  const TempDir dir("report");
  const auto plain = run_consim({"run", library("raft-leader-crash.json"), "--trace", dir.str("plain.jsonl")});
  const auto both = run_consim({"run", library("raft-leader-crash.json"), "--trace", dir.str("both.jsonl"), "--report",
                                dir.str("run.html"), "--perfetto", dir.str("run.json")});
  REQUIRE(plain.exit_code == 0);
  REQUIRE(both.exit_code == 0);
  const std::string trace = slurp(dir / "plain.jsonl");
  CHECK(trace.size() > 1000);
  CHECK(trace == slurp(dir / "both.jsonl"));
}

}  // namespace
