#include "sim/trace.h"

#include <cinttypes>

#include <fmt/format.h>

namespace consim {

// Field names are not hashed: each event kind writes its fields in a fixed
// order, so the values alone (strings with their lengths) are canonical.
void HashSink::field(std::string_view, uint64_t value) { h_.add(value); }
void HashSink::field_signed(std::string_view, int64_t value) { h_.add(static_cast<uint64_t>(value)); }
void HashSink::field(std::string_view, std::string_view value) { h_.add(value); }
void HashSink::field(std::string_view, bool value) { h_.add(static_cast<uint64_t>(value ? 1 : 0)); }

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

void JsonFieldSink::key(std::string_view name) {
  line_.push_back(',');
  append_json_string(line_, name);
  line_.push_back(':');
}
void JsonFieldSink::field(std::string_view name, uint64_t value) {
  key(name);
  fmt::format_to(std::back_inserter(line_), "{}", value);
}
void JsonFieldSink::field_signed(std::string_view name, int64_t value) {
  key(name);
  fmt::format_to(std::back_inserter(line_), "{}", value);
}
void JsonFieldSink::field(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(line_, value);
}
void JsonFieldSink::field(std::string_view name, bool value) {
  key(name);
  line_ += value ? "true" : "false";
}

std::string hex16(uint64_t v) { return fmt::format("{:016x}", v); }

std::string Trace::hash_hex() const { return hex16(hash()); }

void Trace::begin_line(Time t, NodeId node, std::string_view kind) {
  line_.clear();
  line_ += "{\"t_ms\":";
  line_ += format_ms(t.to_ms());
  if (node != 0) fmt::format_to(std::back_inserter(line_), ",\"node\":{}", node);
  line_ += ",\"kind\":";
  append_json_string(line_, kind);
}

void Trace::end_line() {
  line_ += "}\n";
  std::fwrite(line_.data(), 1, line_.size(), jsonl_);
}

}  // namespace consim
