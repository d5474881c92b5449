// The pieces the run report is built from: link state read back from fault
// descriptions, a violation's window and witness operations as the report
// renders them, message sampling.
#include <catch2/catch.hpp>

#include "reports/link_state.h"
#include "reports/message_sampler.h"
#include "reports/run_report_data.h"
#include "reports/run_report_html.h"
#include "reports/violation_evidence.h"

namespace {

using namespace consim;

TEST_CASE("link state follows partition isolate cut and heal as sim/network.h applies them", "[reports][model]") {
  LinkState links(5);
  CHECK(links.cut_off_label(1).empty());
  REQUIRE(links.apply("partition", "partition {5,2} {1,3,4}"));
  CHECK(links.cut_off_label(2) == "cut off from 1,3,4");
  CHECK_FALSE(links.reaches_majority(2));
  CHECK(links.cut_off_label(1) == "cut off from 2,5");
  CHECK(links.reaches_majority(1));
  REQUIRE(links.apply("isolate", "isolate node 1"));  // adds to the partition
  CHECK(links.cut_off_label(1) == "isolated");
  CHECK_FALSE(links.reaches_majority(3));
  REQUIRE(links.apply("partition", "partition {1,2,3,4,5}"));  // replaces everything
  CHECK(links.cut_off_label(1).empty());
  REQUIRE(links.apply("cut", "cut 3 -> 4"));
  CHECK(links.cut_off_label(3) == "cannot send to 4");
  CHECK(links.cut_off_label(4) == "cannot hear from 3");
  REQUIRE(links.apply("cut", "cut 5 <-> 2"));
  CHECK(links.cut_off_label(5) == "cut off from 2");
  REQUIRE(links.apply("heal", "heal"));
  for (int n = 1; n <= 5; ++n) CHECK(links.cut_off_label(n).empty());
  CHECK_FALSE(links.apply("crash", "crash node 2"));
  CHECK_FALSE(links.apply("cut", "cut 3 to 4"));
  CHECK_FALSE(links.apply("isolate", "isolate node 9"));
}

// A linearizability violation as the checker leaves it: detail and witness.
Violation witness_violation() {
  Violation v{Invariant::kLinearizability, Time::from_ms(5016.679), {1, 3}, "key k1: these 3 operations ..."};
  v.witness.push_back(WitnessOp{"put k1=c3-78", 3, 78, Time::from_ms(2397.197), Time::from_ms(2422.184), 1, "c3-78"});
  v.witness.push_back(WitnessOp{"append k1+=c3-79", 3, 79, Time::from_ms(2428.869), Time::from_ms(2450.648), 3,
                                std::string(60, 'a') + "c3-79"});
  v.witness.push_back(WitnessOp{"get k1", 1, 136, Time::from_ms(4695.613), std::nullopt, 2, ""});
  return v;
}

TEST_CASE("a violation's window spans its witness operations and the moment it was found", "[reports][model]") {
  const Violation v = witness_violation();
  const TimeWindow w = evidence_window(v);
  CHECK(w.from < Time::from_ms(2397.197));
  CHECK(w.to > Time::from_ms(5016.679));

  Violation other{Invariant::kElectionSafety, Time::from_ms(100), {2, 4}, "nodes 2 and 4 both leader in term 3"};
  CHECK(other.witness.empty());
  CHECK(evidence_window(other).contains(Time::from_ms(100)));
}

TEST_CASE("the run report renders a violation's witness operations as a table and as diagram data", "[reports][model]") {
  Summary s;
  s.scenario = "witness";
  s.nodes = 3;
  s.violations.push_back(witness_violation());
  std::FILE* trace = std::tmpfile();  // an empty trace: the report still draws the violation
  REQUIRE(trace);
  const nlohmann::ordered_json data = build_run_report_data(trace, s);
  std::fclose(trace);
  const auto& witness = data["violations"][0]["witness"];
  REQUIRE(witness.size() == 3);
  CHECK(witness[0]["op"] == "put k1=c3-78");
  CHECK(witness[0]["client"] == 3);
  CHECK(witness[0]["seq"] == 78);
  CHECK(witness[0]["invoke_ms"] == 2397.197);
  CHECK(witness[0]["complete_ms"] == 2422.184);
  CHECK(witness[0]["node"] == 1);
  CHECK(witness[0]["answer"] == "\"c3-78\"");  // quoted, as in the detail
  CHECK(witness[1]["answer"] == "\"..." + std::string(35, 'a') + "c3-79\" (65 chars)");
  CHECK(witness[2]["complete_ms"].is_null());
  CHECK(witness[2]["answer"] == "");
  CHECK(data["focus"][0].get<double>() < 2397.197);

  const std::string html = render_run_report_html(s, data);
  CHECK_THAT(html, Catch::Contains("<table class=\"witness\">"));
  CHECK_THAT(html, Catch::Contains("<td>put k1=c3-78</td><td>3</td><td>78</td><td>2397.197</td><td>2422.184</td>"
                                   "<td>1</td><td>&quot;c3-78&quot;</td>"));
  CHECK_THAT(html, Catch::Contains("<td>get k1</td><td>1</td><td>136</td><td>4695.613</td><td>no answer</td>"
                                   "<td>2</td><td></td>"));
  CHECK_THAT(html, Catch::Contains("key k1: these 3 operations ..."));  // the checker's detail stays
}

TEST_CASE("message sampler keeps every k-th message and every one in a focus window", "[reports][model]") {
  const uint64_t sent = MessageSampler::kSampledBudget * 3;
  MessageSampler m(sent);
  CHECK(m.stride() == 3);
  m.add_focus(TimeWindow{Time::from_ms(100), Time::from_ms(101)});
  for (uint64_t i = 0; i < sent; ++i) {
    const Time t = Time::from_us(static_cast<int64_t>(i) * 10);
    m.on_send(t, 1, 2, i + 1, "AppendEntries");
    if (i % 7 == 0)
      m.on_drop(t, i + 1, true);
    else
      m.on_deliver(t + Duration::ms(1), i + 1);
  }
  m.finish(Time::from_ms(1000));
  size_t in_focus = 0, lost = 0, other = 0;
  for (const auto& a : m.arrows()) {
    if (a.focus) ++in_focus;
    if (a.fate == ArrowFate::kLostAtSend)
      ++lost;
    else if (a.fate != ArrowFate::kDelivered)
      ++other;
  }
  CHECK(other == 0);
  CHECK(in_focus == 101 - 33);  // 101 sends in the window; 33 of them are every 3rd anyway
  CHECK(m.arrows().size() == MessageSampler::kSampledBudget + in_focus);
  CHECK(lost > 0);
  CHECK(m.types() == std::vector<std::string>{"AppendEntries"});
}

}  // namespace
