#include "protocols/core/command.h"

#include "protocols/core/hash.h"

namespace consim {

const char* op_name(OpType op) {
  switch (op) {
    case OpType::kNoop: return "noop";
    case OpType::kPut: return "put";
    case OpType::kAppend: return "append";
    case OpType::kGet: return "get";
  }
  return "?";
}

uint64_t Command::digest() const {
  StableHasher h;
  h.add(static_cast<uint64_t>(op));
  h.add(static_cast<uint64_t>(client));
  h.add(seq);
  h.add(key);
  h.add(value);
  return h.value();
}

void Command::encode(FieldSink& out) const {
  out.field("op", op_name(op));
  if (op == OpType::kNoop) return;
  out.field("client", client);
  out.field("seq", seq);
  out.field("key", key);
  if (op != OpType::kGet) out.field("value", value);
}

void Command::encode_by_digest(FieldSink& out, uint64_t command_digest) const {
  out.field("digest", command_digest);
  out.detail("op", op_name(op));
  if (op == OpType::kNoop) return;
  out.detail("client", static_cast<uint64_t>(client));
  out.detail("seq", seq);
  out.detail("key", key);
  if (op != OpType::kGet) out.detail("value", value);
}

}  // namespace consim
