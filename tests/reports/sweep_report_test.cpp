// `consim sweep --report`: failures by invariant with repro commands, and
// distributions across seeds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "tests/support/html_report.h"
#include "tests/support/run_consim.h"

namespace {

using consim_test::run_consim;
using consim_test::slurp;
using consim_test::TempDir;

TEST_CASE("sweep report lists each failing seed under its invariants with its repro command", "[reports][sweep]") {
  const TempDir dir("sweep-report");
  const auto r = run_consim({"sweep", "--seeds", "1..20", "--jobs", "2", "--bug", "raft.no-up-to-date-check", "--json",
                             "--report", dir.str("sweep.html"), "--out", dir.str("sweep.jsonl")});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  const auto summary = nlohmann::json::parse(r.out);
  const std::string html = slurp(dir / "sweep.html");
  CHECK_FALSE(consim_test::fetches_anything(html));
  CHECK(html.find("http://") == std::string::npos);
  REQUIRE(summary["failed"].get<int>() >= 1);
  for (const auto& f : summary["failures"]) {
    CHECK_THAT(html, Catch::Contains(">" + f["repro"].get<std::string>() + "</code>"));
    for (const auto& invariant : f["violations"])
      CHECK_THAT(html, Catch::Contains("id=\"invariant-" + invariant.get<std::string>() + "\""));
  }
  CHECK_THAT(html, Catch::Contains("consim sweep --protocol raft --nodes 5"));
  const auto data = consim_test::embedded_json(html, "sweep-data");
  REQUIRE(data.is_object());
  CHECK(data["seeds"] == 20);
  CHECK(data["by_invariant"] == summary["by_invariant"]);
  // --out still gets its header and every seed's summary.
  const std::string out = slurp(dir / "sweep.jsonl");
  CHECK(out.starts_with(R"({"sweep":{)"));
  CHECK(std::count(out.begin(), out.end(), '\n') == 21);
}

TEST_CASE("sweep report shows recovery and commit latency across seeds", "[reports][sweep]") {
  const TempDir dir("sweep-report");
  const auto r = run_consim({"sweep", "--seeds", "1..10", "--jobs", "2", "--report", dir.str("sweep.html")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = slurp(dir / "sweep.html");
  CHECK_THAT(html, Catch::Contains("Every seed passed"));
  const auto data = consim_test::embedded_json(html, "sweep-data");
  std::map<std::string, nlohmann::json> metrics;
  for (const auto& m : data["metrics"]) metrics[m["id"].get<std::string>()] = m;
  REQUIRE(metrics.count("recovery_max") == 1);
  CHECK(metrics["recovery_max"]["seeds"].get<int>() >= 5);  // generated schedules end with a heal
  CHECK(metrics["commit_p50"]["seeds"] == 10);
  uint64_t binned = 0;
  for (const auto& b : metrics["commit_p50"]["bins"]) binned += b[2].get<uint64_t>();
  CHECK(binned == 10);
  CHECK(metrics["commit_p50"]["p50"].get<double>() > 0);
  CHECK(metrics["recovery_max"]["worst"].size() >= 1);
  CHECK_THAT(metrics["recovery_max"]["worst"][0]["repro"].get<std::string>(), Catch::StartsWith("consim run "));
}

TEST_CASE("a sweep report path that cannot be written fails with exit 2 before any seed runs", "[reports][sweep]") {
  const auto r = run_consim({"sweep", "--seeds", "1..3", "--report", "/nonexistent-dir/s.html"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("/nonexistent-dir/s.html"));
}

}  // namespace
