#include "sim/checkers/linearizability.h"

#include <algorithm>
#include <map>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "protocols/core/assert.h"
#include "sim/checkers/evidence.h"
#include "sim/checkers/lin_search.h"
#include "sim/checkers/lin_witness.h"
#include "sim/trace.h"

namespace consim {
namespace {

// History indexes by key, keys ascending, each key's ops by invocation.
std::map<std::string_view, std::vector<size_t>> ops_by_key(const History& history) {
  std::map<std::string_view, std::vector<size_t>> keys;
  for (size_t i = 0; i < history.size(); ++i)
    if (history[i].op != OpType::kNoop) keys[history[i].key].push_back(i);
  for (auto& [key, ops] : keys)
    std::stable_sort(ops.begin(), ops.end(), [&](size_t a, size_t b) { return history[a].invoke < history[b].invoke; });
  return keys;
}

WitnessOp witness_op(const HistoryOp& op) {
  WitnessOp w;
  w.op = describe_operation(op.op, op.key, op.value);
  w.client = op.client;
  w.seq = op.seq;
  w.invoke = op.invoke;
  if (op.outcome == Outcome::kOk) {
    w.complete = op.complete;
    w.answer = op.result;
  }
  w.node = op.node;
  return w;
}

// "put k1=v7 (client 2, seq 5): 10-12.5 ms, node 1 answered \"v7\"", or for an
// operation without an answer "...: invoked 10 ms, no answer (last sent to node 1)".
std::string describe_witness_op(const WitnessOp& w) {
  const std::string what = fmt::format("{} (client {}, seq {})", w.op, w.client, w.seq);
  if (!w.complete)
    return fmt::format("{}: invoked {} ms, no answer (last sent to node {})", what, format_ms(w.invoke.to_ms()),
                       w.node);
  return fmt::format("{}: {}-{} ms, node {} answered {}", what, format_ms(w.invoke.to_ms()),
                     format_ms(w.complete->to_ms()), w.node, quote_value(w.answer));
}

std::string join_indexes(const std::vector<size_t>& indexes) {
  return fmt::format("{}", fmt::join(indexes, ", "));
}

}  // namespace

LinResult check_linearizability(const History& history, LinModel model, LinBudget budget) {
  LinResult result;
  std::vector<std::string_view> exhausted;
  for (const auto& [key, indexes] : ops_by_key(history)) {
    lin::StateTable table;
    std::vector<lin::LinOp> ops;
    for (size_t i : indexes)
      if (auto op = lin::make_lin_op(history, i, model, table)) ops.push_back(*op);
    const lin::SearchOutcome out = lin::search_linearization(ops, lin::kEmptyState, table, budget.max_states);
    result.states_explored += out.states;
    if (out.kind == lin::SearchOutcome::Kind::kBudget) exhausted.push_back(key);
    if (out.kind != lin::SearchOutcome::Kind::kViolation) continue;

    for (uint32_t i : lin::shrink_witness(ops, table, budget.max_states, budget.max_shrink_states))
      result.witness.push_back(ops[i].index);
    std::sort(result.witness.begin(), result.witness.end());
    result.verdict = LinResult::Verdict::kViolation;
    result.key = std::string(key);
    result.reason = fmt::format("key {}: no linearization of {} operations (history entries {})", key,
                                result.witness.size(), join_indexes(result.witness));
    return result;
  }
  if (!exhausted.empty()) {
    result.verdict = LinResult::Verdict::kUnknown;
    result.reason = fmt::format("key {}: search budget of {} states exhausted", exhausted.front(), budget.max_states);
    if (exhausted.size() > 1)
      result.reason += fmt::format(" (and for {} more key{})", exhausted.size() - 1, exhausted.size() > 2 ? "s" : "");
  }
  return result;
}

Violation to_violation(const LinResult& r, const History& history) {
  CONSIM_ASSERT(r.verdict == LinResult::Verdict::kViolation && !r.witness.empty(),
                "only a violation with a witness becomes a Violation");
  Violation v;
  v.invariant = Invariant::kLinearizability;
  v.time = Time::zero();
  std::vector<size_t> by_invoke = r.witness;
  std::stable_sort(by_invoke.begin(), by_invoke.end(),
                   [&](size_t a, size_t b) { return history[a].invoke < history[b].invoke; });
  std::vector<std::string> ops;
  for (size_t i : by_invoke) {
    const HistoryOp& op = history[i];
    v.time = std::max(v.time, op.outcome == Outcome::kOk ? op.complete : op.invoke);
    if (op.node != 0) v.nodes.push_back(op.node);
    v.witness.push_back(witness_op(op));
    ops.push_back(describe_witness_op(v.witness.back()));
  }
  std::sort(v.nodes.begin(), v.nodes.end());
  v.nodes.erase(std::unique(v.nodes.begin(), v.nodes.end()), v.nodes.end());
  v.detail = r.witness.size() == 1
                 ? fmt::format("key {}: this operation has no linearization: {}", r.key, ops.front())
                 : fmt::format("key {}: these {} operations have no linearization: {}", r.key, r.witness.size(),
                               fmt::join(ops, "; "));
  return v;
}

}  // namespace consim
