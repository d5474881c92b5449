#include "faults/shrinker.h"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "scenarios/loader.h"

namespace consim {
namespace {

using Violated = ShrinkRun::Violated;

const Violated* earliest_violation(const ShrinkRun& s, std::optional<Invariant> of = std::nullopt) {
  const Violated* best = nullptr;
  for (const auto& v : s.violations)
    if ((!of || v.invariant == *of) && (best == nullptr || v.time < best->time)) best = &v;
  return best;
}

std::optional<ShrinkTarget> target_of(const ShrinkRun& s) {
  if (const Violated* v = earliest_violation(s)) return ShrinkTarget{v->invariant, std::nullopt};
  for (const auto& e : s.expectations)
    if (!e.ok) return ShrinkTarget{std::nullopt, e.kind};
  return std::nullopt;
}

bool shows(const ShrinkRun& s, const ShrinkTarget& t) {
  if (t.invariant) return earliest_violation(s, t.invariant) != nullptr;
  return s.violations.empty() && std::any_of(s.expectations.begin(), s.expectations.end(), [&](const auto& e) {
           return !e.ok && e.kind == t.expectation;
         });
}

// The expectations a shrunk scenario carries: a `violates` entry for the
// invariant (so the file states what it shows), or the entries of the failed
// type. Expectations only observe, so dropping the others changes no event.
std::vector<Expectation> expectations_for(const Scenario& s, const ShrinkTarget& t) {
  if (t.invariant) return {ViolatesExpect{*t.invariant}};
  std::vector<Expectation> kept;
  for (const auto& e : s.expect)
    if (expectation_kind(e) == t.expectation) kept.push_back(e);
  return kept;
}

// The same scenario ending at `end_ms`. Faults after the end could never
// fire, and clients issue nothing after the end, so stopping them there too
// changes nothing before it.
Scenario with_duration(const Scenario& s, int64_t end_ms) {
  Scenario c = s;
  c.duration = Duration::ms(end_ms);
  const Time end = Time::zero() + c.duration;
  std::erase_if(c.faults, [end](const Fault& f) { return f.at > end; });
  if (c.workload && c.workload->start <= end) c.workload->stop = std::min(c.workload->stop, end);
  return c;
}

// Tries `lo` first (the likeliest answer), then bisects towards the
// smallest value in [lo, hi) that `fails`, where `hi` is the current value.
// Failure need not be monotonic: every kept value was run and failed.
void bisect_down(uint64_t lo, uint64_t hi, const std::function<bool(uint64_t)>& fails) {
  if (lo >= hi || fails(lo)) return;
  ++lo;
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (fails(mid)) hi = mid;
    else lo = mid + 1;
  }
}

// Holds the smallest failing scenario found so far and the run budget.
class Shrinker {
 public:
  Shrinker(ShrinkTarget target, uint64_t max_runs, const ShrinkRunner& run)
      : target_(std::move(target)), max_runs_(max_runs), run_(run) {}

  // Runs `candidate` and keeps it if it still fails with the target. A
  // failed expectation proves nothing by itself (a scenario without clients
  // commits nothing, bugs or not), so for one the candidate must also meet
  // its expectations with the injected bugs off: the bugs cause the failure.
  bool try_candidate(const Scenario& candidate) {
    ShrinkRun r;
    if (!run_counted(candidate, r) || !shows(r, target_)) return false;
    if (!target_.invariant) {
      Scenario correct = candidate;
      correct.bugs.clear();
      ShrinkRun control;
      if (!run_counted(correct, control) || !control.pass || !control.violations.empty()) return false;
    }
    best_ = candidate;
    best_run_ = std::move(r);
    return true;
  }

  // One round over every dimension; false when it removed nothing.
  bool round() {
    const ShrinkSize before = shrink_size(best_);
    shrink_duration();  // first: shorter runs make every later try cheaper
    shrink_faults();
    shrink_clients();
    shrink_requests();
    shrink_duration();
    const ShrinkSize after = shrink_size(best_);
    return after.faults != before.faults || after.clients != before.clients ||
           after.max_requests != before.max_requests || after.duration != before.duration;
  }

