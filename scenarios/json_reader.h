// Reading a JSON document strictly, with one home for its error reporting:
// every problem becomes one line "FILE: /json/pointer: what was expected (got
// X)", or "FILE:LINE:COLUMN: invalid JSON: reason" when the text is not JSON.
// Readers collect every problem instead of stopping at the first, and never
// throw on odd input: a value of the wrong type is a problem like any other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace consim {

// The problems found in one file.
class JsonErrors {
 public:
  explicit JsonErrors(std::string file) : file_(std::move(file)) {}

  // "FILE: PATH: what"; an empty path (the whole document) gives "FILE: what".
  void add(std::string_view path, std::string_view what);
  // "FILE:LINE:COLUMN: invalid JSON: reason"
  void add_syntax(size_t line, size_t column, std::string_view reason);
  // "FILE: what", for problems with the file itself.
  void add_file(std::string_view what);
  // Appends to the last message (a " (did you mean ...?)"); nothing when `text` is empty.
  void append_to_last(std::string_view text) {
    if (!text.empty() && !messages_.empty()) messages_.back().append(text);
  }

  bool empty() const { return messages_.empty(); }
  size_t size() const { return messages_.size(); }
  std::vector<std::string> take() { return std::move(messages_); }

 private:
  std::string file_;
  std::vector<std::string> messages_;
};

// JSON Pointer (RFC 6901) paths: "/faults/2/node".
std::string json_path(std::string_view parent, std::string_view key);
std::string json_path(std::string_view parent, size_t index);

// A short rendering of a value for "(got X)": its JSON text, cut if long.
std::string describe_json(const nlohmann::json& value);

// `text` made safe for a one-line message: bytes that are not valid UTF-8,
// and control characters, become \xNN; cut (with "...") at a character
// boundary to at most about `max_bytes`.
std::string printable_text(std::string_view text, size_t max_bytes);

// A number as a person writes it: 1000000000, not 1e+09 or 1000000000.0.
std::string format_number(double value);

// Parses `text` as one JSON document, reporting what nlohmann would accept
// silently or throw on: a key repeated in one object (reported; the last
// one wins, and the document is still returned), numbers too large for a
// double and nesting deeper than kMaxJsonDepth (no document).
inline constexpr size_t kMaxJsonDepth = 32;
std::optional<nlohmann::json> parse_json_strict(std::string_view text, JsonErrors& errors);

// Whether `text` opens more than `max_depth` arrays or objects inside one
// another (brackets inside strings do not count). A check to run before
// handing text to nlohmann's own parse(): a value that deep would overflow
// the stack of the recursive code that later prints or compares it.
bool json_nesting_exceeds(std::string_view text, size_t max_depth = kMaxJsonDepth);

// The known name nearest to `word`, for a "did you mean": at most 2 edits
// away (another case alone, or a missing "_ms", counts as 1); nullopt when
// none is that near.
std::optional<std::string_view> nearest_name(std::string_view word, std::span<const std::string_view> known);
// ` (did you mean "X"?)`, or "" when no known name is near.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> known);

// Byte offset (0-based) -> 1-based line and column, as editors count them.
struct TextPosition {
  size_t line = 1;
  size_t column = 1;
};
TextPosition text_position(std::string_view text, size_t offset);

// One value found in a document, with the path it was found at.
struct JsonField {
  const nlohmann::json* value = nullptr;
  std::string path;
  const nlohmann::json& operator*() const { return *value; }
  const nlohmann::json* operator->() const { return value; }
};

// Reads one JSON object field by field. On construction it reports a value
// that is not an object, and every field not in `known` (suggesting the
// nearest known name), so a typo is never silently ignored. An object whose
// accepted fields depend on one of its own fields (a fault's `type`) is
// constructed with std::nullopt and checked with reject_unknown() once the
// fields are known.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& value, std::string path, JsonErrors& errors,
               std::optional<std::span<const std::string_view>> known);

  // Reports each field not in `known`; `context` ("for raft") follows the name.
  void reject_unknown(std::span<const std::string_view> known, std::string_view context = {}) const;

  bool is_object() const { return is_object_; }
  const std::string& path() const { return path_; }
  bool has(std::string_view key) const;
  std::optional<JsonField> optional(std::string_view key) const;
  // Reports "required field is missing" when absent (and the value is an object).
  std::optional<JsonField> required(std::string_view key) const;

 private:
  const nlohmann::json& value_;
  std::string path_;
  JsonErrors& errors_;
  bool is_object_ = false;
};

// The value as an unsigned integer, if it is one (3.0 counts; 3.5, -1 and
// floats beyond 2^53, where doubles stop being exact, do not).
std::optional<uint64_t> json_to_unsigned(const nlohmann::json& value);

// Readers of plain values. Each takes the field (absent: returns nullopt and
// reports nothing), reports a problem and returns nullopt when the value does
// not fit, and otherwise returns it.
std::optional<std::string> read_string(const std::optional<JsonField>& field, JsonErrors& errors);
std::optional<bool> read_bool(const std::optional<JsonField>& field, JsonErrors& errors);
// An integer in [min, max], as json_to_unsigned reads it.
std::optional<uint64_t> read_integer(const std::optional<JsonField>& field, JsonErrors& errors, uint64_t min,
                                     uint64_t max);

// A finite number in [min, max], or (min, max] when min_exclusive.
struct NumberBounds {
  double min = 0;
  double max = 0;
  bool min_exclusive = false;
  std::string describe() const;  // "0..1", "> 0 and <= 1000"
};
std::optional<double> read_number(const std::optional<JsonField>& field, JsonErrors& errors,
                                  std::string_view what, NumberBounds bounds);

// Reports `what` at `field` with "(got X)"; what readers use for a mismatch.
void report_unexpected(const JsonField& field, JsonErrors& errors, std::string_view expected);

// Sets `target` when `value` holds one; leaves the default otherwise.
template <class T>
void set_if(T& target, std::optional<T> value) {
  if (value) target = std::move(*value);
}

}  // namespace consim
