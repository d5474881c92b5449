// The Jepsen-style JSON Lines export of the client history
// (reports/history_jsonl.h): one line per event in time order, invocation
// then completion, pending operations closed by "info" lines at the end.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/history_jsonl.h"

namespace consim::testing {
namespace {

HistoryOp op(ClientId client, uint64_t seq, OpType type, std::string key, std::string value, int64_t invoke_us) {
  HistoryOp h;
  h.client = client;
  h.seq = seq;
  h.op = type;
  h.key = std::move(key);
  h.value = std::move(value);
  h.invoke = Time::from_us(invoke_us);
  h.node = 1;
  h.attempts = 1;
  return h;
}

HistoryOp answered(HistoryOp h, int64_t complete_us, std::string result) {
  h.outcome = Outcome::kOk;
  h.complete = Time::from_us(complete_us);
  h.result = std::move(result);
  return h;
}

std::vector<std::string> export_lines(const History& h) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  write_history_jsonl(h, f);
  std::rewind(f);
  std::vector<std::string> lines;
  std::string line;
  for (int c = std::fgetc(f); c != EOF; c = std::fgetc(f)) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += static_cast<char>(c);
    }
  }
  std::fclose(f);
  CHECK(line.empty());  // every line ends with a newline
  return lines;
}

TEST_CASE("history export writes invocations and answers in time order as Jepsen lines", "[reports][history_jsonl]") {
  History h;
  h.push_back(answered(op(1, 1, OpType::kPut, "k1", "c1-1", 1000), 12'500, "c1-1"));
  h.push_back(answered(op(2, 1, OpType::kGet, "k1", "", 2000), 3000, ""));
  h.push_back(answered(op(2, 2, OpType::kAppend, "k1", "c2-2", 3000), 14'000, "c1-1c2-2"));
  h.push_back(op(3, 1, OpType::kPut, "k2", "c3-1", 4000));  // never answered
  h.push_back(answered(op(1, 2, OpType::kGet, "k1", "", 12'500), 20'000, "c1-1c2-2"));

  const std::vector<std::string> lines = export_lines(h);
  REQUIRE(lines.size() == 10);
  CHECK(lines[0] ==
        R"({"index":0,"time":1000000,"time_ms":1.0,"process":1,"type":"invoke","f":"put","key":"k1","value":"c1-1"})");
  CHECK(lines[1] ==
        R"({"index":1,"time":2000000,"time_ms":2.0,"process":2,"type":"invoke","f":"get","key":"k1","value":null})");

  std::vector<nlohmann::json> events;
  for (const std::string& line : lines) events.push_back(nlohmann::json::parse(line));
  std::vector<std::string> order;
  for (const auto& e : events) order.push_back(e["type"].get<std::string>() + " " + std::to_string(e["process"].get<int>()));
  CHECK(order == std::vector<std::string>{"invoke 1", "invoke 2", "ok 2", "invoke 2", "invoke 3", "ok 1", "invoke 1",
                                          "ok 2", "ok 1", "info 3"});
  for (size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i]["index"] == i);
    CHECK(events[i]["time_ms"].get<double>() * 1e6 == Approx(events[i]["time"].get<double>()));
    if (i > 0) CHECK(events[i]["time"] >= events[i - 1]["time"]);
  }
  // Client 1's answer and its next invocation share an instant: answer first.
  CHECK(events[5]["time"] == 12'500'000);
  CHECK(events[6]["time"] == 12'500'000);
  // An answer carries the value returned; for a write, the value after it.
  CHECK(events[7]["f"] == "append");
  CHECK(events[7]["value"] == "c1-1c2-2");
  CHECK(events[8]["value"] == "c1-1c2-2");
  // The pending put ends the file as "info" with its own value, at the last time seen.
  CHECK(events[9]["type"] == "info");
  CHECK(events[9]["f"] == "put");
  CHECK(events[9]["key"] == "k2");
  CHECK(events[9]["value"] == "c3-1");
  CHECK(events[9]["time"] == 20'000'000);
}

TEST_CASE("history export of an empty history writes nothing", "[reports][history_jsonl]") {
  CHECK(export_lines({}).empty());
}

}  // namespace
}  // namespace consim::testing
