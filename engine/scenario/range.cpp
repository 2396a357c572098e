#include "scenario/detail/range.hpp"

#include <cmath>

#include "scenario/detail/scalar_text.hpp"

namespace chokepoint::scenario_detail {

bool NumberRange::contains(double value) const {
  if (lo_open ? !(value > lo) : !(value >= lo)) return false;
  if (hi_open ? !(value < hi) : !(value <= hi)) return false;
  return true;
}

std::string NumberRange::describe() const {
  const bool bounded_below = std::isfinite(lo);
  const bool bounded_above = std::isfinite(hi);
  if (bounded_below && bounded_above) {
    return std::string("a number in ") + (lo_open ? "(" : "[") + format_number(lo) + ", " +
           format_number(hi) + (hi_open ? ")" : "]");
  }
  if (bounded_below) return std::string("a number ") + (lo_open ? "> " : ">= ") + format_number(lo);
  if (bounded_above) return std::string("a number ") + (hi_open ? "< " : "<= ") + format_number(hi);
  return "a number";
}

std::string IntegerRange::describe() const {
  if (hi == std::numeric_limits<std::int64_t>::max()) return "an integer >= " + std::to_string(lo);
  return "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

}  // namespace chokepoint::scenario_detail
