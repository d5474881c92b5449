// linearizability on random histories: built from a sequential model with
// known linearization points they must pass, and must fail once one read is
// corrupted; on small ones the search agrees with an exhaustive one; a search
// that runs out of budget answers "unknown".
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "protocols/core/random.h"
#include "sim/checkers/linearizability.h"
#include "support/lin_history.h"

namespace consim::testing {
namespace {
// ---------------------------------------------------------------------------
// Random histories from a sequential model: each op takes effect at a chosen
// instant between its invocation and its answer, so the history is
// linearizable by construction.

struct GenOptions {
  int clients = 5;
  int keys = 2;
  int ops_per_client = 60;
  double pending_rate = 0.03;
  LinModel model = LinModel::kKeyValue;
};

History random_history(uint64_t seed, const GenOptions& o) {
  Rng rng(seed);
  History h;
  struct Effect {
    int64_t at_us;
    size_t op;
  };
  std::vector<Effect> effects;
  for (ClientId c = 1; c <= o.clients; ++c) {
    int64_t t = static_cast<int64_t>(rng.uniform_int(0, 2000));
    for (int i = 1; i <= o.ops_per_client; ++i) {
      HistoryOp op;
      op.client = c;
      op.seq = static_cast<uint64_t>(i);
      const int64_t kind = rng.uniform_int(0, 2);
      op.op = kind == 0 ? OpType::kPut : kind == 1 ? OpType::kAppend : OpType::kGet;
      op.key = "k" + std::to_string(rng.uniform_int(1, o.keys));
      if (op.op != OpType::kGet) op.value = "c" + std::to_string(c) + "-" + std::to_string(i);
      op.invoke = Time::from_us(t);
      op.node = static_cast<NodeId>(rng.uniform_int(1, 3));
      op.attempts = 1;
      if (rng.uniform_real() < o.pending_rate) {
        // No answer; the client gives up and moves on. The op takes effect
        // later (possibly much later) or never.
        if (rng.uniform_real() < 0.5) effects.push_back({t + rng.uniform_int(0, 20'000), h.size()});
        t += 5'000;
      } else {
        const int64_t at = t + rng.uniform_int(0, 3'000);
        effects.push_back({at, h.size()});
        op.outcome = Outcome::kOk;
        op.complete = Time::from_us(at + rng.uniform_int(0, 3'000));
        t = op.complete.us() + rng.uniform_int(0, 2'000);
      }
      h.push_back(std::move(op));
    }
  }
  std::sort(effects.begin(), effects.end(),
            [](const Effect& a, const Effect& b) { return std::tie(a.at_us, a.op) < std::tie(b.at_us, b.op); });
  std::map<std::string, std::string> state;
  for (const Effect& e : effects) {
    HistoryOp& op = h[e.op];
    std::string& s = state[op.key];
    if (o.model == LinModel::kWriteOnceRegister) {
      if (op.op != OpType::kGet && s.empty()) s = op.value;
    } else if (op.op == OpType::kPut) {
      s = op.value;
    } else if (op.op == OpType::kAppend) {
      s += op.value;
    }
    if (op.outcome == Outcome::kOk) op.result = s;
  }
  return h;
}

// Gives one answered get a value that some other op of its key returned.
// Returns the index of the corrupted get.
std::optional<size_t> corrupt_one_read(History& h, uint64_t seed) {
  Rng rng(seed ^ 0x5eed);
  std::vector<size_t> gets;
  for (size_t i = 0; i < h.size(); ++i)
    if (h[i].op == OpType::kGet && h[i].outcome == Outcome::kOk) gets.push_back(i);
  if (gets.empty()) return std::nullopt;
  const size_t victim = gets[static_cast<size_t>(rng.uniform_int(0, static_cast<int64_t>(gets.size()) - 1))];
  std::vector<std::string> others;
  for (const HistoryOp& op : h)
    if (op.key == h[victim].key && op.outcome == Outcome::kOk && op.result != h[victim].result)
      others.push_back(op.result);
  h[victim].result = others.empty()
                         ? std::string("never-written")
                         : others[static_cast<size_t>(rng.uniform_int(0, static_cast<int64_t>(others.size()) - 1))];
  return victim;
}

TEST_CASE("random histories built from linearization points are linearizable", "[linearizability][random]") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    for (LinModel model : {LinModel::kKeyValue, LinModel::kWriteOnceRegister}) {
      GenOptions o;
      o.model = model;
      o.clients = static_cast<int>(seed % 8) + 2;
      const History h = random_history(seed, o);
      const LinResult r = check_linearizability(h, model);
      INFO("seed " << seed << " model " << static_cast<int>(model) << ": " << r.reason);
      CHECK(r.verdict == Verdict::kLinearizable);
    }
  }
}

TEST_CASE("a corrupted read in a random history is caught with a small witness", "[linearizability][random]") {
  int caught = 0;
  int corrupted_in_witness = 0;
  int small = 0;
  constexpr int kSeeds = 40;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    GenOptions o;
    o.clients = static_cast<int>(seed % 8) + 2;
    History h = random_history(seed, o);
    const std::optional<size_t> victim = corrupt_one_read(h, seed);
    REQUIRE(victim);
    const LinResult r = kv(h);
    INFO("seed " << seed << ": " << r.reason);
    REQUIRE(r.verdict != Verdict::kUnknown);
    if (r.verdict != Verdict::kViolation) continue;
    ++caught;
    if (contains(r.witness, *victim)) ++corrupted_in_witness;
    CHECK(r.key == h[*victim].key);
    CHECK(r.witness.size() <= 12);  // a read of an append chain keeps the chain back to its put
    if (r.witness.size() <= 4) ++small;
    CHECK(kv(subset(h, r.witness)).verdict == Verdict::kViolation);
    CHECK(kv(h).witness == r.witness);  // deterministic
  }
  // Some corruptions are still linearizable (the new value was current at
  // some instant of the read); with these seeds most are not.
  CHECK(caught >= 30);
  // Any closed subset of the uncorrupted history is linearizable, so every
  // witness holds the corrupted read (lin_witness.h).
  CHECK(corrupted_in_witness == caught);
  CHECK(small * 4 >= caught * 3);
}

// The definition, searched exhaustively: some order of the answered ops and
// some of the pending ones respects real time (an op answered before another
// was invoked comes first) and the model. For histories of a few ops.
bool brute_force_linearizable(const History& h, LinModel model) {
  std::vector<bool> done(h.size(), false);
  size_t answered = 0;
  for (const HistoryOp& op : h) answered += op.outcome == Outcome::kOk;
  const auto search = [&](const auto& self, const std::string& state, size_t left) -> bool {
    if (left == 0) return true;
    for (size_t i = 0; i < h.size(); ++i) {
      if (done[i]) continue;
      bool after_all_earlier = true;
      for (size_t j = 0; j < h.size(); ++j)
        if (!done[j] && j != i && h[j].outcome == Outcome::kOk && h[j].complete < h[i].invoke) after_all_earlier = false;
      if (!after_all_earlier) continue;
      std::string next = state;
      if (model == LinModel::kWriteOnceRegister) {
        if (h[i].op != OpType::kGet && next.empty()) next = h[i].value;
      } else if (h[i].op == OpType::kPut) {
        next = h[i].value;
      } else if (h[i].op == OpType::kAppend) {
        next += h[i].value;
      }
      const bool ok = h[i].outcome == Outcome::kOk;
      if (ok && h[i].result != next) continue;
      done[i] = true;
      const bool found = self(self, next, left - (ok ? 1 : 0));
      done[i] = false;
      if (found) return true;
    }
    return false;
  };
  return search(search, "", answered);
}

// A few ops on one key at a few distinct instants (so ties are common),
// answered from a random linearization, then maybe one answer changed.
History small_random_history(Rng& rng, LinModel model) {
  History h;
  const int n = static_cast<int>(rng.uniform_int(1, 7));
  std::vector<std::pair<int64_t, size_t>> effects;
  for (int i = 0; i < n; ++i) {
    HistoryOp op;
    op.client = i + 1;
    op.seq = 1;
    const int64_t kind = rng.uniform_int(0, 2);
    op.op = kind == 0 ? OpType::kPut : kind == 1 ? OpType::kAppend : OpType::kGet;
    op.key = "k1";
    if (op.op != OpType::kGet) op.value = "v" + std::to_string(i);
    const int64_t invoke = rng.uniform_int(0, 6);
    op.invoke = Time::from_ms(static_cast<double>(invoke));
    const int64_t at = invoke * 10 + rng.uniform_int(0, 40);  // in tenths of a ms
    if (rng.uniform_int(0, 4) == 0) {
      if (rng.uniform_int(0, 1) == 0) effects.emplace_back(at, h.size());
    } else {
      effects.emplace_back(at, h.size());
      op.outcome = Outcome::kOk;
      op.complete = Time::from_ms(static_cast<double>((at + 9) / 10));
    }
    h.push_back(std::move(op));
  }
  std::sort(effects.begin(), effects.end());
  std::string state;
  for (const auto& [at, i] : effects) {
    HistoryOp& op = h[i];
    if (model == LinModel::kWriteOnceRegister) {
      if (op.op != OpType::kGet && state.empty()) state = op.value;
    } else if (op.op == OpType::kPut) {
      state = op.value;
    } else if (op.op == OpType::kAppend) {
      state += op.value;
    }
    if (op.outcome == Outcome::kOk) op.result = state;
  }
  if (rng.uniform_int(0, 1) == 0) {
    std::vector<std::string> pool{"", "v0", "v1", "v0v1", "v1v0", "v2v1"};
    for (const HistoryOp& op : h) pool.push_back(op.result);
    HistoryOp& victim = h[static_cast<size_t>(rng.uniform_int(0, n - 1))];
    if (victim.outcome == Outcome::kOk)
      victim.result = pool[static_cast<size_t>(rng.uniform_int(0, static_cast<int64_t>(pool.size()) - 1))];
  }
  return h;
}

TEST_CASE("the search agrees with an exhaustive search on small random histories", "[linearizability][random]") {
  for (LinModel model : {LinModel::kKeyValue, LinModel::kWriteOnceRegister}) {
    Rng rng(model == LinModel::kKeyValue ? 11 : 12);
    int violations = 0;
    for (int round = 0; round < 4000; ++round) {
      const History h = small_random_history(rng, model);
      const bool expected = brute_force_linearizable(h, model);
      const LinResult r = check_linearizability(h, model);
      INFO("model " << static_cast<int>(model) << " round " << round << ": " << r.reason);
      REQUIRE(r.verdict == (expected ? Verdict::kLinearizable : Verdict::kViolation));
      if (expected) continue;
      ++violations;
      REQUIRE_FALSE(brute_force_linearizable(subset(h, r.witness), model));
    }
    CHECK(violations > 800);
  }
}

TEST_CASE("a search budget that runs out gives an unknown verdict with the reason", "[linearizability]") {
  GenOptions o;
  o.keys = 3;
  const History h = random_history(7, o);
  LinBudget tiny;
  tiny.max_states = 10;
  const LinResult r = kv(h, tiny);
  CHECK(r.verdict == Verdict::kUnknown);
  CHECK(r.reason == "key k1: search budget of 10 states exhausted (and for 2 more keys)");
  CHECK(r.witness.empty());
  CHECK(kv(h).verdict == Verdict::kLinearizable);
}

}  // namespace
}  // namespace consim::testing
