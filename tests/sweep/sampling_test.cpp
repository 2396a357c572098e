#include "chokepoint/sweep/sampling.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

using namespace chokepoint::sweep;

namespace {

// How many of `points` fall in each of the 2^bits intervals [k/2^bits, (k+1)/2^bits) of
// dimension `dim`, counting only the first `count` points.
std::vector<int> interval_counts(const Points& points, std::size_t count, std::size_t dim,
                                 int bits) {
  std::vector<int> counts(std::size_t{1} << bits, 0);
  for (std::size_t i = 0; i < count; ++i)
    ++counts[static_cast<std::size_t>(std::ldexp(points(i, dim), bits))];
  return counts;
}

bool all_in_unit_interval(const Points& points) {
  return std::all_of(points.values.begin(), points.values.end(),
                     [](double v) { return v >= 0.0 && v < 1.0; });
}

}  // namespace

TEST_CASE("Random points lie in the unit cube and are a pure function of the seed", "[sweep]") {
  const Points points = random_points(1000, 5, 42);
  REQUIRE(points.size() == 1000);
  REQUIRE(points.dims == 5);
  CHECK(all_in_unit_interval(points));
  CHECK(random_points(1000, 5, 42).values == points.values);
  CHECK(random_points(1000, 5, 43).values != points.values);

  // A larger design with the same seed starts with the smaller one: point i's coordinates
  // come from point i's own stream, whatever n and d.
  const Points more = random_points(2000, 7, 42);
  for (std::size_t i = 0; i < 1000; ++i)
    for (std::size_t j = 0; j < 5; ++j)
      REQUIRE(more(i, j) == points(i, j));

  // 5000 draws per coordinate: the mean of U(0,1) has sd 1/sqrt(12 * 5000) ~ 0.004, so a
  // 0.02 margin is 5 sd.
  const Points many = random_points(5000, 3, 7);
  for (std::size_t j = 0; j < 3; ++j) {
    double sum = 0.0;
    for (std::size_t i = 0; i < many.size(); ++i)
      sum += many(i, j);
    CHECK(sum / 5000.0 == Approx(0.5).margin(0.02));
  }
}

TEST_CASE("A Latin hypercube puts one value in each stratum of every dimension", "[sweep]") {
  for (const std::size_t n : {1u, 2u, 7u, 100u, 1000u}) {
    const Points points = latin_hypercube(n, 4, 2024);
    REQUIRE(points.size() == n);
    CHECK(all_in_unit_interval(points));
    for (std::size_t j = 0; j < 4; ++j) {
      std::vector<int> per_stratum(n, 0);
      for (std::size_t i = 0; i < n; ++i)
        ++per_stratum[static_cast<std::size_t>(points(i, j) * static_cast<double>(n))];
      CHECK(std::all_of(per_stratum.begin(), per_stratum.end(), [](int c) { return c == 1; }));
    }
  }
}

TEST_CASE("A Latin hypercube is random within and across strata", "[sweep]") {
  const std::size_t n = 1000;
  const Points points = latin_hypercube(n, 3, 5);
  CHECK(latin_hypercube(n, 3, 5).values == points.values);
  CHECK(latin_hypercube(n, 3, 6).values != points.values);

  // Positions within strata spread over the whole stratum (not all at its centre)...
  double lowest = 1.0, highest = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double scaled = points(i, 0) * static_cast<double>(n);
    const double within = scaled - std::floor(scaled);
    lowest = std::min(lowest, within);
    highest = std::max(highest, within);
  }
  CHECK(lowest < 0.01);
  CHECK(highest > 0.99);
  // ...and the dimensions are permuted independently: the strata of dimensions 0 and 1 are
  // not paired in order, and their rank correlation is near zero (sd ~ 1/sqrt(n) ~ 0.03).
  double rank_product = 0.0;
  bool same_order = true;
  for (std::size_t i = 0; i < n; ++i) {
    const double r0 = std::floor(points(i, 0) * n), r1 = std::floor(points(i, 1) * n);
    same_order = same_order && r0 == r1;
    rank_product += (r0 - (n - 1) / 2.0) * (r1 - (n - 1) / 2.0);
  }
  const double rank_variance = (static_cast<double>(n) * n - 1.0) / 12.0;
  CHECK_FALSE(same_order);
  CHECK(rank_product / n / rank_variance == Approx(0.0).margin(0.15));
}

