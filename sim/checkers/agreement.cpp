#include "sim/checkers/agreement.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "sim/checkers/chosen_tally.h"
#include "sim/checkers/evidence.h"
#include "sim/checkers/snapshot_floor.h"

namespace consim {
namespace {

class Agreement final : public Checker {
 public:
  explicit Agreement(int nodes) : tally_(nodes), floor_(nodes) { proposed_.emplace(Command{}.digest(), Command{}); }

  // Kept to name the values in evidence: a digest alone tells a reader nothing.
  void on_client_command(const Command& command) override { proposed_.try_emplace(command.digest(), command); }

  void on_observation(Time t, NodeId node, const Observation& o, ViolationSink& sink) override {
    if (const auto* a = std::get_if<ValueAccepted>(&o)) {
      if (a->instance <= floor_.floor()) return;
      if (const auto chosen = tally_.accept(node, *a))
        decide(t, a->instance, chosen->digest,
               fmt::format("chosen in ballot {} by {}", describe_ballot(chosen->ballot),
                           describe_acceptors(chosen->acceptors)),
               chosen->acceptors, sink);
    } else if (const auto* l = std::get_if<ValueLearned>(&o)) {
      if (l->instance <= floor_.floor()) return;
      decide(t, l->instance, l->digest, fmt::format("learned by node {}", node), node_bit(node), sink);
    } else if (const auto* s = std::get_if<SnapshotTaken>(&o)) {
      const uint64_t before = floor_.floor();
      if (floor_.update(node, s->last_index) > before) {
        tally_.forget_through(floor_.floor());
        decided_.erase(decided_.begin(), decided_.upper_bound(floor_.floor()));
      }
    }
  }

  void on_node_crashed(Time, NodeId) override {}  // acceptances and decisions stay facts

 private:
  struct Decided {
    uint64_t digest = 0;
    std::string how;     // "chosen in ballot 3.1 by nodes 1, 2 and 3", "learned by node 2"
    uint64_t nodes = 0;  // the acceptors that chose it, or the node that learned it (bit n - 1: node n)
    bool reported = false;
  };

  static uint64_t node_bit(NodeId node) { return node >= 1 && node <= 64 ? uint64_t{1} << (node - 1) : 0; }

  static std::vector<NodeId> nodes_of(uint64_t bits) {
    std::vector<NodeId> out;
    for (NodeId n = 1; n <= 64; ++n)
      if ((bits >> (n - 1)) & 1) out.push_back(n);
    return out;
  }

  void decide(Time t, uint64_t instance, uint64_t digest, std::string how, uint64_t nodes, ViolationSink& sink) {
    const auto it = decided_.find(instance);
    if (it == decided_.end()) {
      decided_.emplace(instance, Decided{digest, std::move(how), nodes, false});
      return;
    }
    Decided& d = it->second;
    if (d.digest == digest || d.reported) return;
    d.reported = true;
    sink.report(Violation{Invariant::kAgreement, t, nodes_of(d.nodes | nodes),
                          fmt::format("two values decided for instance {}: {} {}, then {} {}", instance,
                                      value(d.digest), d.how, value(digest), how)});
  }

  // "put k1=c2-5 (client 2, seq 5) [digest 0x...]"; a value no client sent is
  // named by its digest alone (validity reports it).
  std::string value(uint64_t digest) const {
    const auto it = proposed_.find(digest);
    if (it == proposed_.end()) return fmt::format("a value no client sent [digest {}]", hex64(digest));
    return fmt::format("{} [digest {}]", describe(it->second), hex64(digest));
  }

  ChosenTally tally_;
  SnapshotFloor floor_;
  std::map<uint64_t, Decided> decided_;  // the first value decided in each instance
  // Every command a client sent, by digest (and the no-op). Looked up only
  // when a violation is described, so its order never shows.
  std::unordered_map<uint64_t, Command> proposed_;
};

}  // namespace

std::unique_ptr<Checker> make_agreement_checker(int nodes) { return std::make_unique<Agreement>(nodes); }

}  // namespace consim
