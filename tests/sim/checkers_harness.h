// A hand-driven cluster for the checker tests: feeds the checkers
// observations as nodes would report them and records what they report.
//
// Entries: unless a test says otherwise, the entry a leader of `term` creates
// at `index` carries entry_command(index, term), so two reports of the same
// (index, term) agree unless the test gives a different digest on purpose.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "protocols/core/command.h"
#include "protocols/core/config.h"
#include "protocols/core/observation.h"
#include "sim/checkers/checker.h"
#include "protocols/core/invariants.h"
#include "protocols/core/time.h"

namespace consim::testing {

inline Command entry_command(uint64_t index, uint64_t term) {
  Command c;
  c.op = OpType::kPut;
  c.client = 1;
  c.seq = index;
  c.key = "k" + std::to_string(index % 3);
  c.value = "v" + std::to_string(index) + "t" + std::to_string(term);
  return c;
}
inline uint64_t entry_digest(uint64_t index, uint64_t term) { return entry_command(index, term).digest(); }

class RecordingSink final : public ViolationSink {
 public:
  void report(Violation v) override { violations.push_back(std::move(v)); }
  std::vector<Violation> violations;
};

class CheckerHarness {
 public:
  explicit CheckerHarness(std::vector<std::unique_ptr<Checker>> checkers) : checkers_(std::move(checkers)) {}
  explicit CheckerHarness(std::unique_ptr<Checker> checker) { checkers_.push_back(std::move(checker)); }
  // Every checker of `protocol`, as the engine runs them.
  static CheckerHarness all(Protocol protocol, int nodes) { return CheckerHarness(make_checkers(protocol, nodes)); }

  CheckerHarness& at_ms(int64_t ms) {
    now_ = Time::from_us(ms * 1000);
    return *this;
  }
  Time now() const { return now_; }

  void observe(NodeId node, const Observation& o) {
    for (auto& c : checkers_) c->on_observation(now_, node, o, sink_);
  }
  void role(NodeId node, Role role, uint64_t term) { observe(node, RoleChanged{role, term}); }
  void leader(NodeId node, uint64_t term) { role(node, Role::kLeader, term); }
  void follower(NodeId node, uint64_t term) { role(node, Role::kFollower, term); }
  void append(NodeId node, uint64_t index, uint64_t term) { append(node, index, term, entry_digest(index, term)); }
  void append(NodeId node, uint64_t index, uint64_t term, uint64_t digest) {
    observe(node, EntryAppended{index, term, digest});
  }
  // Appends entries first_index, first_index + 1, ... with the given terms.
  void entries(NodeId node, uint64_t first_index, std::initializer_list<uint64_t> terms) {
    uint64_t index = first_index;
    for (uint64_t term : terms) append(node, index++, term);
  }
  void truncate(NodeId node, uint64_t from_index) { observe(node, LogTruncated{from_index}); }
  void commit(NodeId node, uint64_t index) { observe(node, CommitAdvanced{index}); }
  void apply(NodeId node, uint64_t index, const Command& command) { observe(node, EntryApplied{index, &command, command.digest()}); }
  void apply(NodeId node, uint64_t index, uint64_t term) { apply(node, index, entry_command(index, term)); }
  void snapshot(NodeId node, uint64_t last_index, uint64_t last_term, bool installed) {
    observe(node, SnapshotTaken{last_index, last_term, installed});
  }
  // Paxos reports: an acceptor accepted `command` in `ballot`, a node learned it.
  void accepted(NodeId node, uint64_t instance, uint64_t ballot, const Command& command) {
    observe(node, ValueAccepted{instance, ballot, command.digest()});
  }
  void learned(NodeId node, uint64_t instance, const Command& command) {
    observe(node, ValueLearned{instance, command.digest()});
  }
  // A client sent `command` (what validity counts as proposed).
  void proposed(const Command& command) {
    for (auto& c : checkers_) c->on_client_command(command);
  }
  void crash(NodeId node) {
    for (auto& c : checkers_) c->on_node_crashed(now_, node);
  }

  const std::vector<Violation>& violations() const { return sink_.violations; }
  size_t count(Invariant inv) const {
    size_t n = 0;
    for (const Violation& v : sink_.violations) n += v.invariant == inv ? 1 : 0;
    return n;
  }

 private:
  std::vector<std::unique_ptr<Checker>> checkers_;
  RecordingSink sink_;
  Time now_ = Time::zero();
};

// Renders violations for failure messages.
inline std::string render(const std::vector<Violation>& violations) {
  std::string out;
  for (const Violation& v : violations) {
    out += std::string(invariant_name(v.invariant)) + " at " + std::to_string(v.time.us()) + "us nodes [";
    for (NodeId n : v.nodes) out += std::to_string(n) + " ";
    out += "]: " + v.detail + "\n";
  }
  return out;
}

}  // namespace consim::testing
