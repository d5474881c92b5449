#include "sim/checkers/lin_search.h"

#include <algorithm>
#include <bit>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "protocols/core/assert.h"
#include "sim/checkers/lin_cache.h"

namespace consim::lin {
namespace {

class Search {
 public:
  Search(std::span<const LinOp> ops, StateTable& table);
  SearchOutcome run(StateId initial, uint64_t max_states);

 private:
  struct Frame {
    uint32_t op;
    StateId prev_state;
    uint32_t prev_prefix;
    uint32_t memo_entry;
  };

  // The candidates of the current configuration, in the order to try them.
  void collect_candidates(StateId state, std::vector<uint32_t>& out) const;
  bool marked(uint32_t op) const { return (linearized_[op / 64] >> (op % 64)) & 1; }
  void mark(uint32_t op);
  void unmark(uint32_t op, uint32_t prev_prefix);
  void unlink(uint32_t e) {
    next_[prev_[e]] = next_[e];
    prev_[next_[e]] = prev_[e];
  }
  void relink(uint32_t e) {
    next_[prev_[e]] = e;
    prev_[next_[e]] = e;
  }
  // Dancing links: relinking in the reverse order of unlinking restores the list.
  void lift(uint32_t op) {
    unlink(call_pos_[op]);
    unlink(return_pos_[op]);
  }
  void unlift(uint32_t op) {
    relink(return_pos_[op]);
    relink(call_pos_[op]);
  }
  Config config(StateId state);
  bool dominated_by_explored(const Config& c) const;
  void find_observers();
  // A pending op is relevant while some answered op not yet linearized may
  // find a value that contains its value (see find_observers).
  bool relevant(uint32_t op) const { return prefix_ < observers_end_[op - answered_]; }

  StateTable& table_;
  std::vector<const LinOp*> ops_;  // answered ones in the order of their returns, then pending ones by invoke
  uint32_t answered_ = 0;
  // The event list: positions 0 .. 2 * answered_ - 1 in time order, head_ the sentinel.
  uint32_t head_ = 0;
  std::vector<uint32_t> next_, prev_, event_op_;
  std::vector<uint8_t> is_return_;
  std::vector<uint32_t> call_pos_, return_pos_;
  // The linearized set: a bitset over ops_, its size, and its first clear bit.
  std::vector<uint64_t> linearized_;
  uint32_t count_ = 0;
  uint32_t prefix_ = 0;
  std::vector<uint32_t> extras_;  // scratch for config()
  // Per pending op: 1 + the last answered op (in return order) whose found
  // value contains the pending op's value; 0 if none does.
  std::vector<uint32_t> observers_end_;
  ConfigCache cache_;
};

Search::Search(std::span<const LinOp> ops, StateTable& table) : table_(table) {
  for (const LinOp& op : ops)
    if (!op.pending) ops_.push_back(&op);
  answered_ = static_cast<uint32_t>(ops_.size());
  std::sort(ops_.begin(), ops_.end(), [](const LinOp* a, const LinOp* b) {
    return std::tie(a->complete, a->invoke, a->index) < std::tie(b->complete, b->invoke, b->index);
  });
  for (const LinOp& op : ops)
    if (op.pending) ops_.push_back(&op);
  std::sort(ops_.begin() + answered_, ops_.end(),
            [](const LinOp* a, const LinOp* b) { return std::tie(a->invoke, a->index) < std::tie(b->invoke, b->index); });

  struct Event {
    Time t;
    bool is_return;
    uint32_t op;
  };
  std::vector<Event> events;
  for (uint32_t op = 0; op < answered_; ++op) {
    events.push_back(Event{ops_[op]->invoke, false, op});
    events.push_back(Event{ops_[op]->complete, true, op});
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.t, a.is_return, a.op) < std::tie(b.t, b.is_return, b.op);
  });
  const auto n_events = static_cast<uint32_t>(events.size());
  head_ = n_events;
  next_.resize(n_events + 1);
  prev_.resize(n_events + 1);
  event_op_.resize(n_events);
  is_return_.resize(n_events);
  call_pos_.resize(answered_);
  return_pos_.resize(answered_);
  for (uint32_t e = 0; e <= n_events; ++e) {
    next_[e] = e == n_events ? 0 : e + 1;
    prev_[e] = e == 0 ? n_events : e - 1;
  }
  if (n_events == 0) next_[head_] = prev_[head_] = head_;
  for (uint32_t e = 0; e < n_events; ++e) {
    event_op_[e] = events[e].op;
    is_return_[e] = events[e].is_return;
    (events[e].is_return ? return_pos_ : call_pos_)[events[e].op] = e;
  }
  linearized_.assign(ops_.size() / 64 + 2, 0);
  find_observers();
}

