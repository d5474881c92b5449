#include "protocols/raft/quorum.h"

#include <algorithm>
#include <array>
#include <functional>

#include "protocols/core/assert.h"
#include "protocols/core/quorum.h"

namespace consim::raft {

int quorum_size(int nodes, bool minority_bug) {
  if (minority_bug) return std::max(1, nodes / 2);
  return majority(nodes);
}

uint64_t quorum_value(std::span<const uint64_t> values, int quorum) {
  constexpr auto kMaxValues = static_cast<size_t>(kMaxNodes);
  CONSIM_ASSERT(quorum >= 1 && static_cast<size_t>(quorum) <= values.size() && values.size() <= kMaxValues,
                "quorum out of range");
  std::array<uint64_t, kMaxValues> sorted{};
  std::copy(values.begin(), values.end(), sorted.begin());
  const auto end = sorted.begin() + static_cast<std::ptrdiff_t>(values.size());
  const auto kth = sorted.begin() + (quorum - 1);
  std::nth_element(sorted.begin(), kth, end, std::greater<>());
  return *kth;
}

}  // namespace consim::raft
