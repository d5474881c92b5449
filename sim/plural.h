// "1 crash", "3 crashes": a count and its noun, singular or plural, for the
// sentences of summaries, reports and expectations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace consim {

inline std::string counted(uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace consim
