#include "sim/checkers/state_machine_safety.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "protocols/core/assert.h"
#include "sim/checkers/evidence.h"
#include "sim/checkers/index_window.h"
#include "sim/checkers/snapshot_floor.h"

namespace consim {
namespace {

// An index this far past every index applied so far is not recorded: no
// correct node skips that far, and the window must stay bounded.
constexpr uint64_t kMaxIndexJump = uint64_t{1} << 22;
constexpr size_t kMaxDescription = 160;

class StateMachineSafety final : public Checker {
 public:
  explicit StateMachineSafety(int nodes) : floor_(nodes) {}

  void on_observation(Time t, NodeId node, const Observation& o, ViolationSink& sink) override {
    if (const auto* a = std::get_if<EntryApplied>(&o)) {
      on_apply(t, node, *a, sink);
    } else if (const auto* s = std::get_if<SnapshotTaken>(&o)) {
      const uint64_t before = floor_.floor();
      if (floor_.update(node, s->last_index) > before) forget_through(floor_.floor());
    }
  }

  // What was applied stays applied; the node's snapshot is durable.
  void on_node_crashed(Time, NodeId) override {}

 private:
  struct FirstApplied {
    uint64_t digest = 0;
    uint64_t text_begin = 0;  // offset of the description in the text stream
    NodeId node = 0;          // 0: nothing applied at this index yet
    uint16_t text_size = 0;
    bool reported = false;
  };

  void on_apply(Time t, NodeId node, const EntryApplied& a, ViolationSink& sink) {
    CONSIM_ASSERT(a.command != nullptr, "an applied entry without its command");
    if (a.index < first_.begin_index() || a.index >= first_.end_index() + kMaxIndexJump) return;
    first_.extend_to(a.index);
    FirstApplied& first = first_[a.index];
    const uint64_t digest = a.digest;
    if (first.node == 0) {
      first = FirstApplied{digest, 0, node, 0, false};
      keep_description(first, describe(*a.command));
      return;
    }
    if (first.digest == digest || first.reported) return;
    first.reported = true;
    const std::pair<NodeId, NodeId> pair{std::min(first.node, node), std::max(first.node, node)};
    const auto [it, fresh] = last_divergence_.try_emplace(pair, a.index);
    const bool continues = !fresh && it->second + 1 == a.index;
    it->second = a.index;
    if (continues) return;
    const std::string latest = fmt::format("{} with digest {}", describe(*a.command), hex64(digest));
    sink.report(Violation{Invariant::kStateMachineSafety, t, involved(first.node, node),
                          evidence(a.index, first, node, latest)});
  }

  std::string evidence(uint64_t index, const FirstApplied& first, NodeId node, const std::string& latest) const {
    const std::string earlier = description(first);
    if (first.node == node)
      return fmt::format("node {} applied different commands at index {}: first {}, then {}", node, index, earlier,
                         latest);
    const bool first_is_lower = first.node < node;
    return fmt::format("nodes {} and {} applied different commands at index {}: node {} applied {}, node {} applied {}",
                       std::min(first.node, node), std::max(first.node, node), index,
                       first_is_lower ? first.node : node, first_is_lower ? earlier : latest,
                       first_is_lower ? node : first.node, first_is_lower ? latest : earlier);
  }

  // Descriptions live in one text stream, trimmed from the front as indexes
  // are forgotten, rather than in a string per index.
  void keep_description(FirstApplied& first, const std::string& text) {
    const size_t size = std::min(text.size(), kMaxDescription);
    first.text_begin = text_offset_ + text_.size();
    first.text_size = static_cast<uint16_t>(size);
    text_.append(text, 0, size);
  }

  std::string description(const FirstApplied& first) const {
    if (first.text_begin < text_offset_) return fmt::format("a command with digest {}", hex64(first.digest));
    const auto begin = static_cast<size_t>(first.text_begin - text_offset_);
    return fmt::format("{} with digest {}", std::string_view(text_).substr(begin, first.text_size),
                       hex64(first.digest));
  }

  void forget_through(uint64_t floor) {
    first_.drop_below(floor + 1);
    uint64_t cut = text_offset_ + text_.size();
    if (!first_.empty()) {
      const FirstApplied& front = first_[first_.begin_index()];
      if (front.node == 0) return;
      cut = front.text_begin;
    }
    if (cut <= text_offset_) return;
    const uint64_t drop = cut - text_offset_;
    if (drop < 4096 || drop * 2 < text_.size()) return;  // amortized: compact once half is dead
    text_.erase(0, static_cast<size_t>(drop));
    text_offset_ = cut;
  }

  SnapshotFloor floor_;
  IndexWindow<FirstApplied> first_{0};  // slots and instances may start at 0
  std::string text_;                    // descriptions of first-applied commands
  uint64_t text_offset_ = 0;            // stream offset of text_[0]
  // For each pair of nodes (lower first), the last index at which they differed.
  std::map<std::pair<NodeId, NodeId>, uint64_t> last_divergence_;
};

}  // namespace

std::unique_ptr<Checker> make_state_machine_safety_checker(int nodes) {
  return std::make_unique<StateMachineSafety>(nodes);
}

}  // namespace consim