// Once no answered op left to linearize can find a value containing a
// pending op's value, that op is as good as dropped: taking it later would
// leave a value containing its own, which only a put (ignoring it) or another
// pending op could follow. So it is no longer a candidate, and whether it was
// taken no longer tells configurations apart in the memo. Without this,
// pending ops that never took effect make 2^k variants of every
// configuration. (Conservative: an op counts as left while it is at or above
// the prefix, linearized or not.)
void Search::find_observers() {
  constexpr uint64_t kMaxScanChars = 64'000'000;  // past this, every pending op stays relevant
  const auto pending = static_cast<uint32_t>(ops_.size()) - answered_;
  observers_end_.assign(pending, 0);
  if (pending == 0) return;
  uint64_t found_chars = 0;
  for (uint32_t op = 0; op < answered_; ++op)
    if (ops_[op]->kind == StepKind::kGuarded) found_chars += table_.value(ops_[op]->pre).size() + 1;
  if (found_chars * pending > kMaxScanChars) {
    observers_end_.assign(pending, answered_);
    return;
  }
  for (uint32_t op = answered_; op-- > 0;) {
    if (ops_[op]->kind != StepKind::kGuarded) continue;
    const std::string_view found = table_.value(ops_[op]->pre);
    for (uint32_t p = 0; p < pending; ++p)
      if (observers_end_[p] == 0 && found.find(table_.value(ops_[answered_ + p]->post)) != std::string_view::npos)
        observers_end_[p] = op + 1;
  }
}

// Candidates are the answered ops called before the first return in the
// event list (Wing & Gong), tried in the order of their returns, nearest
// first: an op with a long interval is placed only when it must be, or when
// the ops due before it fail without it, rather than early on a guess that
// may be refuted only much later. Then the pending ops invoked by that first
// return, by invocation.
//
// One reduction: a candidate allowed in `state` that leaves it unchanged (a
// get of the current value) is the only candidate. Taking it now is never
// wrong: in any linearization that takes it later, moving it here changes no
// state another op sees, and breaks no real-time order, since every op that
// returned before its call is already linearized.
void Search::collect_candidates(StateId state, std::vector<uint32_t>& out) const {
  const auto preserves = [&](const LinOp& op) {
    switch (op.kind) {
      case StepKind::kGuarded: return op.pre == state && op.post == state;
      case StepKind::kSet:
      case StepKind::kChoose: return op.post == state;
      case StepKind::kPropose: return state != kEmptyState;
      case StepKind::kAppend:
      case StepKind::kImpossible: return false;
    }
    return false;
  };
  out.clear();
  uint32_t e = next_[head_];
  for (; e != head_ && !is_return_[e]; e = next_[e]) out.push_back(event_op_[e]);
  // Every remaining call has its return after it, so the walk meets a return first.
  CONSIM_ASSERT(e != head_, "the event list walk stops at the first return");
  const Time limit = ops_[event_op_[e]]->complete;
  std::sort(out.begin(), out.end());
  for (uint32_t op = answered_; op < ops_.size() && ops_[op]->invoke <= limit; ++op)
    if (!marked(op) && relevant(op)) out.push_back(op);
  for (uint32_t op : out) {
    if (preserves(*ops_[op])) {
      out.assign(1, op);
      return;
    }
  }
}

