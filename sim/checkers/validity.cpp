#include "sim/checkers/validity.h"

#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "sim/checkers/chosen_tally.h"
#include "sim/checkers/evidence.h"

namespace consim {
namespace {

class Validity final : public Checker {
 public:
  explicit Validity(int nodes) : invalid_(nodes) { proposed_.insert(Command{}.digest()); }

  void on_client_command(const Command& command) override { proposed_.insert(command.digest()); }

  void on_observation(Time t, NodeId node, const Observation& o, ViolationSink& sink) override {
    if (const auto* a = std::get_if<ValueAccepted>(&o)) {
      if (proposed_.contains(a->digest)) return;
      if (const auto chosen = invalid_.accept(node, *a))
        report(t, node, a->instance, a->digest,
               fmt::format("chosen in ballot {} by {}", describe_ballot(chosen->ballot),
                           describe_acceptors(chosen->acceptors)),
               sink);
    } else if (const auto* l = std::get_if<ValueLearned>(&o)) {
      if (!proposed_.contains(l->digest))
        report(t, node, l->instance, l->digest, fmt::format("learned by node {}", node), sink);
    } else if (const auto* e = std::get_if<EntryApplied>(&o)) {
      if (!proposed_.contains(e->digest))
        report(t, node, e->index, e->digest, fmt::format("applied by node {} as {}", node, describe(*e->command)),
               sink);
    }
  }

  void on_node_crashed(Time, NodeId) override {}

 private:
  void report(Time t, NodeId node, uint64_t instance, uint64_t digest, const std::string& how, ViolationSink& sink) {
    if (!reported_.insert({instance, digest}).second) return;
    sink.report(Violation{Invariant::kValidity, t, {node},
                          fmt::format("instance {}: value {} {}, but no client proposed it", instance, hex64(digest),
                                      how)});
  }

  std::unordered_set<uint64_t> proposed_;  // digests of every command a client sent, and the no-op's
  ChosenTally invalid_;                    // acceptances of values no client proposed
  std::set<std::pair<uint64_t, uint64_t>> reported_;  // (instance, digest) already reported
};

}  // namespace

std::unique_ptr<Checker> make_validity_checker(int nodes) { return std::make_unique<Validity>(nodes); }

}  // namespace consim
