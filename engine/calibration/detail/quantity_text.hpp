#pragma once

// The quantity expressions of a targets file: `TERM` or `TERM / TERM`, a TERM being `series`
// or `series[dim=SEL, ...]` and SEL one label or `a|b|c`. Syntax only; which series, dims and
// labels exist is resolve_targets' business.

#include <stdexcept>
#include <string>

#include "chokepoint/calibration/targets.hpp"

namespace chokepoint::calibration_detail {

// Thrown with a message saying what was expected; the reader adds where.
class QuantitySyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

TargetQuantity parse_quantity(const std::string& text);

}  // namespace chokepoint::calibration_detail
