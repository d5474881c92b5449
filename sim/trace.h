// The trace: every event of a run, in execution order. An always-on 64-bit
// hash over a canonical encoding of each event (time, node, kind, content;
// never wall time or addresses) identifies the run: two runs are the same run
// exactly when their hashes are equal. Optionally, every event is also
// written as one JSON object per line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "protocols/core/command.h"
#include "protocols/core/fields.h"
#include "protocols/core/hash.h"
#include "protocols/core/time.h"

namespace consim {

// Feeds every field into a StableHasher.
class HashSink final : public FieldSink {
 public:
  explicit HashSink(StableHasher& h) : h_(h) {}
  void field(std::string_view name, uint64_t value) override;
  void field_signed(std::string_view name, int64_t value) override;
  void field(std::string_view name, std::string_view value) override;
  void field(std::string_view name, bool value) override;
  using FieldSink::field;

 private:
  StableHasher& h_;
};

// Appends `,"name":value` pairs to a JSON line under construction.
class JsonFieldSink final : public FieldSink {
 public:
  explicit JsonFieldSink(std::string& line) : line_(line) {}
  void field(std::string_view name, uint64_t value) override;
  void field_signed(std::string_view name, int64_t value) override;
  void field(std::string_view name, std::string_view value) override;
  void field(std::string_view name, bool value) override;
  void detail(std::string_view name, uint64_t value) override { field(name, value); }
  void detail(std::string_view name, std::string_view value) override { field(name, value); }
  using FieldSink::field;

 private:
  void key(std::string_view name);
  std::string& line_;
};

// Writes to two sinks at once.
class TeeSink final : public FieldSink {
 public:
  TeeSink(FieldSink& a, FieldSink& b) : a_(a), b_(b) {}
  void field(std::string_view n, uint64_t v) override { a_.field(n, v), b_.field(n, v); }
  void field_signed(std::string_view n, int64_t v) override { a_.field_signed(n, v), b_.field_signed(n, v); }
  void field(std::string_view n, std::string_view v) override { a_.field(n, v), b_.field(n, v); }
  void field(std::string_view n, bool v) override { a_.field(n, v), b_.field(n, v); }
  void detail(std::string_view n, uint64_t v) override { a_.detail(n, v), b_.detail(n, v); }
  void detail(std::string_view n, std::string_view v) override { a_.detail(n, v), b_.detail(n, v); }
  using FieldSink::field;

 private:
  FieldSink& a_;
  FieldSink& b_;
};

void append_json_string(std::string& out, std::string_view s);

class Trace {
 public:
  // `jsonl` may be null: then only the hash is kept.
  explicit Trace(std::FILE* jsonl = nullptr) : jsonl_(jsonl) {}

  // Records one event. `fields(FieldSink&)` writes its content.
  template <typename Fields>
  void record(Time t, NodeId node, std::string_view kind, Fields&& fields) {
    ++events_;
    hasher_.add(static_cast<uint64_t>(t.us()));
    hasher_.add(static_cast<uint64_t>(node));
    hasher_.add(kind);
    HashSink hash_sink(hasher_);
    if (jsonl_ == nullptr) {
      fields(static_cast<FieldSink&>(hash_sink));
      return;
    }
    begin_line(t, node, kind);
    JsonFieldSink json_sink(line_);
    TeeSink tee(hash_sink, json_sink);
    fields(static_cast<FieldSink&>(tee));
    end_line();
  }
  void record(Time t, NodeId node, std::string_view kind) {
    record(t, node, kind, [](FieldSink&) {});
  }

  uint64_t hash() const { return hasher_.value(); }
  std::string hash_hex() const;
  uint64_t events() const { return events_; }

 private:
  void begin_line(Time t, NodeId node, std::string_view kind);
  void end_line();

  std::FILE* jsonl_;
  StableHasher hasher_;
  uint64_t events_ = 0;
  std::string line_;
};

std::string hex16(uint64_t v);

}  // namespace consim
