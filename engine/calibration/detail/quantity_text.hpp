#pragma once

// The quantity expressions of a targets file: `TERM` or `TERM / TERM`, a TERM being `series`
// or `series[dim=SEL, ...]` and SEL one label or `a|b|c`. Syntax only; which series, dims and
// labels exist is resolve_targets' business.

#include <stdexcept>
#include <string>

#include "chokepoint/calibration/targets.hpp"

namespace chokepoint::calibration_detail {

// Thrown with a message saying what was expected and the offset in the text where the problem
// is; the reader turns the offset into a column.
class QuantitySyntaxError : public std::runtime_error {
 public:
  QuantitySyntaxError(const std::string& message, std::size_t offset)
      : std::runtime_error(message), offset_(offset) {}
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

TargetQuantity parse_quantity(const std::string& text);

}  // namespace chokepoint::calibration_detail
