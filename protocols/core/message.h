// The engine carries protocol messages and durable records without knowing
// their types: each protocol derives its own from these bases (and inside
// them dispatches with std::variant + std::visit). Both are immutable once
// made, so a duplicated message or a durable record can be shared.
#pragma once

#include <memory>
#include <string_view>

#include "protocols/core/fields.h"

namespace consim {

class Message {
 public:
  virtual ~Message() = default;
  // The paper's name for the message, e.g. "AppendEntries".
  virtual std::string_view type() const = 0;
  // Canonical content for the trace and its hash.
  virtual void encode(FieldSink& out) const = 0;
};
using MessagePtr = std::shared_ptr<const Message>;

// One durable write. A node's durable store is a journal of records; after a
// crash the node boots from the records that were synced.
class Record {
 public:
  virtual ~Record() = default;
  virtual std::string_view type() const = 0;
};
using RecordPtr = std::shared_ptr<const Record>;

}  // namespace consim
