// The event queue: a binary min-heap of pending events.
//
// Order: events pop in increasing (time, seq), where seq is the insertion
// sequence number, assigned from a counter that only grows. Two events at the
// same simulated time therefore run in the order they were scheduled, which
// never depends on pointer values, payload contents or hash-map order. This
// is the tie-break the whole simulator's determinism rests on.
//
// Cancellation is lazy: payloads live in a slab, the heap holds (time, seq,
// slot); cancel() marks the slot dead and pop() discards dead entries when
// they surface. A handle is (slot, seq), so a stale handle to a reused slot
// cancels nothing.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "protocols/core/time.h"

namespace consim {

struct EventId {
  uint32_t slot = UINT32_MAX;
  uint64_t seq = 0;
  bool valid() const { return slot != UINT32_MAX; }
};

template <typename Payload>
class EventQueue {
 public:
  struct Popped {
    Time time;
    uint64_t seq;
    Payload payload;
  };

  EventId push(Time t, Payload payload) {
    const uint64_t seq = next_seq_++;
    uint32_t slot;
    if (free_.empty()) {
      slot = static_cast<uint32_t>(slots_.size());
      slots_.push_back(Slot{std::move(payload), seq, true});
    } else {
      slot = free_.back();
      free_.pop_back();
      Slot& s = slots_[slot];
      s.payload = std::move(payload);
      s.seq = seq;
      s.live = true;
    }
    heap_.push_back(Entry{t.us(), seq, slot});
    sift_up(heap_.size() - 1);
    ++live_;
    return EventId{slot, seq};
  }

  // Returns true if the event was pending and is now cancelled.
  bool cancel(EventId id) {
    if (!id.valid() || id.slot >= slots_.size()) return false;
    Slot& s = slots_[id.slot];
    if (!s.live || s.seq != id.seq) return false;
    s.live = false;
    --live_;
    return true;
  }

  bool empty() const { return live_ == 0; }
  size_t size() const { return live_; }
  // Entries the heap holds: live ones and cancelled ones not yet discarded.
  size_t held() const { return heap_.size(); }
  uint64_t scheduled_total() const { return next_seq_; }

  // Time of the earliest live event, if any.
  std::optional<Time> next_time() {
    discard_dead_top();
    if (heap_.empty()) return std::nullopt;
    return Time::from_us(heap_.front().time_us);
  }

  std::optional<Popped> pop() {
    discard_dead_top();
    if (heap_.empty()) return std::nullopt;
    const Entry top = heap_.front();
    remove_top();
    Slot& s = slots_[top.slot];
    Popped out{Time::from_us(top.time_us), top.seq, std::move(s.payload)};
    s.live = false;
    free_.push_back(top.slot);
    --live_;
    return out;
  }

 private:
  struct Entry {
    int64_t time_us;
    uint64_t seq;
    uint32_t slot;
    bool before(const Entry& o) const {
      return time_us != o.time_us ? time_us < o.time_us : seq < o.seq;
    }
  };
  struct Slot {
    Payload payload;
    uint64_t seq;
    bool live;
  };

  void discard_dead_top() {
    while (!heap_.empty()) {
      const Entry& top = heap_.front();
      const Slot& s = slots_[top.slot];
      if (s.live && s.seq == top.seq) return;
      // A cancelled slot is freed only here, once its heap entry is gone, so
      // that no live heap entry ever points at a reused slot.
      free_.push_back(top.slot);
      remove_top();
    }
  }

  void remove_top() {
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
  }

  void sift_up(size_t i) {
    const Entry e = heap_[i];
    while (i > 0) {
      const size_t parent = (i - 1) / 2;
      if (!e.before(heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  void sift_down(size_t i) {
    const size_t n = heap_.size();
    const Entry e = heap_[i];
    for (;;) {
      size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap_[child + 1].before(heap_[child])) ++child;
      if (!heap_[child].before(e)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = e;
  }

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
  uint64_t next_seq_ = 0;
  size_t live_ = 0;
};

}  // namespace consim
