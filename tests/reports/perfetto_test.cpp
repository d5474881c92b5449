// `consim run --perfetto`: Chrome trace-event JSON, one track per node.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/support/run_consim.h"

namespace {

using consim_test::run_consim;
using consim_test::slurp;
using consim_test::TempDir;

nlohmann::json perfetto_of(const std::vector<std::string>& run_args, const TempDir& dir) {
  std::vector<std::string> args = run_args;
  args.push_back("--perfetto");
  args.push_back(dir.str("trace.json"));
  const auto r = run_consim(args);
  INFO(r.err);
  REQUIRE(r.exit_code <= 1);
  return nlohmann::json::parse(slurp(dir / "trace.json"));
}

TEST_CASE("perfetto export names one track per node and joins sends to deliveries with flows", "[reports][perfetto]") {
  const TempDir dir("perfetto");
  const auto j =
      perfetto_of({"run", std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json"}, dir);
  REQUIRE(j.contains("traceEvents"));
  CHECK(j["displayTimeUnit"] == "ms");
  CHECK_THAT(j["otherData"]["repro"].get<std::string>(), Catch::StartsWith("consim run "));
  std::map<int, std::string> thread_names;  // of process 1, the cluster
  std::map<int, int> open_slices;           // per node: B minus E
  std::set<uint64_t> flow_starts;
  size_t flow_ends = 0, unmatched_ends = 0, roles = 0;
  std::set<int> tracks_with_roles;
  for (const auto& e : j["traceEvents"]) {
    const std::string ph = e["ph"];
    if (ph == "M" && e["name"] == "thread_name" && e["pid"] == 1)
      thread_names[e["tid"].get<int>()] = e["args"]["name"].get<std::string>();
    if (ph == "B") {
      ++open_slices[e["tid"].get<int>()];
      if (e["args"].contains("role")) {
        ++roles;
        tracks_with_roles.insert(e["tid"].get<int>());
      }
    }
    if (ph == "E") --open_slices[e["tid"].get<int>()];
    if (ph == "s") flow_starts.insert(e["id"].get<uint64_t>());
    if (ph == "f") {
      ++flow_ends;
      if (flow_starts.count(e["id"].get<uint64_t>()) == 0) ++unmatched_ends;
    }
  }
  CHECK(thread_names ==
        std::map<int, std::string>{{1, "node 1"}, {2, "node 2"}, {3, "node 3"}, {4, "node 4"}, {5, "node 5"}});
  for (const auto& [tid, open] : open_slices) CHECK(open == 0);
  CHECK(tracks_with_roles == std::set<int>{1, 2, 3, 4, 5});
  CHECK(roles >= 5);
  CHECK(flow_starts.size() > 100);
  CHECK(flow_ends >= flow_starts.size() / 2);
  CHECK(unmatched_ends == 0);
}

TEST_CASE("perfetto export shows crashes and faults of a run", "[reports][perfetto]") {
  const TempDir dir("perfetto");
  const auto j =
      perfetto_of({"run", std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-leader-crash.json"}, dir);
  bool crashed = false, fault = false, client_op = false;
  for (const auto& e : j["traceEvents"]) {
    if (e["ph"] == "B" && e["name"] == "crashed") crashed = true;
    if (e["ph"] == "i" && e.value("cat", "") == "fault") fault = true;
    if (e["ph"] == "X" && e.value("cat", "") == "client") client_op = true;
  }
  CHECK(crashed);
  CHECK(fault);
  CHECK(client_op);
}

TEST_CASE("perfetto export of a bug run carries the violation as a global instant", "[reports][perfetto]") {
  const TempDir dir("perfetto");
  const auto j =
      perfetto_of({"run", std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-bug-skip-log-matching.json"}, dir);
  size_t violations = 0;
  for (const auto& e : j["traceEvents"])
    if (e["ph"] == "i" && e.value("cat", "") == "violation") {
      ++violations;
      CHECK(e["s"] == "g");
      CHECK_THAT(e["name"].get<std::string>(), Catch::StartsWith("VIOLATION "));
    }
  CHECK(violations >= 1);
}

}  // namespace
