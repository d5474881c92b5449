#include "faults/mutate.h"

#include <algorithm>

#include <fmt/format.h>

#include "faults/generator_targeted.h"
#include "protocols/core/random.h"

namespace consim {
namespace {

using generator::id_ref;
using generator::leader_ref;

struct Phase {
  Time from;
  Time heal_at;
};

// Where the generator's phases are: the first fault's earliest time and the heal.
Phase phase_of(const GenOptions& o) {
  return Phase{at_fraction(o.duration, kGeneratedFaultsFrom), at_fraction(o.duration, kGeneratedHealAt)};
}

// A hold that starts at `at` lasts no longer than the heal.
void end_by_heal(HoldFault& hold, Time at, const Phase& p) {
  const Duration left = std::max(Duration::ms(1), p.heal_at - at);
  hold.duration = std::min(hold.duration.value_or(left), left);
}

// The indexes of the faults of the fault phase.
std::vector<size_t> phase_faults(const Scenario& s, const Phase& p) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.faults.size(); ++i)
    if (s.faults[i].at >= p.from && s.faults[i].at < p.heal_at) out.push_back(i);
  return out;
}

Time random_time(Rng& rng, const Phase& p) {
  return Time::from_us(rng.uniform_int(p.from.us(), p.heal_at.us() - 1));
}

// A fault spliced in must be over by the heal: a link's conditions and the
// disks' latency are reset there, a hold lasts no longer.
void add_with_undo(Scenario& s, const Phase& p, Fault f) {
  if (std::holds_alternative<DiskFault>(f.action)) {
    const DiskFault reset{NodeRef{NodeRef::Kind::kAll, 0}, s.storage.sync};
    const bool resets = std::any_of(s.faults.begin(), s.faults.end(), [&](const Fault& g) {
      const auto* d = std::get_if<DiskFault>(&g.action);
      return g.at == p.heal_at && d != nullptr && *d == reset;
    });
    if (!resets) s.faults.push_back(Fault{p.heal_at, reset});
  }
  if (auto* hold = std::get_if<HoldFault>(&f.action)) end_by_heal(*hold, f.at, p);
  if (const auto* link = std::get_if<NetworkFault>(&f.action); link && link->from && link->to) {
    for (const Fault& g : s.faults) {
      const auto* calm = std::get_if<NetworkFault>(&g.action);
      if (g.at != p.heal_at || calm == nullptr || calm->from) continue;
      NetworkFault reset = *calm;
      reset.from = link->from;
      reset.to = link->to;
      s.faults.push_back(Fault{p.heal_at, reset});
      break;
    }
  }
  s.faults.push_back(std::move(f));
}

void mutate_once(Scenario& s, const GenOptions& o, const Phase& p, uint64_t mutation) {
  Rng rng = RandomStreams(mutation).stream("mutation");
  const std::vector<size_t> phase = phase_faults(s, p);
  const uint64_t roll = rng.uniform_u64(0, 99);
  const auto pick = [&] { return phase[static_cast<size_t>(rng.uniform_u64(0, phase.size() - 1))]; };
  if (!phase.empty() && roll < 30) {  // shift one by up to half a second either way
    Fault& f = s.faults[pick()];
    const int64_t t = f.at.us() + rng.uniform_int(-500'000, 500'000);
    f.at = Time::from_us(std::clamp<int64_t>(t, p.from.us(), p.heal_at.us() - 1));
    if (auto* hold = std::get_if<HoldFault>(&f.action); hold && hold->duration) end_by_heal(*hold, f.at, p);
  } else if (!phase.empty() && roll < 45) {  // delete one
    s.faults.erase(s.faults.begin() + static_cast<std::ptrdiff_t>(pick()));
  } else if (!phase.empty() && roll < 65) {  // repeat one at another time
    Fault copy = s.faults[pick()];
    copy.at = random_time(rng, p);
    add_with_undo(s, p, std::move(copy));
  } else if (roll < 90) {  // splice in one of another seed's faults
    GenOptions other = o;
    other.seed = rng.next_u64();
    other.mutations.clear();
    const Scenario donor = generate_scenario(other);
    const std::vector<size_t> donated = phase_faults(donor, p);
    if (donated.empty()) return;
    Fault f = donor.faults[donated[static_cast<size_t>(rng.uniform_u64(0, donated.size() - 1))]];
    if (rng.bernoulli(0.5)) f.at = random_time(rng, p);
    add_with_undo(s, p, std::move(f));
  } else {  // bounce the leader: it is back moments later, in the middle of the election it started
    const Time at = random_time(rng, p);
    s.faults.push_back(Fault{at, CrashFault{leader_ref(o.protocol)}});
    s.faults.push_back(Fault{std::min(p.heal_at, at + Duration::ms(rng.uniform_int(5, 120))),
                             RestartFault{NodeRef{NodeRef::Kind::kAll, 0}}});
  }
}

}  // namespace

void apply_mutations(Scenario& s, const GenOptions& o, std::span<const uint64_t> mutations) {
  if (mutations.empty()) return;
  const Phase p = phase_of(o);
  std::string names;
  for (uint64_t m : mutations) {
    mutate_once(s, o, p, m);
    names += fmt::format("-{}", m);
  }
  std::stable_sort(s.faults.begin(), s.faults.end(), [](const Fault& a, const Fault& b) { return a.at < b.at; });
  s.name += "-m" + names.substr(1);
  s.description += fmt::format(" Mutated {} {} for a guided sweep.", mutations.size(),
                               mutations.size() == 1 ? "time" : "times");
}

}  // namespace consim
