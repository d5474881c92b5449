#include "protocols/core/time.h"

#include <fmt/format.h>

namespace consim {

std::string format_ms(double ms) {
  std::string s = fmt::format("{:.3f}", ms);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace consim
