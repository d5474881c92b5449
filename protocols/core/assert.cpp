#include "protocols/core/assert.h"

#include <fmt/format.h>

namespace consim {

AssertionFailure::AssertionFailure(const char* file, int line, const char* condition, std::string message)
    : std::logic_error(fmt::format("{}:{}: assertion failed: {}: {}", file, line, condition, message)),
      where_(fmt::format("{}:{}", file, line)),
      what_failed_(fmt::format("{}: {}", condition, message)) {}

void assertion_failed(const char* file, int line, const char* condition, std::string message) {
  throw AssertionFailure(file, line, condition, std::move(message));
}

}  // namespace consim
