#include "sim/checkers/lin_model.h"

#include "protocols/core/assert.h"

namespace consim::lin {
namespace {

LinOp base_op(const HistoryOp& h, size_t index) {
  LinOp op;
  op.index = index;
  op.invoke = h.invoke;
  op.pending = h.outcome == Outcome::kPending;
  op.complete = op.pending ? Time::never() : h.complete;
  CONSIM_ASSERT(op.complete >= op.invoke, "an answer never precedes its request");
  return op;
}

LinOp guarded(LinOp op, StateId pre, StateId post) {
  op.kind = StepKind::kGuarded;
  op.pre = pre;
  op.post = post;
  return op;
}

// A get in either model: it changes nothing and saw the value it returned. A
// pending get constrains nothing, so it is left out.
std::optional<LinOp> read_op(const HistoryOp& h, LinOp op, StateTable& table) {
  if (op.pending) return std::nullopt;
  op = guarded(op, table.intern(h.result), table.intern(h.result));
  op.observed = op.pre;
  return op;
}

std::optional<LinOp> key_value_op(const HistoryOp& h, LinOp op, StateTable& table) {
  switch (h.op) {
    case OpType::kNoop: return std::nullopt;
    case OpType::kGet:
      return read_op(h, op, table);
    case OpType::kPut:
      if (!op.pending && h.result != h.value) return op;  // kImpossible
      op.kind = StepKind::kSet;
      op.post = table.intern(h.value);
      op.produced = op.post;
      return op;
    case OpType::kAppend:
      if (op.pending) {
        op.kind = StepKind::kAppend;
        op.post = table.intern(h.value);
        return op;
      }
      if (!std::string_view(h.result).ends_with(h.value)) return op;  // kImpossible
      op = guarded(op, table.intern(std::string_view(h.result).substr(0, h.result.size() - h.value.size())),
                   table.intern(h.result));
      op.observed = op.pre;
      op.produced = op.post;
      return op;
  }
  return std::nullopt;
}

std::optional<LinOp> write_once_op(const HistoryOp& h, LinOp op, StateTable& table) {
  switch (h.op) {
    case OpType::kNoop: return std::nullopt;
    case OpType::kGet:
      return read_op(h, op, table);
    case OpType::kPut:
    case OpType::kAppend:
      if (op.pending) {
        op.kind = StepKind::kPropose;
        op.post = table.intern(h.value);
        op.produced = op.post;
        return op;
      }
      if (h.result == h.value) {
        op.kind = StepKind::kChoose;
        op.post = table.intern(h.value);
        op.produced = op.post;
        return op;
      }
      // A proposal leaves some value chosen, so it cannot answer "".
      if (h.result.empty()) return op;  // kImpossible
      op = guarded(op, table.intern(h.result), table.intern(h.result));
      op.observed = op.pre;
      return op;
  }
  return std::nullopt;
}

}  // namespace

StateTable::StateTable() {
  values_.emplace_back();  // kEmptyState
  ids_.emplace(std::string_view(values_[kEmptyState]), kEmptyState);
}

StateId StateTable::intern(std::string_view value) {
  if (const auto it = ids_.find(value); it != ids_.end()) return it->second;
  CONSIM_ASSERT(values_.size() < kNoState, "state ids fit in 32 bits");
  const auto id = static_cast<StateId>(values_.size());
  values_.emplace_back(value);
  ids_.emplace(std::string_view(values_.back()), id);
  return id;
}

const std::string& StateTable::value(StateId id) const {
  CONSIM_ASSERT(id < values_.size(), "only interned states have a value");
  return values_[id];
}

StateId StateTable::append(StateId s, StateId suffix) {
  const uint64_t key = (static_cast<uint64_t>(s) << 32) | suffix;
  if (const auto it = appended_.find(key); it != appended_.end()) return it->second;
  const StateId id = intern(value(s) + value(suffix));
  appended_.emplace(key, id);
  return id;
}

std::optional<LinOp> make_lin_op(const History& history, size_t index, LinModel model, StateTable& table) {
  const HistoryOp& h = history[index];
  LinOp op = base_op(h, index);
  switch (model) {
    case LinModel::kKeyValue: return key_value_op(h, op, table);
    case LinModel::kWriteOnceRegister: return write_once_op(h, op, table);
  }
  return std::nullopt;
}

}  // namespace consim::lin
