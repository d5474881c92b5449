// Applying committed entries to the key-value state machine.
#include "protocols/core/assert.h"
#include "protocols/raft/node.h"

namespace consim::raft {

// Rules for Servers, all servers: "If commitIndex > lastApplied: increment
// lastApplied, apply log[lastApplied] to state machine". A leader answers the
// client waiting for the entry; reads waiting for this index proceed; the log
// is compacted when enough has been applied.
void RaftNode::apply_committed(Context& ctx) {
  // raft.apply-uncommitted applies whatever the log holds.
  const uint64_t limit = bugs_.has(Bug::kRaftApplyUncommitted) ? log_.last_index() : commit_index_;
  while (last_applied_ < limit) {
    const uint64_t index = last_applied_ + 1;
    const LogEntry& entry = log_.at(index);
    const std::string& result = kv_.apply(index, *entry.command, entry.digest);
    last_applied_ = index;
    ctx.observe(EntryApplied{index, entry.command.get(), entry.digest});
    if (role_ == Role::kLeader) clients_.complete(ctx, *entry.command, result);
  }
  if (role_ == Role::kLeader && !pending_reads_.empty()) serve_reads(ctx);
  maybe_compact(ctx);
}

}  // namespace consim::raft
