// A node's timers, one home for every protocol (STYLE.md 11). Each kind of
// timer a node sets has at most one pending timer, set and cancelled through
// the Context; the node tells it when the engine delivers it (fired()).
#pragma once

#include "protocols/core/node.h"
#include "protocols/core/time.h"

namespace consim {

class Timer {
 public:
  explicit Timer(int kind) : kind_(kind) {}

  // Fires on_timer(kind) after `after` of the node's clock, in place of the
  // pending one if there is one.
  void arm(Context& ctx, Duration after) {
    if (armed_) ctx.cancel_timer(handle_);
    handle_ = ctx.set_timer(after, kind_);
    armed_ = true;
    fires_at_ = ctx.now() + after;
  }
  void disarm(Context& ctx) {
    if (armed_) ctx.cancel_timer(handle_);
    armed_ = false;
  }
  // The engine delivered it (Node::on_timer): nothing is pending any more.
  void fired() { armed_ = false; }
  bool armed() const { return armed_; }
  Time fires_at() const { return fires_at_; }  // meaningful while armed

 private:
  const int kind_;
  TimerHandle handle_;
  bool armed_ = false;
  Time fires_at_;
};

// A randomized timeout that every word from a leader resets (Raft's election
// timeout, Multi-Paxos's leader timeout). Instead of cancelling and setting
// the timer again at every reset, a reset moves the deadline, and a timer
// that fires before it re-arms itself for the rest: one timer event per
// timeout, not one per message.
class Timeout {
 public:
  explicit Timeout(int kind) : timer_(kind) {}

  // Draws a fresh timeout from `range` on the node's own random stream and
  // waits for it from now.
  void reset(Context& ctx, DurationRange range) {
    const Duration timeout = ctx.rng().uniform_duration(range);
    deadline_ = ctx.now() + timeout;
    if (!timer_.armed() || timer_.fires_at() > deadline_) timer_.arm(ctx, timeout);
  }
  // Asked when the timer fires: whether the timeout has elapsed. If a reset
  // moved the deadline since the timer was set, it is re-armed for the rest
  // and the answer is no.
  bool elapsed_or_rearm(Context& ctx) {
    const Time now = ctx.now();
    if (now >= deadline_) return true;
    timer_.arm(ctx, deadline_ - now);
    return false;
  }
  void disarm(Context& ctx) { timer_.disarm(ctx); }
  void fired() { timer_.fired(); }
  bool armed() const { return timer_.armed(); }

 private:
  Timer timer_;
  Time deadline_;
};

}  // namespace consim