void Search::mark(uint32_t op) {
  linearized_[op / 64] |= uint64_t{1} << (op % 64);
  ++count_;
  while (prefix_ < ops_.size() && marked(prefix_)) ++prefix_;
}

void Search::unmark(uint32_t op, uint32_t prev_prefix) {
  linearized_[op / 64] &= ~(uint64_t{1} << (op % 64));
  --count_;
  prefix_ = prev_prefix;
}

Config Search::config(StateId state) {
  extras_.clear();
  uint32_t need = count_ - prefix_;  // every op below prefix_ is linearized
  size_t w = (prefix_ + 1) / 64;
  uint64_t word = linearized_[w] & (~uint64_t{0} << ((prefix_ + 1) % 64));
  while (need > 0) {
    while (word == 0) word = linearized_[++w];
    const auto op = static_cast<uint32_t>(w * 64 + static_cast<size_t>(std::countr_zero(word)));
    if (op < answered_ || relevant(op)) extras_.push_back(op);
    word &= word - 1;
    --need;
  }
  return Config{prefix_, extras_, state};
}

bool Search::dominated_by_explored(const Config& c) const {
  if (c.prefix >= answered_ || c.extras.empty() || c.extras.back() < answered_) return false;
  const auto answered_extras = static_cast<size_t>(
      std::lower_bound(c.extras.begin(), c.extras.end(), answered_) - c.extras.begin());
  const Config without_pending{c.prefix, c.extras.first(answered_extras), c.state};
  const auto entry = cache_.find(without_pending, ConfigCache::hash(without_pending));
  return entry && cache_.explored(*entry);
}

SearchOutcome Search::run(StateId initial, uint64_t max_states) {
  std::vector<Frame> stack;
  // candidates[d] and tried[d]: the candidates of the configuration at depth
  // d, and how many of them were tried. Reused across configurations.
  std::vector<std::vector<uint32_t>> candidates(1);
  std::vector<size_t> tried(1, 0);
  StateId state = initial;
  if (answered_ > 0) collect_candidates(state, candidates[0]);
  while (true) {
    if (next_[head_] == head_) return {SearchOutcome::Kind::kLinearizable, cache_.size()};
    const size_t depth = stack.size();
    if (tried[depth] == candidates[depth].size()) {
      if (stack.empty()) return {SearchOutcome::Kind::kViolation, cache_.size()};
      const Frame f = stack.back();
      stack.pop_back();
      if (f.op < answered_) unlift(f.op);
      unmark(f.op, f.prev_prefix);
      cache_.mark_explored(f.memo_entry);
      state = f.prev_state;
      continue;
    }
    const uint32_t candidate = candidates[depth][tried[depth]++];
    const std::optional<StateId> next_state = step(*ops_[candidate], state, table_);
    if (!next_state) continue;
    const uint32_t prev_prefix = prefix_;
    mark(candidate);
    const Config c = config(*next_state);
    const uint64_t h = ConfigCache::hash(c);
    if (cache_.find(c, h) || dominated_by_explored(c)) {
      unmark(candidate, prev_prefix);
      continue;
    }
    if (cache_.size() >= max_states) return {SearchOutcome::Kind::kBudget, cache_.size()};
    const uint32_t entry = cache_.insert(c, h);
    stack.push_back(Frame{candidate, state, prev_prefix, entry});
    if (candidate < answered_) lift(candidate);
    state = *next_state;
    if (next_[head_] == head_) continue;
    if (candidates.size() <= stack.size()) {
      candidates.emplace_back();
      tried.push_back(0);
    }
    collect_candidates(state, candidates[stack.size()]);
    tried[stack.size()] = 0;
  }
}

}  // namespace

SearchOutcome search_linearization(std::span<const LinOp> ops, StateId initial, StateTable& table,
                                   uint64_t max_states) {
  Search search(ops, table);
  return search.run(initial, max_states);
}

}  // namespace consim::lin
