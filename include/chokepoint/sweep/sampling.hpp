#pragma once

// Sampling designs for parameter sweeps: where in the unit hypercube [0,1)^d a sweep runs
// the model. Each design returns its points in the unit cube; the sweep maps every
// coordinate to its parameter's real range. The designs and how many runs each needs are
// described in docs/SWEEPS.md ("Sampling designs").
//
// Every random draw comes from a Philox stream keyed by (seed, point or dimension index,
// sub-stream, Purpose::Sweep...), so a design is a pure function of its arguments, whatever
// the number of threads or processes that later run its points.
//
// The functions throw std::invalid_argument for arguments no sweep file should produce
// (zero dimensions, too many Sobol dimensions, ...); the sweep loader checks its input first
// and reports errors with their place in the file.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace chokepoint::sweep {

// Points in the unit hypercube, one row per point, stored row-major: coordinate j of point
// i is values[i * dims + j].
struct Points {
  std::size_t dims = 0;
  std::vector<double> values;

  std::size_t size() const { return dims == 0 ? 0 : values.size() / dims; }
  double operator()(std::size_t point, std::size_t dim) const { return values[point * dims + dim]; }
  std::span<const double> row(std::size_t point) const {
    return {values.data() + point * dims, dims};
  }
};

// n independent uniform points on [0,1)^d. Point i draws its d coordinates from its own
// stream, so the first points of a larger design (more points, or more dimensions) equal
// those of a smaller one with the same seed.
Points random_points(std::size_t n, std::size_t d, std::uint64_t seed);

// A Latin hypercube of n points on [0,1)^d (McKay, Beckman & Conover 1979): in every
// dimension the n values fall one in each stratum [k/n, (k+1)/n), at a uniform position
// within it, and the strata are matched across dimensions by independent random
// permutations. Needs n < 2^32.
Points latin_hypercube(std::size_t n, std::size_t d, std::uint64_t seed);

// The number of dimensions sobol_points can generate (the rows of the direction-number
// table in engine/sweep/sobol_sequence.cpp).
inline constexpr std::size_t kSobolMaxDimensions = 128;

// The first n points of the d-dimensional Sobol sequence (Sobol 1967) with the direction
// numbers of Joe & Kuo (2008, file new-joe-kuo-6.21201), in Gray-code order (Antonov &
// Saleev 1979). The first point, (0, ..., 0), is kept: the first 2^m points of the sequence
// form a (t, m, d)-net only with it, and dropping it makes estimates worse, not better
// (Owen 2021, "On dropping the first Sobol' point"). Use n a power of two: the balance
// properties hold for the first 2^m points, not for other counts. Needs d <=
// kSobolMaxDimensions and n <= 2^32.
Points sobol_points(std::size_t n, std::size_t d);

}  // namespace chokepoint::sweep
