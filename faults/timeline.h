// Applies one fault of the timeline to the cluster.
#pragma once

#include <string>

#include "faults/cluster_control.h"

namespace consim {

struct FaultOutcome {
  bool applied = false;
  std::string detail;  // what was done ("crash node 3"), or why it was skipped
};

FaultOutcome apply_fault(const FaultAction& action, ClusterControl& cluster);

}  // namespace consim
