// Triggered faults (faults/triggers.h) and faults that other faults schedule
// (a crash's restart_after): what the engine does with them.
#include "sim/engine.h"

#include "sim/node_slot.h"

namespace consim {

void Engine::schedule_fault(Duration after, FaultAction action) {
  fired_.push_back(std::move(action));
  queue_.push(now_ + after, Event{0, 0, FaultFires{fired_.size() - 1, true}});
}

// Each trigger the event fires schedules its fault; the trace records the
// firing, so that a reader sees why the fault came.
void Engine::cluster_event(const ClusterEvent& ev) {
  firings_.clear();
  triggers_.on_event(now_, ev, trigger_rng_, firings_);
  for (Firing& f : firings_) {
    trace_.record(now_, ev.node, "trigger", [&](FieldSink& out) {
      out.field("event", trigger_event_name(ev.event));
      out.field("fault", static_cast<uint64_t>(f.fault));
      out.field("type", fault_type_name(f.action));
      out.field("after_us", static_cast<uint64_t>(f.after.count_us()));
    });
    schedule_fault(f.after, std::move(f.action));
  }
}

}  // namespace consim
