// The generator's faults that draw from streams of their own (so that each
// leaves a seed's other faults as they were): disk latency, held-back
// messages, and triggered faults aimed at the moments where protocol
// mistakes show.
#pragma once

#include <vector>

#include "faults/generator.h"

namespace consim::generator {

NodeRef id_ref(NodeId id);
// "Whoever leads when the fault fires"; Basic Paxos has no leader, so there
// it is any up node.
NodeRef leader_ref(Protocol protocol);

// Disks that take time to sync ("generator.disk"), when `o.kinds` has disk.
void add_disk_faults(const GenOptions& o, Time faults_from, Time heal_at, Scenario& s);
// Messages held back and delivered late ("generator.hold"), when `o.kinds` has hold.
void add_hold_faults(const GenOptions& o, Time faults_from, Time heal_at, Scenario& s);
// Triggered faults ("generator.triggers") for the fault kinds this seed uses.
void add_triggered_faults(const GenOptions& o, const std::vector<FaultKind>& kinds, Time faults_from, Time heal_at,
                          Scenario& s);

// Basic Paxos: now and then several clients on one fresh key at a time.
void add_contention(const GenOptions& o, Scenario& s);
// Raft and Multi-Paxos: now and then one client bound to each node.
void add_bound_clients(const GenOptions& o, Scenario& s);
// Now and then hot keys: a Zipf skew over the keys.
void add_hot_keys(const GenOptions& o, Scenario& s);

}  // namespace consim::generator
