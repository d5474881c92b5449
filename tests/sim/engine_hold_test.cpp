// Held-back messages (the `hold` fault) through the engine: a held message
// arrives its extra delay late, after messages sent later on the same link;
// only matching messages are held, at most `count`, only while the hold
// lasts; "trigger" binds to the node whose event fired it. Checked in the
// trace of real runs.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/traced_run.h"

namespace {

using consim_test::of_kind;
using consim_test::traced;
using nlohmann::json;

// Every message's send and delivery lines, by id.
struct Messages {
  std::map<uint64_t, json> sent, delivered;
};
Messages messages(const std::vector<json>& trace) {
  Messages m;
  for (const auto& e : trace) {
    if (e["kind"] == "send") m.sent[e["msg"].get<uint64_t>()] = e;
    if (e["kind"] == "deliver") m.delivered[e["msg"].get<uint64_t>()] = e;
  }
  return m;
}

std::string raft_hold(const std::string& hold) {
  return R"({"name": "h", "protocol": "raft", "nodes": 3, "seed": 3, "duration_ms": 3000,
      "network": {"delay_ms": [1, 5]}, "workload": {"clients": 1},
      "faults": [)" + hold + R"(], "expect": [{"type": "leader_at", "at_ms": 2900}]})";
}

}  // namespace

TEST_CASE("a held AppendEntries arrives its extra delay late - after newer ones on its link", "[engine][hold]") {
  const auto trace = traced(raft_hold(R"({"at_ms": 1000, "type": "hold", "from": "leader", "message": "AppendEntries",
                                          "delay_ms": 400, "count": 3})"),
                            "hold-ae");
  const auto holds = of_kind(trace, "hold");
  REQUIRE(holds.size() == 3);  // count: 3
  const Messages m = messages(trace);
  for (const auto& h : holds) {
    const uint64_t id = h["msg"].get<uint64_t>();
    CHECK(h["extra_us"] == 400000);
    REQUIRE(m.sent.count(id) == 1);
    CHECK(m.sent.at(id)["type"] == "AppendEntries");
    CHECK(m.sent.at(id)["t_ms"].get<double>() >= 1000);
    REQUIRE(m.delivered.count(id) == 1);
    const double late = m.delivered.at(id)["t_ms"].get<double>() - m.sent.at(id)["t_ms"].get<double>();
    CHECK(late >= 401);  // the network's 1..5 ms, plus the 400 ms held
    CHECK(late <= 405);
    // A later message on the same link is delivered before the held one: reordered.
    const auto overtaken = std::any_of(m.sent.begin(), m.sent.end(), [&](const std::pair<const uint64_t, json>& s) {
      return s.first > id && s.second["node"] == m.sent.at(id)["node"] && s.second["to"] == h["to"] &&
             m.delivered.count(s.first) == 1 &&
             m.delivered.at(s.first)["t_ms"].get<double>() < m.delivered.at(id)["t_ms"].get<double>();
    });
    CHECK(overtaken);
  }
}

TEST_CASE("a hold catches only its link and its type - and only while it lasts", "[engine][hold]") {
  const auto trace = traced(raft_hold(R"({"at_ms": 800, "type": "hold", "from": 2, "to": 3, "delay_ms": [50, 60],
                                          "count": 1000, "duration_ms": 300})"),
                            "hold-link");
  const auto holds = of_kind(trace, "hold");
  REQUIRE_FALSE(holds.empty());
  const Messages m = messages(trace);
  for (const auto& h : holds) {
    const auto& send = m.sent.at(h["msg"].get<uint64_t>());
    CHECK(send["node"] == 2);
    CHECK(send["to"] == 3);
    CHECK(send["t_ms"].get<double>() >= 800);
    CHECK(send["t_ms"].get<double>() < 1100);
    CHECK(h["extra_us"].get<int64_t>() >= 50000);
    CHECK(h["extra_us"].get<int64_t>() <= 60000);
  }
  // Every message 2 -> 3 sent inside the window was held (probability 1).
  const auto in_window = std::count_if(m.sent.begin(), m.sent.end(), [](const std::pair<const uint64_t, json>& s) {
    const double t = s.second["t_ms"].get<double>();
    return s.second["node"] == 2 && s.second["to"] == 3 && t >= 800 && t < 1100;
  });
  CHECK(static_cast<size_t>(in_window) == holds.size());
}

TEST_CASE("a triggered hold binds \"trigger\" to the new leader and holds its messages", "[engine][hold]") {
  const auto trace = traced(raft_hold(R"({"at_ms": 0, "type": "hold", "from": "trigger", "message": "AppendEntries",
                                          "delay_ms": 200, "count": 2, "on": {"event": "leader"}})"),
                            "hold-trig");
  const auto triggers = of_kind(trace, "trigger");
  REQUIRE(triggers.size() == 1);
  const auto holds = of_kind(trace, "hold");
  REQUIRE(holds.size() == 2);
  for (const auto& h : holds) CHECK(h["node"] == triggers[0]["node"]);
}

TEST_CASE("a hold with probability holds some matching messages - drawn from the run's seed", "[engine][hold]") {
  const std::string s = raft_hold(R"({"at_ms": 500, "type": "hold", "delay_ms": [10, 100], "probability": 0.3,
                                      "count": 1000000, "duration_ms": 2000})");
  const auto a = traced(s, "hold-p1");
  const auto b = traced(s, "hold-p2");
  const auto held = of_kind(a, "hold").size();
  const auto matching = std::count_if(a.begin(), a.end(), [](const json& e) {
    return e["kind"] == "send" && e["t_ms"].get<double>() >= 500 && e["t_ms"].get<double>() < 2500;
  });
  CHECK(held > static_cast<size_t>(matching) / 10);
  CHECK(held < static_cast<size_t>(matching) / 2);
  CHECK(of_kind(b, "hold") == of_kind(a, "hold"));
}
