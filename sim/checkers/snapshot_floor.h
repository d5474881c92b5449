// SnapshotFloor: the highest index that every node's snapshot covers. No
// node holds, appends or applies an entry at or below its own snapshot, so
// checkers may forget what they recorded at indexes below the floor.
//
// A crash does not lower a node's snapshot here: snapshots are durable and
// the node re-reports the same one (or a later one) on boot. If a node ever
// comes back with an older one, the checkers find nothing recorded for the
// indexes it re-reports and skip those comparisons; they never report on
// missing records.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "protocols/core/assert.h"
#include "protocols/core/command.h"

namespace consim {

class SnapshotFloor {
 public:
  explicit SnapshotFloor(int nodes) : last_index_(static_cast<size_t>(nodes) + 1, 0) {}

  // `node` now has a snapshot ending at `last_index`. Returns the floor.
  uint64_t update(NodeId node, uint64_t last_index) {
    CONSIM_ASSERT(node >= 1 && static_cast<size_t>(node) < last_index_.size(), "a node id outside the cluster");
    last_index_[static_cast<size_t>(node)] = last_index;
    floor_ = *std::min_element(last_index_.begin() + 1, last_index_.end());
    return floor_;
  }
  uint64_t floor() const { return floor_; }

 private:
  std::vector<uint64_t> last_index_;  // per node, [0] unused
  uint64_t floor_ = 0;
};

}  // namespace consim
