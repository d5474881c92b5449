// `consim compare` output: a table with one row per protocol (text), or the
// same figures as one JSON object.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/compare.h"

namespace consim {

std::string comparison_to_text(const Comparison& c);
nlohmann::ordered_json comparison_to_json(const Comparison& c);

}  // namespace consim
