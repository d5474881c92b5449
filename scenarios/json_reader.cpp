#include "scenarios/json_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>

namespace consim {

using nlohmann::json;

namespace {

std::string fmt_byte(unsigned char c) {
  constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("\\x") + kHex[c >> 4] + kHex[c & 0xF];
}

}  // namespace

void JsonErrors::add(std::string_view path, std::string_view what) {
  // Keys come from the file: a newline or a stray byte in one must not break
  // the one-line message, and a huge one must not flood the terminal.
  constexpr size_t kMaxPathBytes = 300;
  constexpr size_t kMaxWhatBytes = 1000;
  std::string line = file_ + ": ";
  if (!path.empty()) line.append(printable_text(path, kMaxPathBytes)).append(": ");
  line.append(printable_text(what, kMaxWhatBytes));
  messages_.push_back(std::move(line));
}

void JsonErrors::add_syntax(size_t line, size_t column, std::string_view reason) {
  messages_.push_back(file_ + ":" + std::to_string(line) + ":" + std::to_string(column) +
                      ": invalid JSON: " + std::string(reason));
}

void JsonErrors::add_file(std::string_view what) { add("", what); }

std::string json_path(std::string_view parent, std::string_view key) {
  std::string out(parent);
  out.push_back('/');
  for (char c : key) {
    if (c == '~') out.append("~0");
    else if (c == '/') out.append("~1");
    else out.push_back(c);
  }
  return out;
}

std::string json_path(std::string_view parent, size_t index) {
  return std::string(parent) + "/" + std::to_string(index);
}

namespace {

// The length of the UTF-8 sequence that starts at text[i], or 0 when the
// bytes there are not one (a stray continuation byte, a cut sequence, an
// overlong or surrogate form).
size_t utf8_sequence_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;  // the second byte's range, narrowed for some leads
  if (lead >= 0xC2 && lead <= 0xDF) n = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) n = 3, lo = lead == 0xE0 ? 0xA0 : 0x80, hi = lead == 0xED ? 0x9F : 0xBF;
  else if (lead >= 0xF0 && lead <= 0xF4) n = 4, lo = lead == 0xF0 ? 0x90 : 0x80, hi = lead == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (i + n > text.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

std::string printable_text(std::string_view text, size_t max_bytes) {
  std::string out;
  size_t cut = std::string::npos;  // where "..." goes if the whole does not fit
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_sequence_length(text, i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (out.size() + 3 <= max_bytes) cut = out.size();
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7F))) {
      out += fmt_byte(c);
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
    if (out.size() > max_bytes) return out.substr(0, cut) + "...";
  }
  return out;
}

std::string describe_json(const json& value) {
  constexpr size_t kMaxChars = 60;
  return printable_text(value.dump(-1, ' ', false, json::error_handler_t::replace), kMaxChars);
}

std::string format_number(double value) {
  if (std::isfinite(value) && std::fabs(value) < 1e15 && value == std::floor(value)) {
    return std::to_string(static_cast<int64_t>(value));
  }
  return json(value).dump();
}

TextPosition text_position(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition pos;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      line_start = i + 1;
    }
  }
  pos.column = offset - line_start + 1;
  return pos;
}

namespace {

// Builds the document like nlohmann's own parser, and also catches what that
// parser lets through: repeated keys and runaway nesting. A SAX handler is
// the one place nlohmann reports every error (a number overflow included)
// with its byte position instead of throwing.
class StrictBuilder {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  StrictBuilder(std::string_view text, JsonErrors& errors) : text_(text), errors_(errors) {}

  json take_root() { return std::move(root_); }
  bool failed() const { return failed_; }

  bool null() { return put(json(nullptr)); }
  bool boolean(bool v) { return put(json(v)); }
  bool number_integer(number_integer_t v) { return put(json(v)); }
  bool number_unsigned(number_unsigned_t v) { return put(json(v)); }
  bool number_float(number_float_t v, const string_t&) { return put(json(v)); }
  bool string(string_t& v) { return put(json(std::move(v))); }
  bool binary(binary_t& v) { return put(json::binary(std::move(v))); }

