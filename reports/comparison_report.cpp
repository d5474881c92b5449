#include "reports/comparison_report.h"

#include <cmath>

#include <fmt/format.h>

#include "sim/plural.h"

namespace consim {
namespace {

double rtts(double ms, double rtt_ms) { return rtt_ms > 0 ? ms / rtt_ms : 0; }
double round_to(double v, double unit) { return std::round(v / unit) * unit; }

std::string availability_text(double a) { return a < 0 ? "n/a" : fmt::format("{:.2f}%", a * 100.0); }

}  // namespace

std::string comparison_to_text(const Comparison& c) {
  std::string out;
  bool clean = true;
  for (const auto& r : c.rows) clean = clean && r.runs_with_violations == 0;
  out += fmt::format("{} {} on {}, {} nodes, seeds {}..{}\n", clean ? "COMPARED" : "COMPARED (with violations)",
                     counted(c.rows.size(), "protocol", "protocols"),
                     c.scenario.empty() ? "a scenario" : c.scenario, c.nodes, c.first_seed, c.last_seed);
  out += fmt::format("round trip (RTT) = 2 x mean network delay = {} ms; disk sync {} ms\n\n",
                     round_to(c.rtt_ms, 0.001), round_to(c.sync_ms, 0.001));
  out += fmt::format("{:<12} {:>16} {:>16} {:>12} {:>8} {:>20} {:>9} {:>13}\n", "protocol", "write p50",
                     "write p99", "msgs/commit", "msgs/op", "failover p50 (max)", "leaders", "availability");
  for (const auto& r : c.rows) {
    out += fmt::format("{:<12} {:>16} {:>16} {:>12.1f} {:>8.2f} {:>20} {:>9} {:>13}\n", protocol_name(r.protocol),
                       fmt::format("{:.1f} ms {:.2f} RTT", r.write_p50_ms, rtts(r.write_p50_ms, c.rtt_ms)),
                       fmt::format("{:.1f} ms {:.2f} RTT", r.write_p99_ms, rtts(r.write_p99_ms, c.rtt_ms)),
                       r.messages_per_commit, r.messages_per_op,
                       r.failovers == 0 ? std::string("-")
                                        : fmt::format("{:.0f} ms ({:.0f}) x{}", r.failover_p50_ms, r.failover_max_ms,
                                                      r.failovers),
                       r.leaders_elected, availability_text(r.availability));
  }
  out += "\nwrite: client put/append, request sent to ok reply (retries included); msgs/op: messages per client\n"
         "operation answered ok, reads included; failover: a fault takes the leader away (down, paused or cut off\n"
         "from a majority) until the next commit; availability: share of 50 ms windows of the workload in which\n"
         "some client write was answered ok.\n";
  for (const auto& r : c.rows)
    if (r.runs_with_violations > 0)
      out += fmt::format("{}: {} of {} runs had violations; run them one by one with consim run\n",
                         protocol_name(r.protocol), r.runs_with_violations, r.runs);
  return out;
}

nlohmann::ordered_json comparison_to_json(const Comparison& c) {
  nlohmann::ordered_json j;
  j["scenario"] = c.scenario;
  j["nodes"] = c.nodes;
  j["seeds"] = fmt::format("{}..{}", c.first_seed, c.last_seed);
  j["rtt_ms"] = round_to(c.rtt_ms, 0.001);
  j["sync_ms"] = round_to(c.sync_ms, 0.001);
  j["protocols"] = nlohmann::ordered_json::array();
  for (const auto& r : c.rows) {
    nlohmann::ordered_json row;
    row["protocol"] = std::string(protocol_name(r.protocol));
    row["runs"] = r.runs;
    row["runs_with_violations"] = r.runs_with_violations;
    row["writes_ok"] = r.writes_ok;
    row["write_latency_ms"] = {{"p50", round_to(r.write_p50_ms, 0.001)}, {"p99", round_to(r.write_p99_ms, 0.001)}};
    row["write_latency_rtt"] = {{"p50", round_to(rtts(r.write_p50_ms, c.rtt_ms), 0.001)},
                                {"p99", round_to(rtts(r.write_p99_ms, c.rtt_ms), 0.001)}};
    row["messages_sent"] = r.messages_sent;
    row["entries_committed"] = r.entries_committed;
    row["messages_per_commit"] = round_to(r.messages_per_commit, 0.01);
    row["client_ok"] = r.client_ok;
    row["messages_per_op"] = round_to(r.messages_per_op, 0.01);
    row["failovers"] = r.failovers;
    row["failover_ms"] = {{"p50", round_to(r.failover_p50_ms, 0.001)}, {"max", round_to(r.failover_max_ms, 0.001)}};
    row["leaders_elected"] = r.leaders_elected;
    if (r.availability >= 0) row["availability"] = round_to(r.availability, 0.0001);
    j["protocols"].push_back(row);
  }
  return j;
}

}  // namespace consim
