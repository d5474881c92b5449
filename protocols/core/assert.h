// CONSIM_ASSERT: a state the code's own reasoning rules out (STYLE.md 7).
// Expected inputs (a dropped message, a crash, a stale reply) are never
// asserted on. It is on in every build, Release included: the checks are
// cheap, and a silent wrong answer from a simulator is worse than a stop.
//
// A failed assertion throws AssertionFailure. The engine catches it: the run
// stops where it is and fails with a finding of its own class, `crash`, that
// names the scenario, seed, simulated time, event count and repro line (sim/
// engine.cpp), so one bad seed never takes down a sweep. Nothing else may
// catch it.
#pragma once

#include <stdexcept>
#include <string>

namespace consim {

class AssertionFailure : public std::logic_error {
 public:
  AssertionFailure(const char* file, int line, const char* condition, std::string message);
  // "protocols/raft/log.cpp:88" (the build strips the source folder).
  const std::string& where() const { return where_; }
  // "index > 0: the log starts at index 1"
  const std::string& what_failed() const { return what_failed_; }

 private:
  std::string where_;
  std::string what_failed_;
};

[[noreturn]] void assertion_failed(const char* file, int line, const char* condition, std::string message);

}  // namespace consim

#define CONSIM_ASSERT(cond, what)                                          \
  do {                                                                     \
    if (!(cond)) [[unlikely]]                                              \
      ::consim::assertion_failed(__FILE__, __LINE__, #cond, (what));       \
  } while (false)