TEST_CASE("The Sobol sequence starts with the known points", "[sweep]") {
  // Worked out by hand: dimension 1 is the base-2 van der Corput sequence in Gray-code order;
  // dimension 2 has direction numbers 1/2, 3/4, 5/8 (m = 1, 3, 5). SciPy prints the same.
  const Points points = sobol_points(8, 2);
  const std::array<std::array<double, 2>, 8> expected{{{0.0, 0.0},
                                                       {0.5, 0.5},
                                                       {0.75, 0.25},
                                                       {0.25, 0.75},
                                                       {0.375, 0.375},
                                                       {0.875, 0.875},
                                                       {0.625, 0.125},
                                                       {0.125, 0.625}}};
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(points(i, 0) == expected[i][0]);
    CHECK(points(i, 1) == expected[i][1]);
  }
}

TEST_CASE("Sobol points in high dimensions match an independent implementation", "[sweep]") {
  // Coordinates (times 1024, so integers: points below 1024 use 10 direction numbers) of
  // points 1, 2, 3, 16, 31, 1000 and 1023, for dimensions 3, 10, 21, 64 and 128 (1-based),
  // printed by SciPy 1.10's scipy.stats.qmc.Sobol(d=128, scramble=False), which reads its own
  // copy of new-joe-kuo-6.21201. Point 1000 uses direction numbers 3, 4, 5 and 10, so a wrong
  // m_i or polynomial in these rows shows. (All 128 dimensions agreed on 2^16 points when the
  // table was entered.)
  const std::array<std::size_t, 7> index{1, 2, 3, 16, 31, 1000, 1023};
  const std::array<std::pair<std::size_t, std::array<int, 7>>, 5> expected{{
      {3, {512, 256, 768, 480, 928, 531, 627}},
      {10, {512, 768, 256, 160, 608, 71, 871}},
      {21, {512, 256, 768, 736, 416, 535, 887}},
      {64, {512, 768, 256, 96, 800, 457, 41}},
      {128, {512, 256, 768, 352, 160, 557, 717}},
  }};
  const Points points = sobol_points(1024, kSobolMaxDimensions);
  for (const auto& [dimension, coordinates] : expected)
    for (std::size_t k = 0; k < index.size(); ++k)
      CHECK(points(index[k], dimension - 1) * 1024.0 == coordinates[k]);
}

TEST_CASE("Every dimension of the Sobol sequence is a (0, m, 1)-net", "[sweep]") {
  // The first 2^m points put exactly one value in each interval [k/2^m, (k+1)/2^m).
  const Points points = sobol_points(std::size_t{1} << 12, kSobolMaxDimensions);
  for (std::size_t j = 0; j < kSobolMaxDimensions; ++j) {
    for (int m = 0; m <= 12; ++m) {
      const std::vector<int> counts = interval_counts(points, std::size_t{1} << m, j, m);
      INFO("dimension " << j + 1 << ", m = " << m);
      REQUIRE(std::all_of(counts.begin(), counts.end(), [](int c) { return c == 1; }));
    }
  }
}

TEST_CASE("Dimensions 1 and 2 of the Sobol sequence form a (0, m, 2)-net", "[sweep]") {
  // The first 2^m points put exactly one point in each box [k/2^a, (k+1)/2^a) x
  // [l/2^b, (l+1)/2^b) with a + b = m.
  const Points points = sobol_points(std::size_t{1} << 12, 2);
  for (int m = 0; m <= 12; ++m) {
    for (int a = 0; a <= m; ++a) {
      const int b = m - a;
      std::vector<int> counts(std::size_t{1} << m, 0);
      for (std::size_t i = 0; i < (std::size_t{1} << m); ++i) {
        const auto col = static_cast<std::size_t>(std::ldexp(points(i, 0), a));
        const auto row = static_cast<std::size_t>(std::ldexp(points(i, 1), b));
        ++counts[(row << a) | col];
      }
      INFO("m = " << m << ", a = " << a << ", b = " << b);
      REQUIRE(std::all_of(counts.begin(), counts.end(), [](int c) { return c == 1; }));
    }
  }
}

TEST_CASE("Sampling designs reject impossible sizes", "[sweep]") {
  CHECK_THROWS_AS(random_points(10, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(latin_hypercube(10, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_points(10, 0), std::invalid_argument);
  CHECK_THROWS_WITH(sobol_points(10, kSobolMaxDimensions + 1),
                    "sobol_points: 129 dimensions requested, the direction-number table has 1 "
                    "to 128");
  CHECK(sobol_points(0, 3).size() == 0);
}
