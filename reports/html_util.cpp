#include "reports/html_util.h"

#include "reports/report_assets.h"

namespace consim {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string json_for_script(const nlohmann::ordered_json& data) {
  const std::string raw = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '<')
      out += "\\u003c";
    else
      out.push_back(c);
  }
  return out;
}

std::string table_row(std::initializer_list<std::string_view> cells, std::string_view tag) {
  std::string out = "<tr>";
  for (auto cell : cells) {
    out += "<";
    out += tag;
    out += ">";
    out += cell;
    out += "</";
    out += tag;
    out += ">";
  }
  return out + "</tr>\n";
}

std::string html_page(const PageParts& p) {
  std::string out;
  out.reserve(p.body.size() + p.data_json.size() + p.script.size() + kReportScriptCommon.size() + kReportStyle.size() + 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(p.title) + "</title>\n<style>\n";
  out += kReportStyle;
  out += "</style>\n</head>\n<body data-rendered=\"no\">\n";
  out += p.body;
  out += "<script type=\"application/json\" id=\"" + p.data_id + "\">";
  out += p.data_json;
  out += "</script>\n<script>\n";
  out += kReportScriptCommon;
  out += p.script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace consim