  bool start_object(size_t) { return open(json::object()); }
  bool start_array(size_t) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t& k) {
    Frame& top = stack_.back();
    if (top.value->contains(k)) {
      errors_.add(json_path(path_of_top(), k), "field appears twice in one object (the JSON would keep only the last)");
    }
    top.key = std::move(k);
    return true;
  }

  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    // position counts the characters read, the offending one included.
    const TextPosition at = text_position(text_, position == 0 ? 0 : position - 1);
    errors_.add_syntax(at.line, at.column, printable_text(reason_of(ex.what()), 200));
    failed_ = true;
    return false;
  }

 private:
  struct Frame {
    json* value;
    std::string key;  // objects: the key whose value comes next
  };

  // "[json.exception.parse_error.101] parse error at line 1, column 2: reason" -> "reason"
  static std::string reason_of(std::string_view what) {
    if (const size_t bracket = what.find("] "); what.starts_with("[json.exception.") && bracket != what.npos) {
      what.remove_prefix(bracket + 2);
    }
    if (what.starts_with("parse error")) {
      if (const size_t colon = what.find(": "); colon != what.npos) what.remove_prefix(colon + 2);
    }
    return std::string(what);
  }

  json* insert(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& top = stack_.back();
    if (top.value->is_array()) {
      top.value->push_back(std::move(v));
      return &top.value->back();
    }
    json& slot = (*top.value)[top.key];
    slot = std::move(v);
    return &slot;
  }

  bool put(json&& v) {
    insert(std::move(v));
    return true;
  }

  bool open(json&& container) {
    if (stack_.size() >= kMaxJsonDepth) {
      errors_.add(path_of_top(), "nesting deeper than " + std::to_string(kMaxJsonDepth) +
                                     " levels: not a scenario file");
      failed_ = true;
      return false;
    }
    json* inserted = insert(std::move(container));
    stack_.push_back(Frame{inserted, {}});
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  // The JSON Pointer of the innermost open container.
  std::string path_of_top() const {
    std::string path;
    for (size_t i = 0; i + 1 < stack_.size(); ++i) {
      const Frame& f = stack_[i];
      path = f.value->is_array() ? json_path(path, f.value->size() - 1) : json_path(path, f.key);
    }
    return path;
  }

  std::string_view text_;
  JsonErrors& errors_;
  json root_;
  std::vector<Frame> stack_;
  bool failed_ = false;
};

}  // namespace

std::optional<json> parse_json_strict(std::string_view text, JsonErrors& errors) {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    errors.add_file("starts with a UTF-16 byte order mark: expected UTF-8 JSON (re-save the file as UTF-8)");
    return std::nullopt;
  }
  // nlohmann's lexer takes a NUL byte for the end of the input and would
  // ignore whatever follows it; JSON allows none outside strings, nor raw in one.
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const TextPosition at = text_position(text, nul);
    errors.add_syntax(at.line, at.column, "a NUL byte, which JSON does not allow (is this a binary file?)");
    return std::nullopt;
  }
  StrictBuilder builder(text, errors);
  const bool ok = json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true);
  // A repeated key is reported but the document is still read, so the
  // rest of its problems are found too.
  if (!ok || builder.failed()) return std::nullopt;
  return builder.take_root();
}