  bool budget_left() const { return runs_ < max_runs_; }
  bool budget_hit() const { return budget_hit_; }
  uint64_t runs() const { return runs_; }
  const Scenario& best() const { return best_; }

 private:
  // ddmin over the fault list: try each chunk alone, then each complement,
  // then halve the chunks, down to single faults. The result is 1-minimal:
  // removing any one fault makes the failure go away.
  void shrink_faults() {
    if (best_.faults.empty() || try_faults({})) return;
    size_t n = 2;
    while (best_.faults.size() >= 2 && budget_left()) {
      const std::vector<Fault> current = best_.faults;
      n = std::min(n, current.size());
      bool reduced = false;
      for (size_t i = 0; i < n && !reduced; ++i)
        if (try_faults(chunk(current, n, i, /*keep=*/true))) {
          n = 2;
          reduced = true;
        }
      // With two chunks the complements are the chunks themselves.
      for (size_t i = 0; i < n && !reduced && n > 2; ++i)
        if (try_faults(chunk(current, n, i, /*keep=*/false))) {
          n = std::max<size_t>(n - 1, 2);
          reduced = true;
        }
      if (reduced) continue;
      if (n >= current.size()) return;
      n = std::min(2 * n, current.size());
    }
  }

  // Chunk i of n (keep) or everything but it (!keep), in firing order.
  static std::vector<Fault> chunk(const std::vector<Fault>& all, size_t n, size_t i, bool keep) {
    const size_t begin = all.size() * i / n;
    const size_t end = all.size() * (i + 1) / n;
    std::vector<Fault> out;
    for (size_t k = 0; k < all.size(); ++k)
      if ((k >= begin && k < end) == keep) out.push_back(all[k]);
    return out;
  }

  bool try_faults(std::vector<Fault> faults) {
    Scenario c = best_;
    c.faults = std::move(faults);
    return try_candidate(c);
  }

  // No workload at all, else the fewest clients that still fail.
  void shrink_clients() {
    if (!best_.workload) return;
    Scenario none = best_;
    none.workload.reset();
    if (try_candidate(none)) return;
    for (int k = 1; k < best_.workload->clients; ++k) {
      Scenario c = best_;
      c.workload->clients = k;
      if (try_candidate(c)) return;
    }
  }

  // A bound on requests equal to what the run issued changes nothing; then
  // the smallest bound that still fails.
  void shrink_requests() {
    if (!best_.workload || best_run_.requests == 0) return;
    const auto try_bound = [this](uint64_t max_requests) {
      Scenario c = best_;
      c.workload->max_requests = max_requests;
      return try_candidate(c);
    };
    const uint64_t issued = best_run_.requests;
    if (!best_.workload->max_requests || issued < *best_.workload->max_requests)
      if (!try_bound(issued)) return;
    bisect_down(1, *best_.workload->max_requests, try_bound);
  }

  // Ends the run soon after the failure: just after the violation, else
  // the shortest whole-millisecond run that still shows it. A run failing by
  // an expectation keeps its duration: expectations name times in it.
  void shrink_duration() {
    if (!target_.invariant) return;
    const Violated* v = earliest_violation(best_run_, target_.invariant);
    if (v == nullptr) return;
    const auto lo = static_cast<uint64_t>(v->time.us() / 1000 + 1);
    const auto hi = static_cast<uint64_t>((best_.duration.count_us() + 999) / 1000);
    bisect_down(lo, hi, [this](uint64_t end_ms) { return try_candidate(with_duration(best_, static_cast<int64_t>(end_ms))); });
  }

  bool run_counted(const Scenario& s, ShrinkRun& out) {
    if (runs_ >= max_runs_) {
      budget_hit_ = true;
      return false;
    }
    ++runs_;
    out = run_(s);
    return true;
  }

