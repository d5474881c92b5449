#include "protocols/multipaxos/messages.h"

namespace consim::multipaxos {
namespace {

void encode_body(const P1a& m, FieldSink& out) {
  out.field("ballot", m.ballot);
  out.field("from_slot", m.from_slot);
}

void encode_body(const P1b& m, FieldSink& out) {
  out.field("ballot", m.ballot);
  out.field("promised", m.promised);
  out.field("from_slot", m.from_slot);
  out.field("accepted", static_cast<uint64_t>(m.accepted.size()));
  // The highest slot reported, and the snapshot's end: enough to tell two
  // answers apart without hashing every pvalue.
  out.field("last_slot", m.accepted.empty() ? uint64_t{0} : m.accepted.back().slot);
  out.field("snapshot_last_index", m.snapshot ? m.snapshot->last_index : uint64_t{0});
}

void encode_body(const P2a& m, FieldSink& out) {
  out.field("ballot", m.ballot);
  out.field("first_slot", m.first_slot);
  out.field("proposals", static_cast<uint64_t>(batch_size(m.proposals)));
  out.field("chosen_through", m.chosen_through);
}

void encode_body(const P2b& m, FieldSink& out) {
  out.field("ballot", m.ballot);
  out.field("promised", m.promised);
  out.field("first_slot", m.first_slot);
  out.field("count", m.count);
  out.field("ready_through", m.ready_through);
}

void encode_body(const InstallSnapshot& m, FieldSink& out) {
  out.field("ballot", m.ballot);
  out.field("last_index", m.snapshot ? m.snapshot->last_index : uint64_t{0});
}

void encode_body(const InstallSnapshotReply& m, FieldSink& out) {
  out.field("ballot", m.ballot);
  out.field("promised", m.promised);
  out.field("ready_through", m.ready_through);
}

}  // namespace

void encode_fields(const MultiPaxosPayload& payload, FieldSink& out) {
  std::visit([&out](const auto& m) { encode_body(m, out); }, payload);
}

}  // namespace consim::multipaxos