bool json_nesting_exceeds(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character cannot end the string
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<std::string_view> nearest_name(std::string_view word, std::span<const std::string_view> known) {
  std::optional<std::string_view> nearest;
  size_t best = 3;  // a suggestion only for a likely typo: at most 2 edits
  for (std::string_view k : known) {
    // A name without its unit ("delay" for "delay_ms"), or in another case ("Raft"), counts as one edit.
    const size_t d = k == std::string(word) + "_ms" || lower(k) == lower(word) ? 1 : edit_distance(word, k);
    if (d < best && k != word) {
      best = d;
      nearest = k;
    }
  }
  return nearest;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> known) {
  const auto nearest = nearest_name(word, known);
  return nearest ? " (did you mean \"" + std::string(*nearest) + "\"?)" : "";
}

namespace {

std::string unknown_field_message(std::string_view key, std::span<const std::string_view> known,
                                  std::string_view context) {
  std::string msg = "unknown field \"" + std::string(key) + "\"";
  if (!context.empty()) msg.append(" ").append(context);
  if (const std::string hint = did_you_mean(key, known); !hint.empty()) return msg + hint;
  if (known.empty()) return msg + " (no fields are accepted here)";
  msg.append(" (accepted: ");
  for (size_t i = 0; i < known.size(); ++i) msg.append(i ? ", " : "").append(known[i]);
  return msg + ")";
}

}  // namespace

ObjectReader::ObjectReader(const json& value, std::string path, JsonErrors& errors,
                           std::optional<std::span<const std::string_view>> known)
    : value_(value), path_(std::move(path)), errors_(errors), is_object_(value.is_object()) {
  if (!is_object_) {
    report_unexpected(JsonField{&value_, path_}, errors_, "an object");
    return;
  }
  if (known) reject_unknown(*known);
}

void ObjectReader::reject_unknown(std::span<const std::string_view> known, std::string_view context) const {
  if (!is_object_) return;
  for (const auto& [key, _] : value_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      errors_.add(json_path(path_, key), unknown_field_message(key, known, context));
    }
  }
}

bool ObjectReader::has(std::string_view key) const { return is_object_ && value_.contains(key); }

std::optional<JsonField> ObjectReader::optional(std::string_view key) const {
  if (!is_object_) return std::nullopt;
  const auto it = value_.find(key);
  if (it == value_.end()) return std::nullopt;
  return JsonField{&*it, json_path(path_, key)};
}

std::optional<JsonField> ObjectReader::required(std::string_view key) const {
  auto field = optional(key);
  if (!field && is_object_) errors_.add(json_path(path_, key), "required field is missing");
  return field;
}

void report_unexpected(const JsonField& field, JsonErrors& errors, std::string_view expected) {
  errors.add(field.path, "expected " + std::string(expected) + " (got " + describe_json(*field) + ")");
}

std::optional<std::string> read_string(const std::optional<JsonField>& field, JsonErrors& errors) {
  if (!field) return std::nullopt;
  if (!field->value->is_string()) {
    report_unexpected(*field, errors, "a string");
    return std::nullopt;
  }
  return field->value->get<std::string>();
}

std::optional<bool> read_bool(const std::optional<JsonField>& field, JsonErrors& errors) {
  if (!field) return std::nullopt;
  if (!field->value->is_boolean()) {
    report_unexpected(*field, errors, "true or false");
    return std::nullopt;
  }
  return field->value->get<bool>();
}

std::optional<uint64_t> json_to_unsigned(const json& value) {
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer()) {
    const int64_t n = value.get<int64_t>();
    if (n >= 0) return static_cast<uint64_t>(n);
  }
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (d >= 0 && d <= 9007199254740992.0 && d == std::floor(d)) return static_cast<uint64_t>(d);
  }
  return std::nullopt;
}

std::optional<uint64_t> read_integer(const std::optional<JsonField>& field, JsonErrors& errors, uint64_t min,
                                     uint64_t max) {
  if (!field) return std::nullopt;
  const std::optional<uint64_t> n = json_to_unsigned(**field);
  if (!n || *n < min || *n > max) {
    report_unexpected(*field, errors, "an integer " + std::to_string(min) + ".." + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::string NumberBounds::describe() const {
  if (min_exclusive) return "> " + format_number(min) + " and <= " + format_number(max);
  return format_number(min) + ".." + format_number(max);
}

std::optional<double> read_number(const std::optional<JsonField>& field, JsonErrors& errors, std::string_view what,
                                  NumberBounds bounds) {
  if (!field) return std::nullopt;
  const json& v = **field;
  const bool fits = v.is_number() && std::isfinite(v.get<double>()) &&
                    (bounds.min_exclusive ? v.get<double>() > bounds.min : v.get<double>() >= bounds.min) &&
                    v.get<double>() <= bounds.max;
  if (!fits) {
    report_unexpected(*field, errors, std::string(what) + " " + bounds.describe());
    return std::nullopt;
  }
  return v.get<double>();
}

}  // namespace consim
