#pragma once

// Numbers a sweep writes as text (override values, summary attributes): the shortest text
// that reads back as the same double, so a point is set exactly and prints without noise
// (0.004, not 0.0040000000000000001).

#include <charconv>
#include <string>

namespace chokepoint::sweep_detail {

inline std::string number_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace chokepoint::sweep_detail
