#include "reports/message_sampler.h"

#include <algorithm>

namespace consim {
namespace {

// A duplicated message may add a second arrow; this bounds all of them.
constexpr size_t kMaxArrows = MessageSampler::kSampledBudget + MessageSampler::kFocusBudget + 2'000;
// Message types beyond this many share the last name.
constexpr size_t kMaxTypes = 200;

}  // namespace

MessageSampler::MessageSampler(uint64_t messages_sent)
    : stride_(std::max<uint64_t>(1, (messages_sent + kSampledBudget - 1) / kSampledBudget)) {}

bool MessageSampler::in_focus(Time t) const {
  return std::any_of(focus_.begin(), focus_.end(), [t](const TimeWindow& w) { return w.contains(t); });
}

uint16_t MessageSampler::type_index(std::string_view type) {
  const auto it = type_ids_.find(type);
  if (it != type_ids_.end()) return it->second;
  if (types_.size() >= kMaxTypes) return static_cast<uint16_t>(kMaxTypes - 1);
  const auto id = static_cast<uint16_t>(types_.size());
  types_.emplace_back(type);
  type_ids_.emplace(std::string(type), id);
  return id;
}

void MessageSampler::on_send(Time t, int from, int to, uint64_t msg, std::string_view type) {
  const uint64_t n = sent_++;
  if (arrows_.size() >= kMaxArrows) return;
  const bool sampled = n % stride_ == 0;
  const bool focus = !sampled && focus_kept_ < kFocusBudget && in_focus(t);
  if (!sampled && !focus) return;
  if (focus) ++focus_kept_;
  arrows_.push_back(MessageArrow{from, to, t, t, type_index(type), ArrowFate::kInFlight, focus});
  pending_[msg] = Pending{arrows_.size() - 1, 1};
}

void MessageSampler::on_duplicate(uint64_t msg) {
  const auto it = pending_.find(msg);
  if (it != pending_.end()) ++it->second.deliveries_left;
}

void MessageSampler::end(uint64_t msg, Time t, ArrowFate fate) {
  const auto it = pending_.find(msg);
  if (it == pending_.end()) return;
  Pending& p = it->second;
  if (arrows_[p.arrow].fate == ArrowFate::kInFlight) {
    arrows_[p.arrow].ended = t;
    arrows_[p.arrow].fate = fate;
  } else if (arrows_.size() < kMaxArrows) {
    // The duplicate's own arrow: the same send, another arrival.
    MessageArrow copy = arrows_[p.arrow];
    copy.ended = t;
    copy.fate = fate;
    arrows_.push_back(copy);
  }
  if (--p.deliveries_left <= 0) pending_.erase(it);
}

void MessageSampler::on_deliver(Time t, uint64_t msg) { end(msg, t, ArrowFate::kDelivered); }

void MessageSampler::on_drop(Time t, uint64_t msg, bool at_send) {
  end(msg, t, at_send ? ArrowFate::kLostAtSend : ArrowFate::kDroppedInFlight);
  // A message lost at send is never delivered, duplicate or not.
  if (at_send) pending_.erase(msg);
}

void MessageSampler::finish(Time end_time) {
  for (auto& [msg, p] : pending_)
    if (arrows_[p.arrow].fate == ArrowFate::kInFlight) arrows_[p.arrow].ended = end_time;
  pending_.clear();
}

}  // namespace consim
