#include "sim/coverage.h"

#include <bit>

#include <fmt/format.h>

#include "protocols/core/assert.h"
#include "protocols/core/overloaded.h"

namespace consim {
namespace {

// 0 for no lag, 1 below `high`, 2 from it on.
constexpr uint8_t bucket(uint64_t lag, uint64_t high) { return lag == 0 ? 0 : lag < high ? 1 : 2; }

}  // namespace

std::string_view fault_bit_name(FaultBit b) {
  switch (b) {
    case FaultBit::kPartition: return "partition";
    case FaultBit::kCrash: return "crash";
    case FaultBit::kPause: return "pause";
    case FaultBit::kDelay: return "delay";
    case FaultBit::kClock: return "clock";
    case FaultBit::kDisk: return "disk";
    case FaultBit::kCount: break;
  }
  return "?";
}

std::string_view role_or_down_name(uint8_t role) {
  return role == AbstractState::kDownRole ? "down" : role_name(static_cast<Role>(role));
}
std::string_view term_lag_name(uint8_t b) { return b == 0 ? "0" : b == 1 ? "1" : "2+"; }
std::string_view commit_lag_name(uint8_t b) { return b == 0 ? "0" : b == 1 ? "1-9" : "10+"; }

uint16_t AbstractState::code() const {
  const unsigned node = ((role * 3u + term_lag) * 3u + commit_lag) * 2u + (divergent ? 1u : 0u);
  return static_cast<uint16_t>((node << kFaultBits) | faults);
}

std::optional<AbstractState> AbstractState::from_code(uint64_t code) {
  if (code >= kStateCodes) return std::nullopt;
  AbstractState s;
  s.faults = static_cast<uint8_t>(code & ((1u << kFaultBits) - 1));
  uint64_t node = code >> kFaultBits;
  s.divergent = node % 2 == 1;
  node /= 2;
  s.commit_lag = static_cast<uint8_t>(node % 3);
  node /= 3;
  s.term_lag = static_cast<uint8_t>(node % 3);
  s.role = static_cast<uint8_t>(node / 3);
  return s;
}

std::string AbstractState::name() const {
  std::string faults_text;
  for (size_t b = 0; b < kFaultBits; ++b)
    if (faults & fault_mask(static_cast<FaultBit>(b)))
      faults_text += fmt::format("{}{}", faults_text.empty() ? "" : ",", fault_bit_name(static_cast<FaultBit>(b)));
  return fmt::format("{} term+{} commit+{} {} | {}", role_or_down_name(role), term_lag_name(term_lag),
                     commit_lag_name(commit_lag), divergent ? "divergent" : "agrees",
                     faults_text.empty() ? "none" : faults_text);
}

CoverageMeter::CoverageMeter(Protocol protocol, int nodes)
    : protocol_(protocol), views_(static_cast<size_t>(nodes) + 1) {}

// Ballots are round * 256 + node id: their lag counts rounds.
uint64_t CoverageMeter::rounds(uint64_t term_or_ballot) const {
  return protocol_ == Protocol::kRaft ? term_or_ballot : term_or_ballot >> 8;
}

void CoverageMeter::observe(NodeId node, const Observation& o) {
  if (std::holds_alternative<EntryApplied>(o)) return;  // changes no part of the state
  View& v = views_[static_cast<size_t>(node)];
  v.up = true;
  const auto raise_term = [&](uint64_t t) {
    v.term = std::max(v.term, rounds(t));
    max_term_ = std::max(max_term_, v.term);
  };
  const auto ends_at = [&](uint64_t index, uint64_t term) {
    if (index < v.last_index) return;
    v.last_index = index;
    v.last_term = rounds(term);
  };
  const auto advance = [&](uint64_t progress) {
    v.progress = std::max(v.progress, progress);
    max_progress_ = std::max(max_progress_, v.progress);
  };
  std::visit(Overloaded{
                 [&](const RoleChanged& r) {
                   v.role = r.role;
                   raise_term(r.term);
                 },
                 [&](const EntryAppended& a) { ends_at(a.index, a.term); },
                 [&](const LogTruncated& t) {
                   v.last_index = t.from_index - 1;
                   v.last_term = 0;
                 },
                 [&](const CommitAdvanced& c) { advance(c.index); },
                 [&](const EntryApplied&) {},
                 [&](const SnapshotTaken& s) { advance(s.last_index); },
                 [&](const Promised& p) { raise_term(p.ballot); },
                 [&](const ValueAccepted& a) { ends_at(protocol_ == Protocol::kBasicPaxos ? v.last_index : a.instance, a.ballot); },
                 [&](const ValueLearned&) {
                   if (protocol_ == Protocol::kBasicPaxos) advance(v.progress + 1);
                 },
             },
             o);
  record(node);
}

void CoverageMeter::down(NodeId node) {
  views_[static_cast<size_t>(node)] = View{};
  views_[static_cast<size_t>(node)].up = false;
  // The engine tells the new fault set once the crash is done; a node down is a crash in effect.
  faults_ |= fault_mask(FaultBit::kCrash);
  record(node);
}

void CoverageMeter::set_faults(uint8_t faults) {
  if (faults == faults_) return;
  faults_ = faults;
  for (size_t n = 1; n < views_.size(); ++n) record(static_cast<NodeId>(n));
}

void CoverageMeter::record(NodeId node) {
  const View& v = views_[static_cast<size_t>(node)];
  AbstractState s;
  s.faults = faults_;
  if (!v.up) {
    s.role = AbstractState::kDownRole;
  } else {
    s.role = static_cast<uint8_t>(v.role);
    s.term_lag = bucket(max_term_ - v.term, 2);
    s.commit_lag = bucket(max_progress_ - v.progress, 10);
    const bool older = v.last_term != 0 && v.last_term < max_term_;
    s.divergent = older && (protocol_ == Protocol::kBasicPaxos || v.last_index > v.progress);
  }
  const uint16_t code = s.code();
  seen_[code >> 6] |= uint64_t{1} << (code & 63);
}

RunCoverage CoverageMeter::result() const {
  RunCoverage r;
  r.probes = probes_;
  for (size_t w = 0; w < seen_.size(); ++w)
    for (uint64_t bits = seen_[w]; bits != 0; bits &= bits - 1)
      r.states.push_back(static_cast<uint16_t>(w * 64 + static_cast<size_t>(std::countr_zero(bits))));
  return r;
}

}  // namespace consim
