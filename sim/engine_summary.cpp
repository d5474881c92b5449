// Turns the finished run into its Summary.
#include <algorithm>

#include "sim/checkers/linearizability.h"
#include "sim/engine.h"
#include "sim/node_slot.h"
#include "sim/percentile.h"
#include "sim/version.h"

namespace consim {

// Linearizability is checked once, on the finished history: a violation can
// involve operations answered long after the first of them.
LinearizabilityVerdict Engine::check_history() {
  LinearizabilityVerdict out;
  if (!clients_ || !options_.check_linearizability) return out;
  LinBudget budget;
  budget.max_states = options_.linearizability_max_states;
  const LinModel model =
      traits_.client_object == ClientObject::kWriteOnceRegister ? LinModel::kWriteOnceRegister : LinModel::kKeyValue;
  const LinResult r = check_linearizability(clients_->history(), model, budget);
  out.states = r.states_explored;
  out.reason = r.reason;
  switch (r.verdict) {
    case LinResult::Verdict::kLinearizable: out.verdict = LinVerdict::kOk; break;
    case LinResult::Verdict::kUnknown: out.verdict = LinVerdict::kUnknown; break;
    case LinResult::Verdict::kViolation:
      out.verdict = LinVerdict::kViolation;
      report(to_violation(r, clients_->history()));
      break;
  }
  return out;
}

// A crashed run skips what would judge the state its assertion ruled out
// (the history check, the final expectations): the crash is its finding. An
// assertion that fires in those end-of-run checks is a crash too.
Summary Engine::summarize() {
  Summary s;
  if (!crash_) {
    try {
      s.linearizability = check_history();
      uint64_t max_log = 0;
      for (NodeId n = 1; n <= scenario_.nodes; ++n)
        if (is_up(n)) max_log = std::max(max_log, status(n).log_entries);
      s.expectations = expectations_.finish(violations_, history(), max_log);
    } catch (const AssertionFailure& failure) {
      record_crash(failure, 0);
      s.linearizability = {};
      s.expectations.clear();
    }
  }
  summarize_run(s);
  const bool expectations_ok =
      std::all_of(s.expectations.begin(), s.expectations.end(), [](const auto& e) { return e.ok; });
  // With a `violates` entry the scenario is about a checker firing: that
  // entry, not the bare presence of violations, decides.
  const bool checkers_ok = violations_.empty() || expectations_.expects_violation();
  s.pass = expectations_ok && checkers_ok && !stopped_early_ && !crash_;
  return s;
}

Summary crash_outside_run(const Scenario& scenario, const RunOptions& options, const std::string& what) {
  Summary s;
  s.consim_version = kVersion;
  s.scenario = scenario.name;
  s.protocol = scenario.protocol;
  s.nodes = scenario.nodes;
  s.seed = scenario.seed;
  s.bugs = scenario.bugs;
  s.crash = CrashReport{what, "(outside the event loop)", 0, 0, 0};
  s.repro = options.repro;
  return s;
}

void Engine::summarize_run(Summary& s) {
  s.consim_version = kVersion;
  s.scenario = scenario_.name;
  s.protocol = scenario_.protocol;
  s.nodes = scenario_.nodes;
  s.seed = streams_.run_seed();
  s.bugs = scenario_.bugs;
  s.violations = violations_;
  s.faults_skipped = skipped_;
  s.stopped_early = stopped_early_;
  s.crash = crash_;
  s.trace_hash = trace_.hash_hex();
  s.coverage = coverage_.result();
  s.events = events_;
  s.sim_time_ms = now_.to_ms();

  s.stats = stats_;
  recovery_.summarize(history(), s.stats);
  if (clients_) {
    for (const auto& op : clients_->history()) {
      if (op.outcome == Outcome::kOk) ++s.stats.client_ok;
      else ++s.stats.client_failed;
    }
    s.stats.client_retries = clients_->retries();
    const auto& lat = clients_->ok_latencies_ms();
    s.stats.commit_latency_ms = {percentile(lat, 0.50), percentile(lat, 0.99), percentile(lat, 1.0)};
  }
  s.repro = options_.repro;
}

}  // namespace consim
