// Wall-clock time, for reporting how long a run took. Kept out of sim/ and
// protocols/, which must never read a clock: nothing measured here can reach
// a trace or change a run.
#pragma once

#include <chrono>

namespace consim {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double elapsed_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace consim
