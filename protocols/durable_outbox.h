// Persist before send, one home for every protocol (STYLE.md 11).
//
// A message (or any action) whose meaning depends on durable state must not
// leave before that state is on disk: a crash would otherwise erase what the
// message claimed. The rule, for every protocol: if anything was written
// since the last sync, a sync starts, and the action happens only once the
// newest sync has completed (Node::on_synced). Held actions happen in the
// order they were asked for. A message held back this way is no different
// from a slow one.
//
// The outbox owns that gate and nothing else. What a protocol records per
// sync (which log index it makes durable, when it started) stays with the
// protocol, which starts its syncs through its own start_sync and reports
// them with sync_started().
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <utility>

#include "protocols/core/assert.h"
#include "protocols/core/message.h"
#include "protocols/core/node.h"

namespace consim {

// A message that leaves through the outbox.
struct Outgoing {
  NodeId to = 0;
  MessagePtr message;
};

template <typename Action>
class DurableOutbox {
 public:
  // A record went to the journal (Context::write): the next action waits for
  // a sync.
  void wrote() { unsynced_writes_ = true; }
  // The journal was replaced (Context::rewrite), durably at once: nothing
  // written so far is unsynced. Syncs still in flight complete as before.
  void rewritten() { unsynced_writes_ = false; }

  // Starts a sync of everything written so far (Context::sync) and returns
  // its id.
  uint64_t start_sync(Context& ctx) {
    const uint64_t id = ctx.sync();
    CONSIM_ASSERT(id > last_sync_started_, "sync ids increase");
    last_sync_started_ = id;
    unsynced_writes_ = false;
    return id;
  }

  // The gate. If anything was written since the last sync, start_sync() (the
  // protocol's, which calls start_sync(ctx) above) starts one; `action` is
  // then performed (perform(action)) at once if no sync is in flight, else
  // held until the newest one completes.
  template <typename StartSync, typename Perform>
  void after_durable(Action action, StartSync&& start_sync, Perform&& perform) {
    if (unsynced_writes_) start_sync();
    if (last_sync_started_ > last_sync_completed_) {
      held_.push_back(Held{last_sync_started_, std::move(action)});
      return;
    }
    perform(action);
  }

  // Syncs complete in the order they were started (Context::sync): every
  // action held for a sync up to `sync_id` is performed, in order.
  template <typename Perform>
  void on_synced(uint64_t sync_id, Perform&& perform) {
    last_sync_completed_ = std::max(last_sync_completed_, sync_id);
    while (!held_.empty() && held_.front().sync_id <= sync_id) {
      Held h = std::move(held_.front());
      held_.pop_front();
      perform(h.action);
    }
  }

  // Everything written is synced and nothing waits.
  bool settled() const { return !unsynced_writes_ && held_.empty() && last_sync_started_ <= last_sync_completed_; }

 private:
  struct Held {
    uint64_t sync_id = 0;  // performed once this sync completes
    Action action;
  };

  bool unsynced_writes_ = false;  // written since the last sync started
  uint64_t last_sync_started_ = 0;
  uint64_t last_sync_completed_ = 0;
  std::deque<Held> held_;
};

}  // namespace consim
