// Small pieces shared by the HTML reports: escaping, embedding data, and the
// frame of a self-contained page (inline style and script, nothing fetched).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace consim {

std::string html_escape(std::string_view text);

// JSON to embed in <script type="application/json" id=ID>: every '<' is
// written as \u003c, so no "</script>" inside a string can end the element.
// Invalid UTF-8 is replaced rather than thrown on.
std::string json_for_script(const nlohmann::ordered_json& data);

// A <table> row of cells already escaped.
std::string table_row(std::initializer_list<std::string_view> cells, std::string_view tag = "td");

struct PageParts {
  std::string title;      // plain text
  std::string body;       // HTML
  std::string data_id;    // id of the embedded JSON element
  std::string data_json;  // from json_for_script
  std::string_view script;
};
// The whole page: head with the shared style, body, the embedded data, then
// the script (which finds the data by id).
std::string html_page(const PageParts& parts);

}  // namespace consim