  ShrinkTarget target_;
  uint64_t max_runs_;
  const ShrinkRunner& run_;
  uint64_t runs_ = 0;
  bool budget_hit_ = false;
  Scenario best_;
  ShrinkRun best_run_;
};

std::string describe_requests(const std::optional<uint64_t>& n) { return n ? std::to_string(*n) : "unlimited"; }

std::string describe_clients(int n) { return n == 0 ? "0 (no workload)" : std::to_string(n); }

// The shrunk scenario's name and description say where it came from.
void label(Scenario& s, const Scenario& original, const ShrinkTarget& target, const std::string& removed) {
  constexpr size_t kMaxBaseChars = 190;  // the loader takes names of up to 200 characters
  s.name = original.name.substr(0, kMaxBaseChars) + "-min";
  std::string bugs;
  for (Bug b : s.bugs) bugs += fmt::format(" --bug {}", bug_name(b));
  s.description = fmt::format("Shrunk by `consim shrink` from {} (seed {}{}): {}; still fails with {}.",
                              original.name, s.seed, bugs, removed, target.describe());
}

}  // namespace

std::string ShrinkTarget::describe() const {
  if (invariant) return std::string(invariant_name(*invariant));
  return fmt::format("a failed {} expectation", expectation ? expectation_kind_name(*expectation) : "(none)");
}

ShrinkSize shrink_size(const Scenario& s) {
  ShrinkSize z;
  z.faults = s.faults.size();
  z.clients = s.workload ? s.workload->clients : 0;
  z.max_requests = s.workload ? s.workload->max_requests : std::nullopt;
  z.duration = s.duration;
  return z;
}

std::string describe_shrink(const ShrinkSize& before, const ShrinkSize& after) {
  return fmt::format("faults {} -> {}, clients {} -> {}, requests {} -> {}, duration {} -> {} ms", before.faults,
                     after.faults, describe_clients(before.clients), describe_clients(after.clients),
                     describe_requests(before.max_requests), describe_requests(after.max_requests),
                     format_ms(before.duration.to_ms()), format_ms(after.duration.to_ms()));
}

ShrinkResult shrink_scenario(const Scenario& failing, const ShrinkOptions& options, const ShrinkRunner& run) {
  ShrinkResult result;
  Scenario start = with_run_settings(failing, std::nullopt, options.bugs);
  start.source_path.clear();
  result.before = shrink_size(start);
  result.minimal = start;

  const ShrinkRun first = run(start);
  result.runs = 1;
  const auto target = target_of(first);
  if (!target) {
    result.error = !first.stopped_early
                       ? "the run does not fail: nothing to shrink"
                       : "the run fails only by reaching its bound on events: nothing to shrink";
    return result;
  }
  result.target = *target;
  if (!target->invariant && start.bugs.empty()) {
    result.error = fmt::format("the run fails only by an expectation ({}), not a checker; such a run is shrunk only "
                               "with injected bugs, against runs with the bugs off: nothing to shrink",
                               expectation_kind_name(*target->expectation));
    return result;
  }

  // One run is kept back for the final check of the written scenario.
  Shrinker shrinker(*target, std::max<uint64_t>(options.max_runs, 3) - 2, run);
  Scenario normalized = start;
  normalized.expect = expectations_for(start, *target);
  if (!shrinker.try_candidate(normalized)) {
    result.runs += shrinker.runs();
    result.error = target->invariant
                       ? fmt::format("the run fails with {}, but no longer once its other expectations are dropped",
                                     target->describe())
                       : fmt::format("the run fails with {}, but not because of its bugs: it fails without them "
                                     "too, so there is nothing to shrink",
                                     target->describe());
    return result;
  }
  while (shrinker.budget_left() && shrinker.round()) {
  }
  result.runs += shrinker.runs();
  result.budget_hit = shrinker.budget_hit();
  result.minimal = shrinker.best();
  result.after = shrink_size(result.minimal);
  label(result.minimal, start, *target, describe_shrink(result.before, result.after));

  // What will be written must read back and fail the same way.
  const LoadResult back = parse_scenario(scenario_to_json(result.minimal).dump(), result.minimal.name);
  if (!back.ok()) {
    result.error = "the shrunk scenario does not validate:";
    for (const auto& e : back.errors) result.error += "\n  " + e;
    return result;
  }
  ++result.runs;
  result.final_run = run(*back.scenario);
  if (!shows(result.final_run, *target))
    result.error = fmt::format("the shrunk scenario, read back from JSON, no longer fails with {}", target->describe());
  return result;
}

}  // namespace consim
