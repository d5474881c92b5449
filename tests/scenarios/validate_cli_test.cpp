// `consim validate` as a user runs it: the real binary on files in
// tests/scenarios/bad (one broken rule each) and tests/scenarios/good.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/run_consim.h"

namespace {

namespace fs = std::filesystem;
using consim_test::CommandResult;
using consim_test::run_consim;

size_t count_lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

const fs::path kScenarioTests = fs::path(CONSIM_SOURCE_DIR) / "tests" / "scenarios";

// One rule of scenarios/README.md broken per file. `expected` is what stderr must
// show right after the file's path: the JSON path and the complaint, or
// line:column for text that is not JSON. `lines`: how many problems the file has.
struct BadFile {
  const char* file;
  const char* expected;
  size_t lines = 1;
};

const BadFile kBadFiles[] = {
    // Unknown and missing fields.
    {"unknown-top-level-field.json", ": /colour: unknown field \"colour\""},
    {"unknown-nested-field.json", ": /network/delai_ms: unknown field \"delai_ms\" (did you mean \"delay_ms\"?)"},
    {"typo-duraton-ms.json", ": /duraton_ms: unknown field \"duraton_ms\" (did you mean \"duration_ms\"?)", 2},
    {"unknown-config-key-for-protocol.json", ": /config/election_timeout_ms: unknown field \"election_timeout_ms\" for multi-paxos"},
    {"unknown-op.json", ": /workload/ops/delete: unknown field \"delete\""},
    {"unknown-field-for-fault-type.json", ": /faults/0/duration_ms: unknown field \"duration_ms\" for type \"crash\""},
    {"missing-name.json", ": /name: required field is missing"},
    {"missing-protocol.json", ": /protocol: required field is missing"},
    {"missing-nodes.json", ": /nodes: required field is missing"},
    {"missing-at-ms.json", ": /faults/0/at_ms: required field is missing"},
    // Not JSON, or JSON that is not one scenario object.
    {"syntax-error.json", ":4:1: invalid JSON: syntax error while parsing object key - unexpected '}'"},
    {"number-overflow.json", ":3:22: invalid JSON: number overflow parsing '1e999'"},
    {"duplicate-key.json", ": /nodes: field appears twice in one object"},
    {"empty.json", ": the file is empty"},
    {"top-level-array.json", ": expected an object (got ["},
    // Types and ranges.
    {"wrong-type-nodes.json", ": /nodes: expected an integer 1..64 (got \"five\")"},
    {"nodes-zero.json", ": /nodes: expected an integer 1..64 (got 0)"},
    {"nodes-above-64.json", ": /nodes: expected an integer 1..64 (got 65)"},
    {"empty-name.json", ": /name: expected a non-empty string"},
    {"description-not-string.json", ": /description: expected a string (got 42)"},
    {"unknown-protocol.json", ": /protocol: expected \"raft\", \"basic-paxos\" or \"multi-paxos\" (got \"pbft\")"},
    {"protocol-wrong-case.json",
     ": /protocol: expected \"raft\", \"basic-paxos\" or \"multi-paxos\" (got \"Raft\") (did you mean \"raft\"?)"},
    {"seed-negative.json", ": /seed: expected an integer 0..18446744073709551615 (got -1)"},
    {"seed-fraction.json", ": /seed: expected an integer 0..18446744073709551615 (got 1.5)"},
    {"seed-above-2-64.json", ": /seed: expected an integer 0..18446744073709551615 (got 1.8446744073709552e+19)"},
    {"zero-duration.json", ": /duration_ms: expected a duration in ms > 0"},
    {"reversed-range.json", ": /network/delay_ms: expected a range [min, max] with min <= max (got [10,1])"},
    {"retry-backoff-reversed.json", ": /config/retry_backoff_ms: expected a range [min, max] with min <= max"},
    {"election-timeout-zero.json", ": /config/election_timeout_ms/0: expected a duration in ms > 0"},
    {"max-entries-zero.json", ": /config/max_entries_per_message: expected an integer 1..1000000 (got 0)"},
    {"pre-vote-not-bool.json", ": /config/pre_vote: expected true or false (got \"yes\")"},
    {"negative-drop.json", ": /network/drop: expected a probability 0..1 (got -0.1)"},
    {"drop-above-one.json", ": /network/drop: expected a probability 0..1 (got 1.5)"},
    {"negative-sync.json", ": /storage/sync_ms: expected a duration in ms 0..1000000000 (got -1)"},
    {"lose-unsynced-not-bool.json", ": /storage/lose_unsynced: expected true or false (got 1)"},
    // Workload.
    {"clients-zero.json", ": /workload/clients: expected an integer 1..1000 (got 0)"},
    {"ops-all-zero.json", ": /workload/ops: expected at least one of \"put\", \"get\", \"append\" with a weight > 0"},
    {"start-after-stop.json", ": /workload/start_ms: expected start_ms <= stop_ms (500) (got 600)"},
    {"workload-timeout-zero.json", ": /workload/timeout_ms: expected a duration in ms > 0"},
    {"max-requests-zero.json", ": /workload/max_requests: expected an integer 1.."},
    // Faults.
    {"faults-not-array.json", ": /faults: expected an array of faults"},
    {"unknown-fault-type.json", ": /faults/0/type: expected a type: \"partition\""},
    {"negative-at-ms.json", ": /faults/0/at_ms: expected a time in ms 0..1000000000 (got -1)"},
    {"fault-node-out-of-range.json",
     ": /faults/0/node: expected a node id 1..5 or \"leader\", \"random\" or \"random-follower\" (got 9)"},
    {"unknown-selector.json", ": /faults/0/node: expected a node id 1..3 or \"leader\", \"random\" or \"random-follower\" (got \"follower\")"},
    {"restart-leader.json", ": /faults/0/node: expected a node id 1..3 or \"all\" (got \"leader\")"},
    {"node-in-two-groups.json", ": /faults/0/groups/1/0: node 1 is already in group 0"},
    {"two-rest-groups.json", ": /faults/0/groups/2: only one group may be \"rest\""},
    {"empty-group.json", ": /faults/0/groups/1: expected a non-empty array of nodes, or \"rest\" (got [])"},
    {"rest-inside-group.json", ": /faults/0/groups/0/1: expected a node id 1..3"},
    {"cut-from-equals-to.json", ": /faults/0/to: expected a node other than \"from\" (node 2) (got 2)"},
    {"cut-leader-to-leader.json", ": /faults/0/to: expected a node other than \"from\" (\"leader\")"},
    {"network-from-without-to.json", ": /faults/0/to: required field is missing (\"from\" and \"to\" go together"},
    {"network-fault-changes-nothing.json", ": /faults/0: a network fault needs at least one of"},
    {"pause-zero-duration.json", ": /faults/0/duration_ms: expected a duration in ms > 0"},
    {"clock-rate-zero.json", ": /faults/0/rate: expected a clock rate 0.001..1000 (got 0)"},
    // Expectations.
    {"unknown-expect-type.json", ": /expect/0/type: expected a type: \"leader_at\""},
    {"commits-without-min-max.json", ": /expect/0: commits needs \"min\" and/or \"max\""},
    {"commits-min-above-max.json", ": /expect/0/max: expected max >= min (5) (got 2)"},
    {"window-from-after-to.json", ": /expect/0/to_ms: expected to_ms >= from_ms (500) (got 100)"},
    {"expect-after-end.json", ": /expect/0/at_ms: expected a time in ms within the run (duration_ms), 0..1000 (got 5000)"},
    {"unknown-invariant.json", ": /expect/0/invariant: expected an invariant name: \"election_safety\""},
    {"decided-on-raft.json", ": /expect/0/type: \"decided\" applies only to basic-paxos (this scenario is raft)"},
    {"decided-on-multi-paxos.json", ": /expect/0/type: \"decided\" applies only to basic-paxos (this scenario is multi-paxos)"},
    {"leader-at-on-basic-paxos.json",
     ": /expect/0/type: \"leader_at\" applies only to raft and multi-paxos: basic-paxos has no leader"},
    {"no-leader-at-on-basic-paxos.json",
     ": /expect/0/type: \"no_leader_at\" applies only to raft and multi-paxos: basic-paxos has no leader"},
    {"elections-on-basic-paxos.json",
     ": /expect/0/type: \"elections\" applies only to raft and multi-paxos: basic-paxos has no leader and elects none"},
    {"converged-on-basic-paxos.json",
     ": /expect/0/type: \"converged\" applies only to raft and multi-paxos: basic-paxos has no log to converge on"},
    {"violates-agreement-on-raft.json",
     ": /expect/0/invariant: expected an invariant that raft runs check: \"election_safety\", \"log_matching\", "
     "\"leader_completeness\", \"state_machine_safety\" or \"linearizability\" (got \"agreement\")"},
    {"violates-log-matching-on-multi-paxos.json",
     ": /expect/0/invariant: expected an invariant that multi-paxos runs check: \"election_safety\", "
     "\"state_machine_safety\", \"agreement\", \"validity\" or \"linearizability\" (got \"log_matching\")"},
    {"violates-state-machine-safety-on-basic-paxos.json",
     ": /expect/0/invariant: expected an invariant that basic-paxos runs check: \"agreement\", \"validity\" or "
     "\"linearizability\" (got \"state_machine_safety\")"},
    // Bugs.
    {"unknown-bug.json", ": /bugs/0: unknown bug \"raft.typo\" (known: raft.skip-log-matching, "},
    {"bug-for-wrong-protocol.json", ": /bugs/0: bug \"raft.local-read\" is for raft, not basic-paxos"},
    {"multipaxos-bug-on-basic-paxos.json", ": /bugs/0: bug \"multipaxos.skip-prepare\" is for multi-paxos, not basic-paxos"},
    {"duplicate-bug.json", ": /bugs/1: bug \"raft.local-read\" is listed twice"},
};

std::set<std::string> json_files_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".json") names.insert(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("every file in tests/scenarios/bad has a row in the table - and every row a file", "[validate]") {
  std::set<std::string> rows;
  for (const BadFile& b : kBadFiles) {
    INFO(b.file);
    CHECK(rows.insert(b.file).second);
  }
  CHECK(json_files_in(kScenarioTests / "bad") == rows);
  CHECK(rows.size() >= 30);
}

TEST_CASE("consim validate rejects each bad file with exit 2 and names the JSON path", "[validate]") {
  for (const BadFile& b : kBadFiles) {
    const std::string path = (kScenarioTests / "bad" / b.file).string();
    const CommandResult r = run_consim({"validate", path});
    INFO(b.file << "\nstderr:\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(path + b.expected) != std::string::npos);
    CHECK(count_lines(r.err) == b.lines);
  }
}

TEST_CASE("consim validate accepts each good file - printing ok and nothing on stderr", "[validate]") {
  const auto names = json_files_in(kScenarioTests / "good");
  REQUIRE(names.size() >= 5);
  for (const std::string& name : names) {
    const std::string path = (kScenarioTests / "good" / name).string();
    const CommandResult r = run_consim({"validate", path});
    INFO(name << "\nstderr:\n" << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "ok  " + path + "\n");
    CHECK(r.err.empty());
  }
}

TEST_CASE("consim validate checks every file it is given and fails if any is bad", "[validate]") {
  const std::string good = (kScenarioTests / "good" / "minimal.json").string();
  const std::string bad = (kScenarioTests / "bad" / "nodes-zero.json").string();
  const std::string missing = (kScenarioTests / "bad" / "no-such-file.json").string();
  const CommandResult r = run_consim({"validate", bad, good, missing});
  CHECK(r.exit_code == 2);
  CHECK(r.out == "ok  " + good + "\n");
  CHECK(r.err.find(bad + ": /nodes: ") != std::string::npos);
  CHECK(r.err.find(missing + ": cannot read: no such file") != std::string::npos);
  CHECK(count_lines(r.err) == 2);
}

TEST_CASE("consim validate reports every problem of a file - not just the first", "[validate]") {
  const fs::path file = fs::temp_directory_path() / ("consim-validate-many-" + std::to_string(getpid()) + ".json");
  std::ofstream(file) << R"({"name": "", "protocol": "raft", "nodes": 0, "duration_ms": -1, "extra": 1})";
  const CommandResult r = run_consim({"validate", file.string()});
  fs::remove(file);
  CHECK(r.exit_code == 2);
  CHECK(count_lines(r.err) == 4);
  for (const char* path : {": /name: ", ": /nodes: ", ": /duration_ms: ", ": /extra: "}) {
    INFO(path);
    CHECK(r.err.find(file.string() + path) != std::string::npos);
  }
}

TEST_CASE("consim validate needs at least one file - and a directory is an error", "[validate]") {
  CHECK(run_consim({"validate"}).exit_code == 2);
  const CommandResult dir = run_consim({"validate", kScenarioTests.string()});
  CHECK(dir.exit_code == 2);
  CHECK(dir.err.find(kScenarioTests.string() + ": is a directory") != std::string::npos);
}

TEST_CASE("consim validate --help explains the output and the exit status", "[validate]") {
  const CommandResult r = run_consim({"validate", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ok  FILE") != std::string::npos);
  CHECK(r.out.find("Exit codes: 0 if every file is valid, 2 otherwise") != std::string::npos);
}

TEST_CASE("consim validate suggests the nearest name for a misspelled type - and none for a far one", "[validate]") {
  const auto heel = run_consim({"validate", (kScenarioTests / "bad" / "unknown-fault-type.json").string()});
  CHECK(heel.err.find(R"((got "heel") (did you mean "heal"?))") != std::string::npos);
  // "leader" is 3 edits from "leader_at": too far to guess.
  const auto far = run_consim({"validate", (kScenarioTests / "bad" / "unknown-expect-type.json").string()});
  CHECK(far.err.find("did you mean") == std::string::npos);
}
