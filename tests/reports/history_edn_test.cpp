// The EDN export of the client history (reports/history_edn.h), as Knossos
// and Elle read it: the same events, in the same order, as the JSON Lines
// export, for a linearizable run and for a run whose history has no
// linearization; and EDN's own escapes.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/history_edn.h"
#include "support/run_consim.h"

using consim_test::run_consim;
using consim_test::TempDir;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// One EDN line of the export, read back as the JSON line it must equal: the
// map's keys in their order, strings with EDN's escapes, nil, keywords.
json from_edn(const std::string& line) {
  static const std::regex form(
      R"re(^\{:index (\d+), :time (\d+), :process (\d+), :type :(invoke|ok|info), :f :(put|get|append), )re"
      R"re(:key ("(?:[^"\\]|\\.)*"), :value \[("(?:[^"\\]|\\.)*") (nil|"(?:[^"\\]|\\.)*")\]\}$)re");
  std::smatch m;
  REQUIRE(std::regex_match(line, m, form));
  const auto str = [](const std::string& edn) { return edn == "nil" ? json(nullptr) : json::parse(edn); };
  CHECK(m[6] == m[7]);  // :key and the tuple's key
  return {{"index", std::stoull(m[1])}, {"time", std::stoll(m[2])}, {"process", std::stoull(m[3])},
          {"type", m[4]},               {"f", m[5]},                 {"key", str(m[6])},
          {"value", str(m[8])}};
}

// The run's history in both formats, line for line the same events.
void check_same_history(const std::vector<std::string>& run_args, const std::string& verdict) {
  const TempDir dir("history-edn");
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = run_args;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_consim(args);
  };
  const auto jsonl = with({"--history", dir.str("h.jsonl"), "--json"});
  const auto edn = with({"--history", dir.str("h.edn"), "--history-format", "edn", "--json"});
  REQUIRE(jsonl.exit_code == edn.exit_code);
  CHECK(json::parse(edn.out)["linearizability"]["verdict"] == verdict);
  const auto a = lines_of(consim_test::slurp(dir / "h.jsonl"));
  const auto b = lines_of(consim_test::slurp(dir / "h.edn"));
  REQUIRE(a.size() > 10);
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO(b[i]);
    json expected = json::parse(a[i]);
    expected.erase("time_ms");
    CHECK(from_edn(b[i]) == expected);
  }
}

}  // namespace

TEST_CASE("history EDN: a linearizable run's history is the JSON Lines history", "[reports][history_edn]") {
  check_same_history({"run", "--protocol", "raft", "--nodes", "3", "--seed", "1"}, "ok");
}

TEST_CASE("history EDN: a non-linearizable run's history is the JSON Lines history", "[reports][history_edn]") {
  check_same_history({"run", "--protocol", "raft", "--nodes", "3", "--seed", "39", "--bug", "raft.local-read"},
                     "violation");
}

TEST_CASE("history EDN: strings use EDN escapes and a pending operation ends as :info", "[reports][history_edn]") {
  consim::History h;
  consim::HistoryOp put;
  put.client = 2;
  put.op = consim::OpType::kPut;
  put.key = "k\"1";
  put.value = "a\\b\nc";
  put.invoke = consim::Time::from_us(5);
  h.push_back(put);
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  consim::write_history_edn(h, f);
  std::rewind(f);
  std::string text;
  for (int c = std::fgetc(f); c != EOF; c = std::fgetc(f)) text += static_cast<char>(c);
  std::fclose(f);
  CHECK(text ==
        "{:index 0, :time 5000, :process 2, :type :invoke, :f :put, :key \"k\\\"1\", :value [\"k\\\"1\" \"a\\\\b\\nc\"]}\n"
        "{:index 1, :time 5000, :process 2, :type :info, :f :put, :key \"k\\\"1\", :value [\"k\\\"1\" \"a\\\\b\\nc\"]}\n");
}
