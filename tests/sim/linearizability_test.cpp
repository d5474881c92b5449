// linearizability (the README's "Checkers and injected bugs"): the client history has a linearization
// against the key-value model, or the write-once register model for
// basic-paxos (Herlihy & Wing 1990; Wing & Gong 1993; Lowe 2017). Hand-built
// histories pin down each rule; random histories built from a sequential
// model with known linearization points must pass, and must fail once one
// read is corrupted.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/checkers/linearizability.h"
#include "protocols/core/random.h"

namespace consim::testing {
namespace {

using Verdict = LinResult::Verdict;

// Builds histories op by op; times in milliseconds.
class Builder {
 public:
  size_t put(ClientId c, std::string key, std::string value, double invoke_ms, double complete_ms) {
    return ok(OpType::kPut, c, std::move(key), value, invoke_ms, complete_ms, value);
  }
  size_t append(ClientId c, std::string key, std::string value, double invoke_ms, double complete_ms,
                std::string result) {
    return ok(OpType::kAppend, c, std::move(key), std::move(value), invoke_ms, complete_ms, std::move(result));
  }
  size_t get(ClientId c, std::string key, double invoke_ms, double complete_ms, std::string result) {
    return ok(OpType::kGet, c, std::move(key), "", invoke_ms, complete_ms, std::move(result));
  }
  size_t ok(OpType op, ClientId c, std::string key, std::string value, double invoke_ms, double complete_ms,
            std::string result) {
    HistoryOp& h = add(op, c, std::move(key), std::move(value), invoke_ms);
    h.outcome = Outcome::kOk;
    h.complete = Time::from_ms(complete_ms);
    h.result = std::move(result);
    return history.size() - 1;
  }
  size_t pending(OpType op, ClientId c, std::string key, std::string value, double invoke_ms) {
    add(op, c, std::move(key), std::move(value), invoke_ms);
    return history.size() - 1;
  }

  History history;

