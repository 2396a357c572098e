#pragma once

// Valid ranges of scenario values, and how they read in error messages and the format doc.

#include <cstdint>
#include <limits>
#include <string>

namespace chokepoint::scenario_detail {

// Every number a scenario, sweep or targets file gives is 0 or between these in magnitude,
// whatever its own range: far beyond any real quantity (a year of world trade is about 3e13
// USD) and any meaningful share, and far enough inside a double's range that sums, products
// and prices of such numbers stay finite and normal.
inline constexpr double kLargestMagnitude = 1e15;
inline constexpr double kSmallestMagnitude = 1e-12;

struct NumberRange {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;

  static NumberRange any() { return {}; }
  static NumberRange at_least(double lo) { return {lo, any().hi, false, false}; }
  static NumberRange above(double lo) { return {lo, any().hi, true, false}; }
  static NumberRange closed(double lo, double hi) { return {lo, hi, false, false}; }
  static NumberRange open_closed(double lo, double hi) { return {lo, hi, true, false}; }
  static NumberRange closed_open(double lo, double hi) { return {lo, hi, false, true}; }
  static NumberRange unit() { return closed(0.0, 1.0); }

  bool contains(double value) const;
  // "a number > 0", "a number in [0, 1]", "a number in (0, 1]", "a number".
  std::string describe() const;
};

struct IntegerRange {
  std::int64_t lo = 0;
  std::int64_t hi = std::numeric_limits<std::int64_t>::max();

  bool contains(std::int64_t value) const { return value >= lo && value <= hi; }
  // "an integer >= 0", "an integer in [1, 16]".
  std::string describe() const;
};

}  // namespace chokepoint::scenario_detail
