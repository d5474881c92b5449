#include "sim/cli/sweep_runner.h"

#include <atomic>
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

struct SeedResult {
  nlohmann::ordered_json summary;
  std::optional<std::string> rerun_hash;  // set for failing seeds
};

SeedResult run_seed(const SweepPlan& plan, uint64_t seed) {
  const Scenario scenario = plan.scenario_for(seed);
  RunOptions options;
  options.bugs = plan.bugs;
  options.repro = plan.repro_for(seed);
  const Stopwatch clock;
  Summary s = run_scenario(scenario, options);
  s.wall_ms = clock.elapsed_ms();
  SeedResult r{summary_to_json(s), std::nullopt};
  // Every failing seed runs again: a failure that does not reproduce is a
  // bug of its own (non-determinism), and the report says so.
  if (!s.pass) r.rerun_hash = run_scenario(scenario, options).trace_hash;
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

}  // namespace

SweepOutcome run_sweep(const SweepPlan& plan) {
  SweepOutcome outcome;
  const Stopwatch clock;
  const size_t total = plan.seeds.count;
  std::atomic<size_t> next{0};
  std::mutex mu;
  std::condition_variable ready;
  std::map<size_t, SeedResult> finished;  // by position, until written in order
  size_t written = 0;
  std::condition_variable room;
  // Workers stay within this many seeds of the writer, so a slow seed cannot
  // make finished results pile up: memory does not grow with the sweep.
  const size_t window = 16 * static_cast<size_t>(std::max(1u, plan.jobs));

  const auto worker = [&] {
    for (;;) {
      const size_t i = next.fetch_add(1);
      if (i >= total) return;
      {
        std::unique_lock lock(mu);
        room.wait(lock, [&] { return i < written + window; });
      }
      SeedResult r = run_seed(plan, plan.seeds.at(i));
      {
        std::lock_guard lock(mu);
        finished.emplace(i, std::move(r));
      }
      ready.notify_one();
    }
  };
  std::vector<std::thread> threads;
  const unsigned jobs = std::max(1u, std::min<unsigned>(plan.jobs, static_cast<unsigned>(std::max<size_t>(total, 1))));
  for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(worker);

  // This thread writes results in seed order as soon as they are contiguous.
  double last_draw_s = -1;
  while (written < total) {
    SeedResult r;
    {
      std::unique_lock lock(mu);
      ready.wait(lock, [&] { return finished.count(written) > 0; });
      r = std::move(finished.at(written));
      finished.erase(written);
    }
    const uint64_t seed = plan.seeds.at(written);
    if (plan.out) {
      const std::string line = r.summary.dump() + "\n";
      std::fwrite(line.data(), 1, line.size(), plan.out);
    }
    outcome.report.add(r.summary);
    const std::string hash = r.summary.value("trace_hash", std::string());
    if (r.rerun_hash && *r.rerun_hash != hash)
      outcome.report.add_nondeterminism(seed, hash, *r.rerun_hash, plan.repro_for(seed));
    {
      std::lock_guard lock(mu);
      ++written;
    }
    room.notify_all();
    const double now_s = clock.elapsed_ms() / 1000.0;
    if (plan.progress && (now_s - last_draw_s > 0.1 || written == total)) {
      draw_progress(written, total, outcome.report.failed(), now_s);
      last_draw_s = now_s;
    }
  }
  for (auto& t : threads) t.join();
  if (plan.progress) fmt::print(stderr, "\n");
  if (plan.out) std::fflush(plan.out);
  outcome.wall_s = clock.elapsed_ms() / 1000.0;
  return outcome;
}

}  // namespace consim::cli
