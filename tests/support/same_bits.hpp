#pragma once

// Bitwise equality of two series' values: what "bit-identical datasets" means. Unlike ==, it
// holds for NaN, which prices carry where a route delivered nothing.

#include <cstring>
#include <vector>

namespace chokepoint::testing {

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

}  // namespace chokepoint::testing
