#include "protocols/paxos/messages.h"

namespace consim::paxos {
namespace {

void encode_value(const Value& v, FieldSink& out) {
  if (v) v.command->encode_by_digest(out, v.digest);
  else out.field("digest", uint64_t{0});
}

void encode_body(const Prepare& m, FieldSink& out) {
  out.field("instance", m.instance);
  out.field("ballot", m.ballot);
}

void encode_body(const Promise& m, FieldSink& out) {
  out.field("instance", m.instance);
  out.field("ballot", m.ballot);
  out.field("accepted_ballot", m.accepted_ballot);
  encode_value(m.accepted_value, out);
}

void encode_body(const Accept& m, FieldSink& out) {
  out.field("instance", m.instance);
  out.field("ballot", m.ballot);
  encode_value(m.value, out);
}

void encode_body(const Accepted& m, FieldSink& out) {
  out.field("instance", m.instance);
  out.field("ballot", m.ballot);
}

void encode_body(const Nack& m, FieldSink& out) {
  out.field("instance", m.instance);
  out.field("ballot", m.ballot);
  out.field("promised_ballot", m.promised_ballot);
}

void encode_body(const Chosen& m, FieldSink& out) {
  out.field("instance", m.instance);
  encode_value(m.value, out);
}

void encode_body(const ChosenAck& m, FieldSink& out) { out.field("instance", m.instance); }

}  // namespace

void encode_fields(const PaxosPayload& payload, FieldSink& out) {
  std::visit([&out](const auto& m) { encode_body(m, out); }, payload);
}

}  // namespace consim::paxos
