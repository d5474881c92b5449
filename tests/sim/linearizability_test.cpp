// linearizability (the README's "Checkers and injected bugs"): the client history has a linearization
// against the key-value model, or the write-once register model for
// basic-paxos (Herlihy & Wing 1990; Wing & Gong 1993; Lowe 2017). Hand-built
// histories pin down each rule (random histories:
// linearizability_random_test.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/checkers/linearizability.h"
#include "support/lin_history.h"

namespace consim::testing {
namespace {


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

}  // namespace
}  // namespace consim::testing
