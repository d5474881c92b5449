// Simulated time. Every instant and duration in consim is a count of
// microseconds held in a strong type, so milliseconds from scenario files and
// microseconds inside the engine can never be mixed by accident. Nothing here
// (or anywhere under sim/ and protocols/) reads a wall clock.
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <string>

namespace consim {

// A span of simulated time, in microseconds. May be negative only as the
// result of subtracting a later instant from an earlier one.
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration us(int64_t n) { return Duration(n); }
  static constexpr Duration ms(int64_t n) { return Duration(n * 1000); }
  // Rounds to the nearest microsecond (the resolution of every time in consim).
  static Duration from_ms(double ms) { return Duration(std::llround(ms * 1000.0)); }
  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<int64_t>::max() / 4); }

  constexpr int64_t count_us() const { return us_; }
  constexpr double to_ms() const { return static_cast<double>(us_) / 1000.0; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(us_ + o.us_); }
  constexpr Duration operator-(Duration o) const { return Duration(us_ - o.us_); }
  constexpr Duration& operator+=(Duration o) { us_ += o.us_; return *this; }
  constexpr Duration operator*(int64_t k) const { return Duration(us_ * k); }

 private:
  constexpr explicit Duration(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

// An instant of simulated time: microseconds since the start of the run.
class Time {
 public:
  constexpr Time() = default;
  static constexpr Time zero() { return Time(0); }
  static constexpr Time from_us(int64_t us) { return Time(us); }
  static Time from_ms(double ms) { return Time(std::llround(ms * 1000.0)); }
  static constexpr Time never() { return Time(std::numeric_limits<int64_t>::max() / 2); }

  constexpr int64_t us() const { return us_; }
  constexpr double to_ms() const { return static_cast<double>(us_) / 1000.0; }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return Time(us_ + d.count_us()); }
  constexpr Time operator-(Duration d) const { return Time(us_ - d.count_us()); }
  constexpr Duration operator-(Time o) const { return Duration::us(us_ - o.us_); }
  constexpr Time& operator+=(Duration d) { us_ += d.count_us(); return *this; }

 private:
  constexpr explicit Time(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

// An inclusive range of durations, drawn uniformly by the run's streams.
struct DurationRange {
  Duration min;
  Duration max;
  constexpr bool operator==(const DurationRange&) const = default;
};

// Milliseconds with up to three decimals and no trailing zeros ("12.5", "3").
std::string format_ms(double ms);

}  // namespace consim
