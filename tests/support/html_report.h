// Reading a consim HTML report back in a test: its embedded JSON data, and
// whether anything in it would be fetched from the network.
#pragma once

#include <regex>
#include <string>

#include <nlohmann/json.hpp>

namespace consim_test {

// The JSON inside <script type="application/json" id="ID">...</script>.
inline nlohmann::json embedded_json(const std::string& html, const std::string& id) {
  const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
  const auto start = html.find(open);
  if (start == std::string::npos) return nullptr;
  const auto from = start + open.size();
  const auto end = html.find("</script>", from);
  if (end == std::string::npos) return nullptr;
  return nlohmann::json::parse(html.substr(from, end - from), nullptr, false);
}

// True when a src, href or CSS url() points at a network address, or a
// <link> or external <script> pulls anything in.
inline bool fetches_anything(const std::string& html) {
  static const std::regex remote(
      R"((src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//|<link\b|<script[^>]*\bsrc\s*=)",
      std::regex::icase);
  return std::regex_search(html, remote);
}

}  // namespace consim_test
