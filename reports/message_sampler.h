// The message arrows of a run report. A long run sends far more messages than
// a diagram can show or a file should hold, so beyond a budget only every
// k-th message is kept (deterministically: by send order), except that every
// message sent inside a focus window (around a violation, just after a fault)
// is kept, up to a budget of its own.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocols/core/time.h"

namespace consim {

enum class ArrowFate : uint8_t {
  kDelivered = 0,
  kDroppedInFlight = 1,  // sent, then lost at the receiver (link cut since, receiver crashed)
  kLostAtSend = 2,       // never left: link down, or lost by the network
  kInFlight = 3,         // still in flight when the run ended
};

struct MessageArrow {
  int from = 0;
  int to = 0;
  Time sent;
  Time ended;  // delivery or drop; `sent` for kLostAtSend, the run's end for kInFlight
  uint16_t type = 0;  // index into MessageSampler::types()
  ArrowFate fate = ArrowFate::kInFlight;
  bool focus = false;  // kept because it lies in a focus window
};

struct TimeWindow {
  Time from;
  Time to;
  bool contains(Time t) const { return from <= t && t <= to; }
};

class MessageSampler {
 public:
  // Every message is kept while a run sends at most this many.
  static constexpr uint64_t kSampledBudget = 40'000;
  // Messages kept for lying in a focus window, on top of the sampled ones.
  static constexpr uint64_t kFocusBudget = 6'000;

  // `messages_sent` (from the run summary) sets the sampling stride.
  explicit MessageSampler(uint64_t messages_sent);
  void add_focus(TimeWindow w) { focus_.push_back(w); }

  void on_send(Time t, int from, int to, uint64_t msg, std::string_view type);
  void on_duplicate(uint64_t msg);  // the network will deliver `msg` twice
  void on_deliver(Time t, uint64_t msg);
  void on_drop(Time t, uint64_t msg, bool at_send);
  void finish(Time end);

  const std::vector<MessageArrow>& arrows() const { return arrows_; }
  const std::vector<std::string>& types() const { return types_; }
  uint64_t sent() const { return sent_; }
  uint64_t stride() const { return stride_; }

 private:
  struct Pending {
    size_t arrow;
    int deliveries_left;
  };
  bool in_focus(Time t) const;
  uint16_t type_index(std::string_view type);
  void end(uint64_t msg, Time t, ArrowFate fate);

  uint64_t stride_;
  uint64_t sent_ = 0;
  uint64_t focus_kept_ = 0;
  std::vector<TimeWindow> focus_;
  std::vector<MessageArrow> arrows_;
  std::vector<std::string> types_;
  std::map<std::string, uint16_t, std::less<>> type_ids_;
  std::unordered_map<uint64_t, Pending> pending_;  // kept messages not yet delivered or dropped
};

}  // namespace consim
