// Command-line mistakes as a user makes them (the real binary): one shape,
// "error: consim SUB: what", a "did you mean" for a misspelled subcommand,
// option or value, the help for a bare `consim`, and always exit 2.
#include <catch2/catch.hpp>

#include "support/run_consim.h"

using consim_test::run_consim;

TEST_CASE("CLI errors: a misspelled subcommand gets a did you mean and exit 2", "[cli]") {
  const auto r = run_consim({"runn", "x.json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.starts_with("error: unknown subcommand \"runn\" (did you mean \"run\"?); the subcommands: run, suite, "));
  CHECK(run_consim({"frobnicate"}).err.find("did you mean") == std::string::npos);
}

TEST_CASE("CLI errors: a misspelled option gets a did you mean and exit 2", "[cli]") {
  const auto r = run_consim({"run", "--sed", "3"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: consim run: unknown option --sed (did you mean --seed?)\n"
                 "Run `consim run --help` for the options.\n");
  const auto sweep = run_consim({"sweep", "--seeds", "1..2", "--shards", "0/2"});
  CHECK(sweep.exit_code == 2);
  CHECK(sweep.err.starts_with("error: consim sweep: unknown option --shards (did you mean --shard?)\n"));
}

TEST_CASE("CLI errors: a misspelled value gets a did you mean and exit 2", "[cli]") {
  const auto protocol = run_consim({"run", "--protocol", "Raft"});
  CHECK(protocol.exit_code == 2);
  CHECK(protocol.err.find(R"(expected one of raft, basic-paxos, multi-paxos (got "Raft") (did you mean "raft"?))") !=
        std::string::npos);
  CHECK(protocol.err.starts_with("error: consim run: "));
  const auto faults = run_consim({"sweep", "--faults", "partiton", "--seeds", "1..2"});
  CHECK(faults.exit_code == 2);
  CHECK(faults.err.starts_with(R"(error: consim sweep: --faults: unknown fault kind "partiton" (did you mean "partition"?))"));
  const auto bug = run_consim({"run", "--bug", "raft.local-reed"});
  CHECK(bug.exit_code == 2);
  CHECK(bug.err.starts_with(R"(error: consim run: --bug: unknown bug "raft.local-reed" (did you mean "raft.local-read"?))"));
}

TEST_CASE("CLI errors: a bare consim prints the help", "[cli]") {
  const auto r = run_consim({});
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("Subcommands:") != std::string::npos);
  CHECK(r.out.find("sweep") != std::string::npos);
}

TEST_CASE("CLI help: every subcommand's help states its exit codes", "[cli]") {
  for (const char* sub : {"run", "suite", "gen", "sweep", "merge", "shrink", "compare", "availability", "validate",
                          "list"}) {
    INFO(sub);
    const auto r = run_consim({sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Exit code") != std::string::npos);
  }
  CHECK(run_consim({"gen", "--help"}).out.find("3000 to 86400000 ms") != std::string::npos);
}
