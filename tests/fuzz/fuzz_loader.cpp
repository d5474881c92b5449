// libFuzzer target: the scenario loader and validator (parse_scenario) on
// any bytes, with the round trip through scenario_to_json. See fuzz_checks.h
// for the properties and README "Hardening" for how to run it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "tests/fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string finding = consim::fuzz::check_loader_input(text);
  if (!finding.empty()) {
    std::fprintf(stderr, "fuzz_loader: %s\n", finding.c_str());
    std::abort();
  }
  return 0;
}