 private:
  HistoryOp& add(OpType op, ClientId c, std::string key, std::string value, double invoke_ms) {
    HistoryOp h;
    h.client = c;
    h.seq = ++seqs_[c];
    h.op = op;
    h.key = std::move(key);
    h.value = std::move(value);
    h.invoke = Time::from_ms(invoke_ms);
    h.node = c % 3 + 1;
    h.attempts = 1;
    history.push_back(std::move(h));
    return history.back();
  }
  std::map<ClientId, uint64_t> seqs_;
};

LinResult kv(const History& h, LinBudget budget = {}) { return check_linearizability(h, LinModel::kKeyValue, budget); }
LinResult worm(const History& h) { return check_linearizability(h, LinModel::kWriteOnceRegister); }

History subset(const History& h, const std::vector<size_t>& indexes) {
  History out;
  for (size_t i : indexes) out.push_back(h[i]);
  return out;
}

bool contains(const std::vector<size_t>& v, size_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST_CASE("an empty history and a sequential history are linearizable", "[linearizability]") {
  CHECK(kv({}).verdict == Verdict::kLinearizable);
  Builder b;
  b.get(1, "k1", 0, 1, "");
  b.put(1, "k1", "c1-2", 2, 3);
  b.append(2, "k1", "c2-1", 4, 5, "c1-2c2-1");
  b.get(2, "k1", 6, 7, "c1-2c2-1");
  b.append(1, "k1", "c1-3", 8, 9, "c1-2c2-1c1-3");
  b.put(3, "k1", "c3-1", 10, 11);
  b.get(3, "k1", 12, 13, "c3-1");
  const LinResult r = kv(b.history);
  CHECK(r.verdict == Verdict::kLinearizable);
  CHECK(r.witness.empty());
  CHECK(r.states_explored == 7);
}

TEST_CASE("concurrent operations take effect in any order within their intervals", "[linearizability]") {
  Builder b;
  b.put(1, "k1", "c1-1", 0, 10);
  b.put(2, "k1", "c2-1", 1, 9);
  b.append(3, "k1", "c3-1", 2, 12, "c1-1c3-1");  // after put c1-1 took effect last
  b.get(4, "k1", 3, 4, "");                      // before either put
  b.get(4, "k1", 5, 11, "c2-1");                 // between the two puts
  b.get(5, "k1", 13, 14, "c1-1c3-1");
  CHECK(kv(b.history).verdict == Verdict::kLinearizable);
}

TEST_CASE("an answer and an invocation at the same instant count as concurrent", "[linearizability]") {
  Builder b;
  b.put(1, "k1", "c1-1", 0, 10);
  b.get(2, "k1", 10, 12, "");  // may have taken effect before the put did
  CHECK(kv(b.history).verdict == Verdict::kLinearizable);
}

TEST_CASE("a stale read after a completed write is a violation with a 2 to 3 op witness", "[linearizability]") {
  Builder b;
  const size_t first = b.put(1, "k1", "c1-1", 0, 2);
  b.put(5, "k2", "c5-1", 1, 3);
  const size_t second = b.put(2, "k1", "c2-1", 3, 5);
  b.get(5, "k2", 4, 6, "c5-1");
  const size_t stale = b.get(3, "k1", 6, 8, "c1-1");
  b.get(4, "k1", 9, 10, "c2-1");
  const LinResult r = kv(b.history);
  INFO(r.reason);
  REQUIRE(r.verdict == Verdict::kViolation);
  CHECK(r.key == "k1");
  CHECK(r.witness.size() >= 2);
  CHECK(r.witness.size() <= 3);
  CHECK(contains(r.witness, stale));
  CHECK(contains(r.witness, second));
  CHECK(r.witness == std::vector<size_t>{first, second, stale});  // the read keeps the write it read
  CHECK(kv(subset(b.history, r.witness)).verdict == Verdict::kViolation);
  CHECK(r.reason == "key k1: no linearization of 3 operations (history entries 0, 2, 4)");

  const Violation v = to_violation(r, b.history);
  CHECK(v.invariant == Invariant::kLinearizability);
  CHECK(v.time == Time::from_ms(8));
  CHECK(v.nodes == std::vector<NodeId>{1, 2, 3});
  CHECK(v.detail ==
        "key k1: these 3 operations have no linearization: "
        "put k1=c1-1 (client 1, seq 1): 0-2 ms, node 2 answered \"c1-1\"; "
        "put k1=c2-1 (client 2, seq 1): 3-5 ms, node 3 answered \"c2-1\"; "
        "get k1 (client 3, seq 1): 6-8 ms, node 1 answered \"c1-1\"");
  // The same operations as data, by invocation.
  REQUIRE(v.witness.size() == 3);
  CHECK(v.witness[0].op == "put k1=c1-1");
  CHECK(v.witness[0].client == 1);
  CHECK(v.witness[0].seq == 1);
  CHECK(v.witness[0].invoke == Time::from_ms(0));
  CHECK(v.witness[0].complete == Time::from_ms(2));
  CHECK(v.witness[0].node == 2);
  CHECK(v.witness[0].answer == "c1-1");
  CHECK(v.witness[1].op == "put k1=c2-1");
  CHECK(v.witness[2].op == "get k1");
  CHECK(v.witness[2].client == 3);
  CHECK(v.witness[2].invoke == Time::from_ms(6));
  CHECK(v.witness[2].complete == Time::from_ms(8));
  CHECK(v.witness[2].node == 1);
  CHECK(v.witness[2].answer == "c1-1");
}

TEST_CASE("a violation's witness carries an operation without an answer as pending", "[linearizability]") {
  // The append may have taken effect (its value was read), but it was never answered.
  Builder b;
  b.put(1, "k1", "c1-1", 0, 1);
  b.pending(OpType::kAppend, 2, "k1", "c2-1", 2);
  b.get(3, "k1", 3, 4, "c1-1c2-1");
  b.get(1, "k1", 5, 6, "c1-1");
  const LinResult r = kv(b.history);
  INFO(r.reason);
  REQUIRE(r.verdict == Verdict::kViolation);
  const Violation v = to_violation(r, b.history);
  const auto pending =
      std::find_if(v.witness.begin(), v.witness.end(), [](const WitnessOp& op) { return !op.complete; });
  REQUIRE(pending != v.witness.end());
  CHECK(pending->op == "append k1+=c2-1");
  CHECK(pending->client == 2);
  CHECK(pending->invoke == Time::from_ms(2));
  CHECK(pending->node == 3);  // the node it was last sent to
  CHECK(pending->answer.empty());
  CHECK_THAT(v.detail,
             Catch::Contains("append k1+=c2-1 (client 2, seq 1): invoked 2 ms, no answer (last sent to node 3)"));
  for (size_t i = 1; i < v.witness.size(); ++i) CHECK(v.witness[i - 1].invoke <= v.witness[i].invoke);
}

TEST_CASE("a read of a value never written is a violation", "[linearizability]") {
  Builder b;
  b.put(1, "k1", "c1-1", 0, 2);
  const size_t bogus = b.get(2, "k1", 3, 4, "zzz");
  b.get(2, "k1", 5, 6, "c1-1");
  const LinResult r = kv(b.history);
  REQUIRE(r.verdict == Verdict::kViolation);
  CHECK(contains(r.witness, bogus));
  CHECK(r.witness.size() <= 2);

  Builder first;  // the very first op: only the empty start value rules it out
  const size_t early = first.get(1, "k1", 0, 1, "c2-1");
  first.put(2, "k1", "c2-1", 2, 3);
  const LinResult early_r = kv(first.history);
  REQUIRE(early_r.verdict == Verdict::kViolation);
  CHECK(contains(early_r.witness, early));
}

TEST_CASE("a retried append applied twice is a violation", "[linearizability]") {
  SECTION("the append's own answer shows it twice") {
    Builder b;
    b.put(2, "k1", "c2-1", 0, 1);
    const size_t twice = b.append(1, "k1", "c1-1", 2, 9, "c2-1c1-1c1-1");
    b.get(3, "k1", 10, 11, "c2-1c1-1c1-1");
    const LinResult r = kv(b.history);
    INFO(r.reason);
    REQUIRE(r.verdict == Verdict::kViolation);
    CHECK(contains(r.witness, twice));
    CHECK(r.witness.size() <= 3);
  }
  SECTION("a read shows it twice") {
    Builder b;
    b.append(1, "k1", "c1-1", 0, 9, "c1-1");
    const size_t read = b.get(3, "k1", 10, 11, "c1-1c1-1");
    const LinResult r = kv(b.history);
    REQUIRE(r.verdict == Verdict::kViolation);
    CHECK(contains(r.witness, read));
    CHECK(r.witness.size() <= 2);
  }
}

TEST_CASE("a pending write may or may not have taken effect", "[linearizability]") {
  Builder base;
  base.put(1, "k1", "c1-1", 0, 1);
  base.pending(OpType::kPut, 2, "k1", "c2-1", 2);  // no answer, ever
  SECTION("a later read may miss it") {
    Builder b = base;
    b.get(3, "k1", 10, 11, "c1-1");
    CHECK(kv(b.history).verdict == Verdict::kLinearizable);
  }
  SECTION("a later read may see it") {
    Builder b = base;
    b.get(3, "k1", 10, 11, "c2-1");
    b.get(3, "k1", 500, 501, "c2-1");
    CHECK(kv(b.history).verdict == Verdict::kLinearizable);
  }
  SECTION("it may take effect long after its invocation") {
    Builder b = base;
    b.get(3, "k1", 10, 11, "c1-1");
    b.get(3, "k1", 500, 501, "c2-1");
    CHECK(kv(b.history).verdict == Verdict::kLinearizable);
  }
  SECTION("but not before its invocation") {
    Builder b = base;
    b.get(3, "k1", 0.5, 1.5, "c2-1");
    CHECK(kv(b.history).verdict == Verdict::kViolation);
  }
  SECTION("and once seen it cannot be unseen") {
    Builder b = base;
    b.get(3, "k1", 10, 11, "c2-1");
    b.get(3, "k1", 20, 21, "c1-1");
    const LinResult r = kv(b.history);
    REQUIRE(r.verdict == Verdict::kViolation);
    CHECK(r.witness.size() <= 4);
  }
}

TEST_CASE("a pending append is applied to whatever value it finds", "[linearizability]") {
  Builder b;
  b.put(1, "k1", "c1-1", 0, 1);
  b.pending(OpType::kAppend, 2, "k1", "c2-1", 2);
  b.append(1, "k1", "c1-2", 3, 4, "c1-1c1-2");
  b.get(3, "k1", 10, 11, "c1-1c1-2c2-1");
  CHECK(kv(b.history).verdict == Verdict::kLinearizable);
}

TEST_CASE("pending operations that never take effect are dropped", "[linearizability]") {
  Builder b;
  for (int c = 1; c <= 6; ++c) b.pending(OpType::kAppend, c + 10, "k1", "c" + std::to_string(c + 10) + "-1", c);
  b.pending(OpType::kGet, 20, "k1", "", 0);
  std::string value;
  for (int i = 1; i <= 30; ++i) {
    value += "c1-" + std::to_string(i);
    b.append(1, "k1", "c1-" + std::to_string(i), 10.0 * i, 10.0 * i + 5, value);
    b.get(2, "k1", 10.0 * i + 6, 10.0 * i + 7, value);
  }
  const LinResult r = kv(b.history);
  CHECK(r.verdict == Verdict::kLinearizable);
  CHECK(r.states_explored < 1000);
}

TEST_CASE("a write-once register keeps the first chosen value", "[linearizability]") {
  Builder b;
  b.ok(OpType::kGet, 3, "k1", "", 0, 1, "");  // nothing chosen yet
  b.ok(OpType::kPut, 1, "k1", "c1-1", 2, 10, "c2-1");     // lost to c2-1
  b.ok(OpType::kAppend, 2, "k1", "c2-1", 3, 9, "c2-1");   // chose c2-1
  b.ok(OpType::kGet, 3, "k1", "", 11, 12, "c2-1");
  b.pending(OpType::kPut, 4, "k1", "c4-1", 13);
  SECTION("every later operation returns the chosen value") {
    b.ok(OpType::kPut, 5, "k1", "c5-1", 14, 15, "c2-1");
    CHECK(worm(b.history).verdict == Verdict::kLinearizable);
  }
  SECTION("a later different chosen value is a violation") {
    const size_t second = b.ok(OpType::kPut, 5, "k1", "c5-1", 14, 15, "c5-1");
    const LinResult r = worm(b.history);
    REQUIRE(r.verdict == Verdict::kViolation);
    CHECK(contains(r.witness, second));
    CHECK(r.witness.size() <= 3);
    CHECK(worm(subset(b.history, r.witness)).verdict == Verdict::kViolation);
  }
  SECTION("the same history read as a key-value map is not linearizable") {
    CHECK(kv(b.history).verdict == Verdict::kViolation);
  }
}

TEST_CASE("a write-once proposal cannot answer that nothing was chosen", "[linearizability]") {
  Builder b;
  b.ok(OpType::kPut, 1, "k1", "c1-1", 0, 1, "");
  CHECK(worm(b.history).verdict == Verdict::kViolation);
}

TEST_CASE("keys are checked independently", "[linearizability]") {
  Builder b;
  b.put(1, "k1", "c1-1", 0, 1);
  b.get(2, "k2", 2, 3, "");  // k1's write says nothing about k2
  b.put(2, "k2", "c2-2", 4, 5);
  b.get(1, "k1", 6, 7, "c1-1");
  CHECK(kv(b.history).verdict == Verdict::kLinearizable);

  const size_t wrong = b.get(3, "k2", 8, 9, "c1-1");  // k1's value read from k2
  const LinResult r = kv(b.history);
  REQUIRE(r.verdict == Verdict::kViolation);
  CHECK(r.key == "k2");
  CHECK(contains(r.witness, wrong));
  for (size_t i : r.witness) CHECK(b.history[i].key == "k2");
}

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
