#include "sim/cli/sweep_runner.h"

#include <signal.h>
#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <atomic>
#include <chrono>
#include <csignal>
#include <exception>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "reports/summary_json.h"
#include "reports/wall_clock.h"
#include "sim/engine.h"

namespace consim::cli {
namespace {

// Ctrl-C: the handler only records the signal; the sweep polls it. The
// handler puts back the disposition it found, so a second signal acts as if
// the sweep had never installed one (and ends the process).
std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
struct sigaction g_old_int {};
struct sigaction g_old_term {};

extern "C" void on_interrupt(int sig) {
  g_signal.store(sig);
  g_interrupted.store(true);
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

// Installs on_interrupt for the life of one sweep.
class InterruptScope {
 public:
  InterruptScope() {
    g_interrupted.store(false);
    g_signal.store(0);
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    // A signal the parent ignores (a background job's SIGINT, nohup) stays ignored.
    sigaction(SIGINT, nullptr, &g_old_int);
    sigaction(SIGTERM, nullptr, &g_old_term);
    if (g_old_int.sa_handler != SIG_IGN) sigaction(SIGINT, &sa, nullptr);
    if (g_old_term.sa_handler != SIG_IGN) sigaction(SIGTERM, &sa, nullptr);
  }
  ~InterruptScope() {
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
  }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
};

bool interrupted() { return g_interrupted.load(); }

// A sweep's memory must not grow with its length (STYLE.md 8). Results are
// bounded by the writer's window; what remains is glibc keeping, in each
// worker's arena, the fragmented high-water mark of the runs it has held.
// Buffers of 16 KiB and more (histories, logs, the checkers' tables) get
// pages of their own, handed back on free, so a heavy run leaves little
// behind. Trimming every arena after each seed would flatten the rest but
// costs a fifth of the throughput in page faults; README "Performance" has
// the figures.
void bound_allocator_retention() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 16 * 1024);
#endif
}

struct SeedResult {
  nlohmann::ordered_json summary;
  std::optional<std::string> rerun_hash;  // set for failing seeds
  bool interrupted = false;               // stopped by Ctrl-C: not a result
};

// One seed's run; whatever it throws is that seed's finding, never the
// sweep's end (a failed assertion is already one inside the run).
Summary run_guarded(const SweepPlan& plan, const Scenario& scenario, const RunOptions& options) {
  try {
    return plan.run(scenario, options);
  } catch (const std::exception& e) {
    return crash_outside_run(scenario, options, e.what());
  }
}

SeedResult run_seed(const SweepPlan& plan, uint64_t seed) {
  const Scenario scenario = plan.scenario_for(seed);
  RunOptions options;
  options.repro = plan.repro_for(seed);
  options.interrupt = &g_interrupted;
  if (plan.lin_max_states > 0) options.linearizability_max_states = plan.lin_max_states;
  const Stopwatch clock;
  Summary s = run_guarded(plan, scenario, options);
  s.wall_ms = clock.elapsed_ms();
  SeedResult r{summary_to_json(s), std::nullopt};
  // Every failing seed runs again: a failure that does not reproduce is a
  // bug of its own (non-determinism), and the report says so.
  if (!s.pass && !interrupted()) r.rerun_hash = run_guarded(plan, scenario, options).trace_hash;
  // A run, or its rerun, that was still going when the signal came may have
  // been cut short: it is left out rather than reported as a failure.
  r.interrupted = interrupted();
  return r;
}

void draw_progress(size_t done, size_t total, uint64_t failed, double elapsed_s) {
  const double rate = elapsed_s > 0 ? static_cast<double>(done) / elapsed_s : 0;
  const double left_s = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  constexpr int kWidth = 30;
  const int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  fmt::print(stderr, "\r[{}{}] {}/{} seeds, {} failed, {:.0f} seeds/s, {:.0f} s left   ", std::string(filled, '#'),
             std::string(kWidth - filled, '.'), done, total, failed, rate, left_s);
  std::fflush(stderr);
}

// One sweep in flight: workers run seeds and hand results over by position;
// this thread writes them in seed order. Workers stay within `window_` seeds
// of the writer, so a slow seed cannot make finished results pile up: memory
// does not grow with the sweep.
class SweepPipeline {
 public:
  SweepPipeline(const SweepPlan& plan, SweepOutcome& outcome)
      : plan_(plan), outcome_(outcome), total_(plan.seeds.count),
        window_(16 * static_cast<size_t>(std::max(1u, plan.jobs))) {}

  void worker() {
    for (;;) {
      if (interrupted()) return;
      const size_t i = next_.fetch_add(1);
      if (i >= total_) return;
      {
        std::unique_lock lock(mu_);
        room_.wait(lock, [&] { return i < written_ + window_ || stop_; });
        if (stop_) return;
      }
      SeedResult r = run_seed(plan_, plan_.seeds.at(i));
      {
        std::lock_guard lock(mu_);
        finished_.emplace(i, std::move(r));
      }
      ready_.notify_one();
    }
  }

