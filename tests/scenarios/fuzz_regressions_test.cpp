// Every input the fuzz targets (tests/fuzz) ever found a problem with is a
// file in tests/scenarios/regressions/, replayed here: through the fuzz
// checks themselves (fuzz_checks.h: a clean error or a clean, repeatable
// run), and through the real binary, which must answer with exit 0, 1 or 2
// and never die of a signal.
#include <filesystem>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/run_consim.h"
#include "tests/fuzz/fuzz_checks.h"

namespace {

namespace fs = std::filesystem;
const fs::path kRegressions = fs::path(CONSIM_SOURCE_DIR) / "tests" / "scenarios" / "regressions";

std::set<fs::path> regression_files() {
  std::set<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kRegressions))
    if (entry.is_regular_file() && entry.path().extension() != ".md") files.insert(entry.path());
  return files;
}

}  // namespace

TEST_CASE("fuzz regressions: every found input passes the fuzz checks again", "[fuzz][regressions]") {
  const auto files = regression_files();
  REQUIRE_FALSE(files.empty());
  for (const fs::path& file : files) {
    INFO(file.filename().string());
    const std::string text = consim_test::slurp(file);
    CHECK(consim::fuzz::check_loader_input(text).empty());
    CHECK(consim::fuzz::check_run_input(text).empty());
  }
}

TEST_CASE("fuzz regressions: the binary validates and runs each found input cleanly", "[fuzz][regressions]") {
  for (const fs::path& file : regression_files()) {
    INFO(file.filename().string());
    const auto validate = consim_test::run_consim({"validate", file.string()});
    INFO(validate.err);
    REQUIRE((validate.exit_code == 0 || validate.exit_code == 2));
    if (validate.exit_code == 2) {
      // One line per problem, each naming the file.
      CHECK(validate.out.empty());
      size_t start = 0;
      while (start < validate.err.size()) {
        const size_t end = validate.err.find('\n', start);
        REQUIRE(end != std::string::npos);
        CHECK(validate.err.compare(start, file.string().size() + 1, file.string() + ":") == 0);
        start = end + 1;
      }
      continue;
    }
    if (!consim::fuzz::runnable(consim_test::slurp(file))) continue;
    const auto run = consim_test::run_consim({"run", file.string(), "--max-events", "5000", "--json"});
    CHECK((run.exit_code == 0 || run.exit_code == 1));
    CHECK(nlohmann::json::accept(run.out));
  }
}
