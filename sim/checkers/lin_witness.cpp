#include "sim/checkers/lin_witness.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "sim/checkers/lin_search.h"

namespace consim::lin {
namespace {

class Shrinker {
 public:
  Shrinker(std::span<const LinOp> ops, StateTable& table, uint64_t per_check, uint64_t total)
      : ops_(ops), table_(table), per_check_(per_check), remaining_(total) {
    for (uint32_t i = 0; i < ops_.size(); ++i) {
      if (ops_[i].produced != kNoState) producer_.try_emplace(ops_[i].produced, i);
      if (ops_[i].kind == StepKind::kAppend) pending_appends_.push_back(i);
    }
  }

  std::vector<uint32_t> run() {
    std::vector<uint32_t> answered;
    for (uint32_t i = 0; i < ops_.size(); ++i)
      if (!ops_[i].pending) answered.push_back(i);
    answered = closure(std::move(answered));
    if (answered.size() < ops_.size() && violates(answered)) return ddmin(std::move(answered));
    std::vector<uint32_t> all(ops_.size());
    for (uint32_t i = 0; i < ops_.size(); ++i) all[i] = i;
    return ddmin(std::move(all));
  }

 private:
  struct Producer {
    uint32_t op;
    StateId found;  // what the producer itself found, which must be explained in turn
  };

  std::vector<uint32_t> ddmin(std::vector<uint32_t> witness) {
    size_t chunks = 2;
    while (witness.size() >= 2 && remaining_ > 0) {
      chunks = std::min(chunks, witness.size());
      bool reduced = false;
      for (size_t k = 0; k < chunks && !reduced; ++k) {
        const size_t lo = witness.size() * k / chunks;
        const size_t hi = witness.size() * (k + 1) / chunks;
        std::vector<uint32_t> rest(witness.begin(), witness.begin() + static_cast<ptrdiff_t>(lo));
        rest.insert(rest.end(), witness.begin() + static_cast<ptrdiff_t>(hi), witness.end());
        std::vector<uint32_t> candidate = closure(std::move(rest));
        if (candidate.size() < witness.size() && violates(candidate)) {
          witness = std::move(candidate);
          chunks = std::max<size_t>(chunks - 1, 2);
          reduced = true;
        }
      }
      if (reduced) continue;
      if (chunks >= witness.size()) break;
      chunks = std::min(chunks * 2, witness.size());
    }
    return witness;
  }

  // The op that left `value`: the first with that fixed result, else a
  // pending append whose value ends it (then it found the rest).
  std::optional<Producer> producer(StateId value) {
    if (const auto it = producer_.find(value); it != producer_.end()) return Producer{it->second, ops_[it->second].observed};
    const std::string_view v = table_.value(value);
    for (uint32_t i : pending_appends_) {
      const std::string_view appended = table_.value(ops_[i].post);
      if (v.ends_with(appended)) return Producer{i, table_.intern(v.substr(0, v.size() - appended.size()))};
    }
    return std::nullopt;
  }

  // `subset` plus, transitively, the producer of every value one of its ops
  // found, ascending.
  std::vector<uint32_t> closure(std::vector<uint32_t> subset) {
    std::vector<uint8_t> in(ops_.size(), 0);
    std::unordered_set<StateId> explained;
    std::vector<StateId> work;
    for (uint32_t i : subset) {
      in[i] = 1;
      if (ops_[i].produced != kNoState) explained.insert(ops_[i].produced);
      work.push_back(ops_[i].observed);
    }
    while (!work.empty()) {
      const StateId found = work.back();
      work.pop_back();
      if (found == kNoState || found == kEmptyState || !explained.insert(found).second) continue;
      const std::optional<Producer> p = producer(found);
      if (!p) continue;  // no op of the history left it: the finding alone is the evidence
      if (!in[p->op]) {
        in[p->op] = 1;
        subset.push_back(p->op);
      }
      work.push_back(p->found);
    }
    std::sort(subset.begin(), subset.end());
    return subset;
  }

  bool violates(const std::vector<uint32_t>& subset) {
    if (remaining_ == 0) return false;
    std::vector<LinOp> ops;
    ops.reserve(subset.size());
    for (uint32_t i : subset) ops.push_back(ops_[i]);
    const SearchOutcome out = search_linearization(ops, kEmptyState, table_, std::min(per_check_, remaining_));
    remaining_ -= std::min(remaining_, std::max<uint64_t>(out.states, subset.size()));
    return out.kind == SearchOutcome::Kind::kViolation;
  }

  std::span<const LinOp> ops_;
  StateTable& table_;
  uint64_t per_check_;
  uint64_t remaining_;
  std::unordered_map<StateId, uint32_t> producer_;  // the first op leaving each fixed value
  std::vector<uint32_t> pending_appends_;
};

}  // namespace

std::vector<uint32_t> shrink_witness(std::span<const LinOp> ops, StateTable& table, uint64_t max_states_per_check,
                                     uint64_t max_states_total) {
  Shrinker shrinker(ops, table, max_states_per_check, max_states_total);
  return shrinker.run();
}

}  // namespace consim::lin