  // Writes results in seed order as soon as they are contiguous, until all
  // are written or a signal stops the sweep. It wakes now and then to notice
  // a signal (a handler cannot notify).
  void write_in_order(const Stopwatch& clock) {
    double last_draw_s = -1;
    while (written_ < total_) {
      SeedResult r;
      {
        std::unique_lock lock(mu_);
        ready_.wait_for(lock, std::chrono::milliseconds(50), [&] { return finished_.count(written_) > 0; });
        if (finished_.count(written_) == 0) {
          if (interrupted()) break;
          continue;
        }
        r = std::move(finished_.at(written_));
        finished_.erase(written_);
      }
      if (!write_next(r)) break;
      const double now_s = clock.elapsed_ms() / 1000.0;
      if (plan_.progress && (now_s - last_draw_s > 0.1 || written_ == total_)) {
        draw_progress(written_, total_, outcome_.report.failed(), now_s);
        last_draw_s = now_s;
      }
    }
  }

  // The writer is done: workers take no more seeds.
  void stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    room_.notify_all();
  }

  // After the workers joined: seeds that finished before the signal, next in
  // order, still count.
  void write_finished_after_interrupt() {
    while (interrupted() && finished_.count(written_) > 0) {
      SeedResult r = std::move(finished_.at(written_));
      finished_.erase(written_);
      if (!write_next(r)) break;
    }
  }

 private:
  // Writes the result at `written_`, the next in seed order; false when that
  // seed was cut short by an interrupt (nothing after it is written).
  bool write_next(SeedResult& r) {
    if (r.interrupted) return false;
    const uint64_t seed = plan_.seeds.at(written_);
    if (plan_.out) {
      const std::string line = r.summary.dump() + "\n";
      std::fwrite(line.data(), 1, line.size(), plan_.out);
    }
    SweepReport& report = plan_.into ? *plan_.into : outcome_.report;
    report.add(r.summary);
    const std::string hash = r.summary.value("trace_hash", std::string());
    if (r.rerun_hash && *r.rerun_hash != hash)
      report.add_nondeterminism(r.summary.value("seed", seed), hash, *r.rerun_hash, plan_.repro_for(seed));
    if (plan_.on_result) plan_.on_result(r.summary);
    {
      std::lock_guard lock(mu_);
      ++written_;
    }
    room_.notify_all();
    return true;
  }

  const SweepPlan& plan_;
  SweepOutcome& outcome_;
  const size_t total_;
  const size_t window_;
  std::atomic<size_t> next_{0};
  std::mutex mu_;
  std::condition_variable ready_;  // a result was finished
  std::condition_variable room_;   // the writer moved on, or stopped
  std::map<size_t, SeedResult> finished_;  // by position, until written in order
  size_t written_ = 0;
  bool stop_ = false;
};

}  // namespace

SweepOutcome run_sweep(const SweepPlan& plan) {
  const InterruptScope on_ctrl_c;
  bound_allocator_retention();
  SweepOutcome outcome;
  outcome.seeds_planned = plan.seeds.count;
  const Stopwatch clock;
  SweepPipeline pipeline(plan, outcome);
  std::vector<std::thread> threads;
  const size_t total = plan.seeds.count;
  const unsigned jobs = std::max(1u, std::min<unsigned>(plan.jobs, static_cast<unsigned>(std::max<size_t>(total, 1))));
  for (unsigned j = 0; j < jobs; ++j) threads.emplace_back([&] { pipeline.worker(); });
  pipeline.write_in_order(clock);
  pipeline.stop();
  for (auto& t : threads) t.join();
  pipeline.write_finished_after_interrupt();
  if (plan.progress) fmt::print(stderr, "\n");
  if (plan.out) std::fflush(plan.out);
  outcome.wall_s = clock.elapsed_ms() / 1000.0;
  struct rusage usage {};
  if (getrusage(RUSAGE_SELF, &usage) == 0) outcome.peak_rss_kb = usage.ru_maxrss;
  if (interrupted()) outcome.interrupted_by = g_signal.load();
  return outcome;
}

std::string interrupted_note(const SweepOutcome& outcome) {
  return fmt::format("INTERRUPTED ({}) after {} of {} seeds: the report below covers only the seeds done, in order; "
                     "seeds still running were stopped and are not counted\n",
                     outcome.interrupted_by == SIGTERM ? "SIGTERM" : "Ctrl-C", outcome.report.seeds(),
                     outcome.seeds_planned);
}

void mark_interrupted(nlohmann::ordered_json& report, const SweepOutcome& outcome) {
  report["interrupted"] = true;
  report["seeds_planned"] = outcome.seeds_planned;
}

}  // namespace consim::cli
