// libFuzzer target: a scenario end to end. Valid inputs within the caps of
// fuzz_checks.h (at most 7 nodes and 16 clients, 5,000 events) run twice,
// with every checker on; invalid or larger ones are rejected from the corpus.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "tests/fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!consim::fuzz::runnable(text)) return -1;  // not a scenario this target runs: not worth keeping
  const std::string finding = consim::fuzz::check_run_input(text);
  if (!finding.empty()) {
    std::fprintf(stderr, "fuzz_run: %s\n", finding.c_str());
    std::abort();
  }
  return 0;
}
