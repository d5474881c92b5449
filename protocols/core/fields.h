// FieldSink: where protocol messages, durable records and trace events write
// their content. The trace hash and the JSON Lines writer are both sinks, so
// what is hashed and what is printed come from the same code.
#pragma once

#include <cstdint>
#include <string_view>

namespace consim {

class FieldSink {
 public:
  virtual ~FieldSink() = default;
  virtual void field(std::string_view name, uint64_t value) = 0;
  virtual void field_signed(std::string_view name, int64_t value) = 0;
  virtual void field(std::string_view name, std::string_view value) = 0;
  virtual void field(std::string_view name, bool value) = 0;
  // Context for a person reading the trace that hashed fields already imply
  // (a command whose digest is hashed, the sender of a message whose id is):
  // the JSON trace shows it, the trace hash skips it.
  virtual void detail(std::string_view name, uint64_t value) { (void)name, (void)value; }
  virtual void detail(std::string_view name, std::string_view value) { (void)name, (void)value; }
  // Convenience overloads so callers need no casts for common integer types.
  void field(std::string_view name, int value) { field_signed(name, value); }
  void field(std::string_view name, uint32_t value) { field(name, static_cast<uint64_t>(value)); }
  void field(std::string_view name, const char* value) { field(name, std::string_view(value)); }
};

}  // namespace consim
