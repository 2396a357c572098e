#include "chokepoint/sweep/sampling.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

#include "chokepoint/random/stream.hpp"

namespace chokepoint::sweep {

namespace {

// Sub-streams of a Latin hypercube dimension: which stratum goes to which point, and where
// in its stratum each value falls. Separate streams, so changing how one is drawn leaves the
// other unchanged.
constexpr std::uint32_t kStratumOrder = 0;
constexpr std::uint32_t kPositionInStratum = 1;

void require_dimensions(std::size_t d, const char* design) {
  if (d == 0) throw std::invalid_argument(std::string(design) + ": needs at least one dimension");
}

}  // namespace

Points random_points(std::size_t n, std::size_t d, std::uint64_t seed) {
  require_dimensions(d, "random_points");
  Points points{d, std::vector<double>(n * d)};
  for (std::size_t i = 0; i < n; ++i) {
    RandomStream stream(seed, i, 0, Purpose::SweepRandomPoints);
    for (std::size_t j = 0; j < d; ++j)
      points.values[i * d + j] = stream.uniform();
  }
  return points;
}

Points latin_hypercube(std::size_t n, std::size_t d, std::uint64_t seed) {
  require_dimensions(d, "latin_hypercube");
  if (n > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("latin_hypercube: at most 2^32 - 1 points");
  Points points{d, std::vector<double>(n * d)};
  std::vector<std::uint32_t> stratum_of_point(n);
  for (std::size_t j = 0; j < d; ++j) {
    // Fisher-Yates shuffle: a uniform random permutation of the strata.
    std::iota(stratum_of_point.begin(), stratum_of_point.end(), std::uint32_t{0});
    RandomStream order(seed, j, kStratumOrder, Purpose::SweepLatinHypercube);
    for (std::size_t i = n; i > 1; --i)
      std::swap(stratum_of_point[i - 1],
                stratum_of_point[order.below(static_cast<std::uint32_t>(i))]);
    RandomStream position(seed, j, kPositionInStratum, Purpose::SweepLatinHypercube);
    const double width = 1.0 / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double stratum = stratum_of_point[i];
      // (k + u) / n can round up to (k + 1) / n when u is within an ulp of 1; keep the value
      // inside its own stratum.
      double value = (stratum + position.uniform()) * width;
      const double upper = (stratum + 1.0) * width;
      if (value >= upper) value = std::nextafter(upper, 0.0);
      points.values[i * d + j] = value;
    }
  }
  return points;
}

}  // namespace chokepoint::sweep
