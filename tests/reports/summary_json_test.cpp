// The run summary as JSON (reports/summary_json.h): the
// linearizability verdict's names, and a linearizability violation's witness
// as data beside its detail.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "reports/summary_json.h"
#include "tests/support/run_consim.h"

namespace {

using namespace consim;

TEST_CASE("summary: the linearizability verdict has one name each way", "[reports][summary]") {
  for (LinVerdict v : {LinVerdict::kNotApplicable, LinVerdict::kOk, LinVerdict::kViolation, LinVerdict::kUnknown})
    CHECK(lin_verdict_from_name(lin_verdict_name(v)) == v);
  CHECK(lin_verdict_name(LinVerdict::kNotApplicable) == "n/a");
  CHECK(lin_verdict_name(LinVerdict::kOk) == "ok");
  CHECK(lin_verdict_name(LinVerdict::kViolation) == "violation");
  CHECK(lin_verdict_name(LinVerdict::kUnknown) == "unknown");
  CHECK_FALSE(lin_verdict_from_name("yes"));
  Summary s;
  CHECK(summary_to_json(s)["linearizability"]["verdict"] == "n/a");
}

TEST_CASE("summary: a linearizability violation carries its witness operations and no other violation does", "[reports][summary]") {
  Summary s;
  Violation lin{Invariant::kLinearizability, Time::from_ms(12), {1, 2}, "key k1: ..."};
  lin.witness.push_back(WitnessOp{"put k1=v1", 2, 3, Time::from_ms(10), Time::from_ms(12), 1, "v1"});
  lin.witness.push_back(WitnessOp{"get k1", 1, 4, Time::from_ms(11.5), std::nullopt, 2, ""});
  s.violations.push_back(lin);
  s.violations.push_back(Violation{Invariant::kElectionSafety, Time::from_ms(20), {1, 2}, "both leader in term 3"});
  const nlohmann::ordered_json j = summary_to_json(s);
  const auto& witness = j["violations"][0]["witness"];
  REQUIRE(witness.size() == 2);
  CHECK(witness[0] == nlohmann::ordered_json::parse(
                          R"({"op": "put k1=v1", "client": 2, "seq": 3, "invoke_ms": 10.0, "complete_ms": 12.0,
                              "node": 1, "answer": "v1"})"));
  CHECK(witness[1]["complete_ms"].is_null());
  CHECK(witness[1]["answer"] == "");
  CHECK(j["violations"][0]["detail"] == "key k1: ...");
  CHECK_FALSE(j["violations"][1].contains("witness"));
}

TEST_CASE("summary: run --json of a linearizability bug lists the witness its detail names", "[reports][summary]") {
  const auto r = consim_test::run_consim(
      {"run", std::string(CONSIM_SOURCE_DIR) + "/scenarios/library/raft-bug-local-read.json", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);  // the scenario expects the violation
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["violations"].size() == 1);
  const auto& v = j["violations"][0];
  CHECK(v["invariant"] == "linearizability");
  CHECK(j["linearizability"]["verdict"] == "violation");
  REQUIRE(v["witness"].size() >= 2);
  const std::string detail = v["detail"].get<std::string>();
  for (const auto& op : v["witness"]) {
    const std::string named = op["op"].get<std::string>() + " (client " + std::to_string(op["client"].get<int>()) +
                              ", seq " + std::to_string(op["seq"].get<uint64_t>()) + ")";
    CHECK_THAT(detail, Catch::Contains(named));
  }
}

}  // namespace
