// consim list: the bug catalog, the checkers, the fault and expectation
// types, each with one line of meaning: what a scenario file and --bug may name.
#include <array>
#include <memory>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "protocols/core/bugs.h"
#include "protocols/core/invariants.h"
#include "protocols/core/probe.h"
#include "scenarios/scenario_fields.h"
#include "sim/cli/commands.h"

namespace consim::cli {
namespace {

using Meaning = std::pair<std::string_view, std::string_view>;

// The checkers, as the README's "Checkers and injected bugs" table gives them.
constexpr std::array<Meaning, 7> kInvariants{{
    {"election_safety", "at most one leader per term (Raft, Figure 3; Multi-Paxos: per ballot)"},
    {"log_matching", "two logs with an entry of the same index and term agree up to it (Raft, Figure 3)"},
    {"leader_completeness", "a leader holds every entry committed in an earlier term (Raft, Figure 3)"},
    {"state_machine_safety", "no two nodes apply different commands at one index (Raft, Figure 3)"},
    {"agreement", "no two values are chosen for one instance (Paxos Made Simple)"},
    {"validity", "only a value some client proposed is chosen (Paxos Made Simple)"},
    {"linearizability", "the client history has a linearization against the key-value model (Herlihy, Wing)"},
}};

constexpr std::array<Meaning, 11> kFaults{{
    {"partition", "split the cluster into groups that reach only their own members"},
    {"isolate", "cut one node off from every other"},
    {"cut", "drop every message on one link (one way, or both)"},
    {"heal", "end every partition, isolation and cut"},
    {"crash", "stop a node; it loses its volatile state (and unsynced writes)"},
    {"restart", "start a crashed node again from its disk"},
    {"pause", "freeze a node for a while (a GC pause): its timers and messages wait"},
    {"network", "change delay, loss or duplication, for all links or one"},
    {"clock", "make a node's clock run slow or fast"},
    {"disk", "set how long a node's disk (or every disk) takes to sync: a crash loses what is not synced"},
    {"hold", "hold messages back (by link or message type) and deliver them late, after newer ones"},
}};

constexpr std::array<Meaning, 10> kExpectations{{
    {"leader_at", "one leader, agreed by a majority, at a time (raft, multi-paxos)"},
    {"no_leader_at", "no leader at a time (raft, multi-paxos)"},
    {"commits", "between min and max entries committed in a window"},
    {"client_ok", "at least min client operations answered ok (in a window)"},
    {"converged", "every up node applied the same entries by a time (raft, multi-paxos)"},
    {"elections", "at most max leaders elected in a window (raft, multi-paxos)"},
    {"messages", "at most max messages sent in a window"},
    {"log_size", "at the end of the run, no up node's in-memory log holds more than max entries"},
    {"decided", "every instance proposed was decided by a time (basic-paxos)"},
    {"violates", "the named checker fires: the run is expected to find a bug"},
}};

void print_table(std::string_view title, std::span<const Meaning> rows) {
  fmt::print("{}\n", title);
  for (const auto& [name, meaning] : rows) fmt::print("  {:<22} {}\n", name, meaning);
}

nlohmann::ordered_json meanings_json(std::span<const Meaning> rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& [name, meaning] : rows) out.push_back({{"name", name}, {"meaning", meaning}});
  return out;
}

// The same tables as one JSON object, for scripts (each bug with the
// protocols it applies to, as --protocol names them).
int list_json() {
  nlohmann::ordered_json bugs = nlohmann::ordered_json::array();
  for (const BugInfo& b : all_bugs()) {
    nlohmann::ordered_json protocols = nlohmann::ordered_json::array();
    for (Protocol p : {Protocol::kRaft, Protocol::kBasicPaxos, Protocol::kMultiPaxos})
      if (bug_applies(b.bug, p)) protocols.push_back(protocol_name(p));
    bugs.push_back({{"name", b.name}, {"protocols", protocols}, {"meaning", b.mistake}});
  }
  nlohmann::ordered_json probes = nlohmann::ordered_json::array();
  for (const ProbeInfo& p : all_probes())
    probes.push_back({{"name", p.name}, {"protocol", protocol_name(p.protocol)}, {"rare", p.rare}, {"meaning", p.what}});
  const nlohmann::ordered_json out = {{"bugs", bugs},
                                      {"checkers", meanings_json(kInvariants)},
                                      {"faults", meanings_json(kFaults)},
                                      {"expectations", meanings_json(kExpectations)},
                                      {"probes", probes}};
  fmt::print("{}\n", out.dump());
  return kExitOk;
}

int list_command(bool json) {
  if (json) return list_json();
  fmt::print("bugs (--bug NAME, or a scenario's \"bugs\"; each applies to the protocols named):\n");
  for (const BugInfo& b : all_bugs())
    fmt::print("  {:<30} {:<27} {}\n", b.name, bug_protocols(b.bug), b.mistake);
  print_table("\ncheckers (on every run; a \"violates\" expectation names one):", kInvariants);
  print_table("\nfault types (a scenario's \"faults\"; --faults picks among them for generated runs):", kFaults);
  print_table("\nexpectation types (a scenario's \"expect\"):", kExpectations);
  fmt::print("\ncoverage probes (a sweep counts the seeds that hit each; --require-coverage fails on one not\n"
             "marked rare that no seed hit):\n");
  for (const ProbeInfo& p : all_probes())
    fmt::print("  {:<32} {:<4} {}\n", p.name, p.rare ? "rare" : "", p.what);
  return kExitOk;
}

}  // namespace

// Every name the tables give is the program's own: tests/faults/list_cli_test.cpp
// checks them against all_invariants(), fault_type_names() and expectation_type_names().
void add_list_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("list", "Print the bug catalog, the checkers, the fault and expectation types and the coverage probes");
  cmd->alias("bugs");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print the tables as one JSON object: bugs (with their protocols), checkers, faults, expectations, probes");
  cmd->footer("Exit code: 0.");
  cmd->callback([&exit_code, json] { exit_code = list_command(*json); });
}

}  // namespace consim::cli
