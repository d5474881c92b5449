// The state of the cluster's links over a run, rebuilt from the trace's fault
// events, so a report can shade the time in which a node was cut off.
//
// A fault event carries the resolved description that faults/timeline.cpp
// writes ("partition {1,2} {3,4,5}", "isolate node 3", "cut 3 -> 4",
// "cut 2 <-> 5", "heal"); the rules are those of sim/network.h: a partition
// replaces every earlier block, isolate and cut add to them, heal clears all.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace consim {

class LinkState {
 public:
  explicit LinkState(int nodes);

  // Applies one applied fault; returns false when it is not a link fault or
  // its description cannot be read (the state is then left as it was).
  bool apply(std::string_view type, std::string_view detail);

  bool link_up(int from, int to) const { return !blocked_[index(from, to)]; }
  // How `node` is cut off right now, for a label: "" when every link to and
  // from it works, "isolated", "cut off from 2,5", "cannot send to 4",
  // "cannot hear from 3" (the last two joined with "; " when both hold).
  std::string cut_off_label(int node) const;
  // Whether `node` has working links both ways to a majority of the cluster
  // (itself included): if not, it is on the minority side of the faults.
  bool reaches_majority(int node) const;

 private:
  size_t index(int from, int to) const {
    return static_cast<size_t>(from - 1) * static_cast<size_t>(nodes_) + static_cast<size_t>(to - 1);
  }
  bool valid(int node) const { return node >= 1 && node <= nodes_; }
  bool partition(std::string_view groups);
  bool cut(std::string_view link);

  int nodes_;
  std::vector<uint8_t> blocked_;  // nodes x nodes, row = sender
};

}  // namespace consim
