#include "sim/holds.h"

#include <algorithm>

namespace consim {

void Holds::add(Time now, std::optional<NodeId> from, std::optional<NodeId> to, const HoldFault& hold) {
  std::optional<Time> until;
  if (hold.duration) until = now + *hold.duration;
  rules_.push_back(Rule{from, to, hold.message, hold.delay, hold.probability, hold.count, until});
}

std::optional<Duration> Holds::held(Time now, NodeId from, NodeId to, std::string_view type, Rng& rng) {
  std::erase_if(rules_, [now](const Rule& r) { return r.left == 0 || (r.until && now >= *r.until); });
  for (Rule& r : rules_) {
    if ((r.from && *r.from != from) || (r.to && *r.to != to)) continue;
    if (!r.message.empty() && r.message != type) continue;
    if (r.probability < 1.0 && !rng.bernoulli(r.probability)) continue;
    --r.left;
    return rng.uniform_duration(r.delay);
  }
  return std::nullopt;
}

}  // namespace consim
