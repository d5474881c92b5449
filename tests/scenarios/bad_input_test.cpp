// Hardening (README "Hardening"): every way a scenario file can be bad gives
// exit code 2 and one message per problem naming the file and the JSON path
// (or line:column when the text is not JSON) and what was expected, and
// nothing is run. Each case goes through the loader API and through the real
// binary (`validate`, and `run --trace`, which must create no trace file).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "scenarios/json_reader.h"
#include "scenarios/loader.h"
#include "support/run_consim.h"

namespace consim {
namespace {

namespace fs = std::filesystem;
using consim_test::run_consim;
using consim_test::TempDir;

std::string scenario_with(const std::string& fields) {
  return R"({"name": "t", "protocol": "raft", "nodes": 3, "duration_ms": 1000)" +
         (fields.empty() ? "" : ", " + fields) + "}";
}

struct BadText {
  const char* what;      // the case, for messages
  std::string text;      // the file's bytes
  std::string expected;  // what must follow the file's path in the first message
};

// ":1:COLUMN" of the first `token` in a one-line `text`: where a syntax error is reported.
std::string column_of(const std::string& text, const std::string& token) {
  return ":1:" + std::to_string(text.find(token) + 1);
}

std::vector<BadText> bad_texts() {
  const std::string two_to_64 = "18446744073709551616";
  const std::string with_nul = scenario_with("") + std::string("\0junk", 5);
  const std::string big = R"({"name": "t", "protocol": "raft", "nodes": 3, "duration_ms": 1e400})";
  const std::string big_negative = scenario_with(R"("network": {"delay_ms": [-1e400, 1]})");
  const std::string nan = R"({"name": "t", "protocol": "raft", "nodes": 3, "duration_ms": NaN})";
  const std::string inf = R"({"name": "t", "protocol": "raft", "nodes": 3, "duration_ms": Infinity})";
  const std::string minus_inf = R"({"name": "t", "protocol": "raft", "nodes": 3, "duration_ms": -Infinity})";
  return {
      {"an empty file", "", ": the file is empty (expected a JSON object)"},
      {"only white space", " \n\t", ":2:2: invalid JSON: syntax error while parsing value - unexpected end of input"},
      {"a byte that is not UTF-8 in a string", "{\"name\": \"a\xff\"}",
       ":1:12: invalid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: "
       "'\"a\\xFF'"},
      {"a byte that is not UTF-8 outside strings", "{\"name\": \xc3\x28}", ":1:10: invalid JSON: "},
      {"a UTF-16 file", std::string("\xff\xfe{\0\"\0", 6), ": starts with a UTF-16 byte order mark: expected UTF-8 JSON"},
      {"a NUL byte after a valid document", with_nul,
       column_of(with_nul, std::string(1, '\0')) + ": invalid JSON: a NUL byte, which JSON does not allow"},
      {"a raw control character in a string", "{\"name\": \"x\x01\"}",
       ":1:12: invalid JSON: syntax error while parsing value - invalid string: control character U+0001 (SOH) must be "
       "escaped"},
      {"arrays nested 100000 deep", std::string(100000, '[') + std::string(100000, ']'),
       ": /0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0: nesting deeper than 32 levels: not a "
       "scenario file"},
      {"objects nested 33 deep in a field", scenario_with(R"("description": )" + std::string(33, '[') +
                                                          std::string(33, ']')),
       ": /description/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0: nesting deeper than 32 levels"},
      {"2^64 as the seed", scenario_with(R"("seed": )" + two_to_64),
       ": /seed: expected an integer 0..18446744073709551615 (got 1.8446744073709552e+19)"},
      {"2^64 as the node count",
       R"({"name": "t", "protocol": "raft", "nodes": )" + two_to_64 + R"(, "duration_ms": 1000})",
       ": /nodes: expected an integer 1..64 (got 1.8446744073709552e+19)"},
      {"-1 for a count", scenario_with(R"("workload": {"clients": -1})"),
       ": /workload/clients: expected an integer 1..1000 (got -1)"},
      {"-1 for max_requests", scenario_with(R"("workload": {"max_requests": -1})"),
       ": /workload/max_requests: expected an integer 1..1000000 (got -1)"},
      {"-1 for the seed", scenario_with(R"("seed": -1)"), ": /seed: expected an integer 0..18446744073709551615 (got -1)"},
      // nlohmann reports a number at its last character, a literal at its first wrong one.
      {"1e400", big, column_of(big, "0}") + ": invalid JSON: number overflow parsing '1e400'"},
      {"-1e400 inside an array", big_negative,
       column_of(big_negative, "0, 1]") + ": invalid JSON: number overflow parsing '-1e400'"},
      {"a NaN literal", nan,
       column_of(nan, "N") + ": invalid JSON: syntax error while parsing value - invalid literal; last read: "
                             "'\"duration_ms\": N'"},
      {"an Infinity literal", inf,
       column_of(inf, "I") + ": invalid JSON: syntax error while parsing value - invalid literal"},
      {"a -Infinity literal", minus_inf,
       column_of(minus_inf, "I") +
           ": invalid JSON: syntax error while parsing value - invalid number; expected digit after '-'"},
      {"NaN as a string", R"({"name": "t", "protocol": "raft", "nodes": 3, "duration_ms": "NaN"})",
       ": /duration_ms: expected a duration in ms > 0 and <= 86400000 (got \"NaN\")"},
      {"a key given twice", R"({"name": "t", "protocol": "raft", "nodes": 3, "nodes": 5, "duration_ms": 1000})",
       ": /nodes: field appears twice in one object (the JSON would keep only the last)"},
      {"a run longer than 24 h", R"({"name": "t", "protocol": "raft", "nodes": 3, "duration_ms": 86400000.5})",
       ": /duration_ms: expected a duration in ms > 0 and <= 86400000 (got 86400000.5)"},
      {"more than a million requests", scenario_with(R"("workload": {"max_requests": 1000001})"),
       ": /workload/max_requests: expected an integer 1..1000000 (got 1000001)"},
      {"more than 1000 clients", scenario_with(R"("workload": {"clients": 1001})"),
       ": /workload/clients: expected an integer 1..1000 (got 1001)"},
      {"more than 64 nodes", R"({"name": "t", "protocol": "raft", "nodes": 65, "duration_ms": 1000})",
       ": /nodes: expected an integer 1..64 (got 65)"},
  };
}

// The temporary files an output leaves while it is written (cli_util.h).
bool has_temp_files(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().find(".consim-tmp-") != std::string::npos) return true;
  return false;
}

// `file` is bad: the loader says so first with `expected`, and the binary
// exits 2 with the same message, running nothing and writing no trace.
void check_rejected(const std::string& file, const std::string& expected) {
  const LoadResult loaded = load_scenario_file(file);
  CHECK_FALSE(loaded.ok());
  REQUIRE_FALSE(loaded.errors.empty());
  CHECK(loaded.errors.front().starts_with(file + expected));
  for (const auto& e : loaded.errors) CHECK(e.starts_with(file + ":"));

  const auto validate = run_consim({"validate", file});
  INFO("validate stderr:\n" << validate.err);
  CHECK(validate.exit_code == 2);
  CHECK(validate.out.empty());
  CHECK(validate.err.starts_with(file + expected));

  const TempDir out("bad-input-out");
  const auto run = run_consim({"run", file, "--trace", out.str("trace.jsonl"), "--json"});
  INFO("run stderr:\n" << run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK(run.err.starts_with(file + expected));
  CHECK_FALSE(fs::exists(out / "trace.jsonl"));
  CHECK_FALSE(has_temp_files(out / ""));
}

}  // namespace

TEST_CASE("hardening: each kind of bad text is exit 2 naming the file - the place and what was expected",
          "[hardening][loader]") {
  const TempDir dir("bad-input");
  int n = 0;
  for (const BadText& bad : bad_texts()) {
    INFO("case: " << bad.what);
    const std::string file = dir.str("case-" + std::to_string(n++) + ".json");
    consim_test::write_file(file, bad.text);
    check_rejected(file, bad.expected);
  }
}

TEST_CASE("hardening: a missing file and a directory are exit 2 naming them", "[hardening][loader]") {
  const TempDir dir("bad-input-files");
  check_rejected(dir.str("missing.json"), ": cannot read: no such file");
  check_rejected(dir.str(""), ": is a directory, not a scenario file");
  check_rejected(dir.str("no-such-dir/s.json"), ": cannot read: no such file");
}

TEST_CASE("hardening: a file larger than 16 MiB is refused before it is parsed", "[hardening][loader]") {
  const TempDir dir("bad-input-huge");
  const std::string file = dir.str("huge.json");
  {
    // Valid JSON all the same: the size alone is refused.
    std::ofstream out(file, std::ios::binary);
    out << scenario_with(R"("description": ")");
    out << std::string(kMaxScenarioFileBytes, 'x') << "\"}";
  }
  REQUIRE(fs::file_size(file) > kMaxScenarioFileBytes);
  check_rejected(file, ": larger than 16 MiB: not a scenario file");
}

TEST_CASE("hardening: an endless file is read no further than 16 MiB", "[hardening][loader]") {
  // /dev/zero has no size to check first: the reader counts while it reads.
  if (!fs::exists("/dev/zero")) return;
  check_rejected("/dev/zero", ": larger than 16 MiB: not a scenario file");
}

TEST_CASE("hardening: a file that cannot be read is exit 2 with the reason", "[hardening][loader]") {
  // /proc/self/mem opens, but reading it at offset 0 fails with EIO, even
  // for root: the read-error path, wherever the test runs.
  if (fs::exists("/proc/self/mem")) check_rejected("/proc/self/mem", ": cannot read: Input/output error");

  const TempDir dir("bad-input-perm");
  const std::string file = dir.str("secret.json");
  consim_test::write_file(file, scenario_with(""));
  REQUIRE(chmod(file.c_str(), 0) == 0);
  // chmod 000 does not stop root (CAP_DAC_OVERRIDE): detect whether it
  // blocks this process rather than assume.
  const int fd = open(file.c_str(), O_RDONLY);
  if (fd >= 0) {
    close(fd);
    WARN("this process can read a chmod 000 file (running as root?): the permission-denied case is not checked here");
  } else {
    check_rejected(file, ": cannot read: Permission denied");
  }
  chmod(file.c_str(), 0600);
}

TEST_CASE("hardening: consim merge refuses a deeply nested line - never a stack overflow", "[hardening]") {
  const TempDir dir("bad-input-merge");
  const std::string file = dir.str("deep.jsonl");
  const std::string header = R"({"sweep": {"protocol": "raft", "seeds": "1..1", "shard": "0/1"}})";
  consim_test::write_file(file, header + "\n" + R"({"seed": 1, "result": "pass", "x": )" +
                                    std::string(200000, '[') + std::string(200000, ']') + "}\n");
  const auto r = run_consim({"merge", file, "--out", dir.str("merged.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: consim merge: " + file + ":2: expected one run summary (a JSON object with seed and result)\n");
  CHECK_FALSE(fs::exists(dir / "merged.jsonl"));
}

TEST_CASE("hardening: the limits accept their largest values", "[hardening][loader]") {
  const LoadResult r = parse_scenario(
      R"({"name": "t", "protocol": "raft", "nodes": 64, "duration_ms": 86400000, "seed": 18446744073709551615,
          "workload": {"clients": 1000, "max_requests": 1000000},
          "description": )" + std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']') + "}",
      "t.json");
  // The document is 32 deep at most, so it parses; only the description's type is wrong.
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].starts_with("t.json: /description: expected a string"));
  CHECK(r.errors[0].size() < 200);

  const LoadResult ok = parse_scenario(
      R"({"name": "t", "protocol": "raft", "nodes": 64, "duration_ms": 86400000,
          "workload": {"clients": 1000, "max_requests": 1000000}})",
      "t.json");
  CHECK(ok.ok());
}

TEST_CASE("hardening: messages quote odd bytes readably and cut long values at a character", "[hardening][loader]") {
  CHECK(printable_text("plain", 60) == "plain");
  CHECK(printable_text("a\xff" "b\x01", 60) == "a\\xFFb\\x01");
  CHECK(printable_text("caf\xc3\xa9", 60) == "caf\xc3\xa9");
  // A cut never splits a character: 'é' is two bytes.
  const std::string cut = printable_text(std::string(56, 'x') + "\xc3\xa9\xc3\xa9\xc3\xa9", 60);
  CHECK(cut == std::string(56, 'x') + "...");
  const std::string long_value = printable_text(std::string(100, 'y'), 60);
  CHECK(long_value == std::string(57, 'y') + "...");
  CHECK(json_nesting_exceeds("[[[]]]", 2));
  CHECK_FALSE(json_nesting_exceeds("[[]]", 2));
  CHECK_FALSE(json_nesting_exceeds(R"(["[[[[", "\"[[["])", 2));
}

}  // namespace consim
