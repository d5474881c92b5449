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

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_CASE("sweep report of many failures opens on its summary - one row per seed and the rest behind show all",
          "[reports][sweep]") {
  const TempDir dir("sweep-report-many");
  const auto r = run_consim({"sweep", "--seeds", "1..300", "--jobs", "2", "--nodes", "3", "--bug",
                             "raft.apply-uncommitted", "--json", "--report", dir.str("sweep.html")});
  REQUIRE(r.exit_code == 1);
  const auto summary = nlohmann::json::parse(r.out);
  const size_t failed = summary["failed"].get<size_t>();
  REQUIRE(failed > 20);
  const std::string html = slurp(dir / "sweep.html");
  // One row per failing seed, whatever the number of invariants it broke.
  CHECK(count_of(html, "<tr id=\"seed-") == failed);
  for (const auto& f : summary["failures"]) {
    INFO(f["seed"]);
    CHECK(count_of(html, "<tr id=\"seed-" + std::to_string(f["seed"].get<uint64_t>()) + "\">") == 1);
  }
  // The first 20 in view, the rest in a closed "show all".
  const size_t more = html.find("<details id=\"more-seeds\"><summary>show all " + std::to_string(failed));
  REQUIRE(more != std::string::npos);
  CHECK(count_of(html.substr(0, more), "<tr id=\"seed-") == 20);
  // Each invariant's seeds are a closed section the bars link to; its rows link to the seed's row.
  for (const auto& [name, count] : summary["by_invariant"].items()) {
    INFO(name);
    CHECK(count_of(html, "<details id=\"invariant-" + name + "\">") == 1);
  }
  CHECK_THAT(html, Catch::Contains("<a href=\"#seed-"));
  CHECK_THAT(html, Catch::Contains("href=\"#invariant-${esc(n)}\""));  // the bars, drawn by the script
}

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

TEST_CASE("sweep report has a coverage section - every probe with its seeds and the state x fault matrix",
          "[reports][sweep][coverage]") {
  const TempDir dir("sweep-coverage");
  const auto r = run_consim({"sweep", "--protocol", "raft", "--seeds", "1..10", "--faults", "none", "--jobs", "2",
                             "--report", dir.str("sweep.html"), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = slurp(dir / "sweep.html");
  CHECK_THAT(html, Catch::Contains("<section id=\"coverage\">"));
  const auto report = nlohmann::json::parse(r.out);
  size_t never = 0;
  for (const auto& p : report["coverage"]["probes"]) {
    INFO(p["probe"]);
    CHECK(count_of(html, "<code>" + p["probe"].get<std::string>() + "</code>") == 1);
    never += p["seeds"] == 0 ? 1 : 0;
  }
  REQUIRE(never > 0);  // without faults, no log conflicts: some probes stay unhit
  CHECK(count_of(html, "<span class=\"bad\">never hit</span>") == never);
  CHECK(count_of(html, "<table class=\"coverage-matrix\">") == 1);
  CHECK(count_of(html, "<td>role <b>") == 5);
}
