#include "chokepoint/sweep/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "chokepoint/random/stream.hpp"

namespace chokepoint::sweep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sub-streams of a Morris trajectory.
constexpr std::uint32_t kMorrisStart = 0;      // the grid level each factor starts from
constexpr std::uint32_t kMorrisDirection = 1;  // whether each factor moves up or down
constexpr std::uint32_t kMorrisOrder = 2;      // the order in which factors move

void require_outputs(std::span<const double> outputs, std::size_t expected, const char* what) {
  if (outputs.size() != expected)
    throw std::invalid_argument(std::string(what) + ": " + std::to_string(outputs.size()) +
                                " outputs for a design of " + std::to_string(expected) + " points");
}

}  // namespace

// ---- Morris

namespace {

// Campolongo et al. (2007): the distance between two trajectories is the sum of the Euclidean
// distances between every point of one and every point of the other.
double trajectory_distance(const Points& points, std::size_t a, std::size_t b) {
  const std::size_t length = points.dims + 1;
  double total = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    for (std::size_t k = 0; k < length; ++k) {
      const std::span<const double> x = points.row(a * length + i), y = points.row(b * length + k);
      double squares = 0.0;
      for (std::size_t j = 0; j < points.dims; ++j)
        squares += (x[j] - y[j]) * (x[j] - y[j]);
      total += std::sqrt(squares);
    }
  }
  return total;
}

// Which `keep` of the `pool` candidate trajectories to keep, in increasing order: those that
// spread most, by the criterion of Campolongo et al. (2007), the sum over pairs of kept
// trajectories of their squared distance. Searching all subsets is out of reach, so the
// candidates are dropped one at a time, each time the one whose squared distances to those
// left sum to least (dropping it lowers the criterion least; cf. Ruano et al. 2012). Ties go
// to the lower index, so the choice is deterministic.
std::vector<std::size_t> most_spread(const Points& candidates, std::size_t pool, std::size_t keep) {
  std::vector<double> squared(pool * pool, 0.0);
  for (std::size_t a = 0; a < pool; ++a)
    for (std::size_t b = a + 1; b < pool; ++b) {
      const double distance = trajectory_distance(candidates, a, b);
      squared[a * pool + b] = squared[b * pool + a] = distance * distance;
    }
  std::vector<double> contribution(pool, 0.0);
  for (std::size_t a = 0; a < pool; ++a)
    for (std::size_t b = 0; b < pool; ++b)
      contribution[a] += squared[a * pool + b];

  std::vector<bool> kept(pool, true);
  for (std::size_t left = pool; left > keep; --left) {
    std::size_t weakest = pool;
    for (std::size_t a = 0; a < pool; ++a)
      if (kept[a] && (weakest == pool || contribution[a] < contribution[weakest])) weakest = a;
    kept[weakest] = false;
    for (std::size_t a = 0; a < pool; ++a)
      contribution[a] -= squared[a * pool + weakest];
  }
  std::vector<std::size_t> chosen;
  for (std::size_t a = 0; a < pool; ++a)
    if (kept[a]) chosen.push_back(a);
  return chosen;
}

// The design's trajectories `chosen` (in that order) as a design of their own.
MorrisDesign keep_trajectories(const MorrisDesign& all, const std::vector<std::size_t>& chosen) {
  const std::size_t d = all.dims();
  MorrisDesign kept{chosen.size(), all.levels, all.delta, Points{d, {}}, {}};
  for (const std::size_t t : chosen) {
    const auto rows = all.points.values.begin() + static_cast<std::ptrdiff_t>(t * (d + 1) * d);
    kept.points.values.insert(kept.points.values.end(), rows,
                              rows + static_cast<std::ptrdiff_t>((d + 1) * d));
    const auto moves = all.changed_factor.begin() + static_cast<std::ptrdiff_t>(t * d);
    kept.changed_factor.insert(kept.changed_factor.end(), moves,
                               moves + static_cast<std::ptrdiff_t>(d));
  }
  return kept;
}

}  // namespace

MorrisDesign morris_design(std::size_t trajectories, std::size_t dims, std::size_t levels,
                           std::uint64_t seed, std::size_t candidates) {
  if (trajectories == 0 || dims == 0)
    throw std::invalid_argument("morris_design: needs at least one trajectory and one factor");
  if (levels < 2 || levels % 2 != 0 || levels > (std::size_t{1} << 31))
    throw std::invalid_argument("morris_design: the number of levels must be even and >= 2");
  if (dims > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("morris_design: too many factors");

  // Positions are kept as integer grid steps and divided by (p - 1) only when stored, so every
  // coordinate is exactly a grid level and the step between two rows is exactly +-delta up to
  // the one rounding of that division.
  const std::size_t pool = std::max(trajectories, candidates);
  const std::size_t jump = levels / 2;  // delta in grid steps
  const auto grid_step = static_cast<double>(levels - 1);
  MorrisDesign design;
  design.trajectories = pool;
  design.levels = levels;
  design.delta = static_cast<double>(jump) / grid_step;
  design.points = Points{dims, std::vector<double>(pool * (dims + 1) * dims)};
  design.changed_factor.resize(pool * dims);

  std::vector<std::size_t> position(dims);
  std::vector<bool> moves_up(dims);
  std::vector<std::size_t> order(dims);
  for (std::size_t t = 0; t < pool; ++t) {
    RandomStream start(seed, t, kMorrisStart, Purpose::SweepMorris);
    RandomStream direction(seed, t, kMorrisDirection, Purpose::SweepMorris);
    RandomStream shuffle(seed, t, kMorrisOrder, Purpose::SweepMorris);
    // Morris (1991): a base point x* on the levels from which +delta stays in [0, 1], a
    // random sign per factor, and a random order. A factor moving down starts at x* + delta.
    for (std::size_t j = 0; j < dims; ++j) {
      const std::size_t base = start.below(static_cast<std::uint32_t>(jump));
      moves_up[j] = direction.below(2) == 0;
      position[j] = moves_up[j] ? base : base + jump;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = dims; i > 1; --i)
      std::swap(order[i - 1], order[shuffle.below(static_cast<std::uint32_t>(i))]);

    const std::size_t first_row = t * (dims + 1);
    for (std::size_t k = 0; k <= dims; ++k) {
      if (k > 0) {
        const std::size_t j = order[k - 1];
        position[j] = moves_up[j] ? position[j] + jump : position[j] - jump;
        design.changed_factor[t * dims + k - 1] = j;
      }
      for (std::size_t j = 0; j < dims; ++j)
        design.points.values[(first_row + k) * dims + j] =
            static_cast<double>(position[j]) / grid_step;
    }
  }
  if (pool == trajectories) return design;
  return keep_trajectories(design, most_spread(design.points, pool, trajectories));
}

std::vector<MorrisIndex> morris_indices(const MorrisDesign& design,
                                        std::span<const double> outputs) {
  const std::size_t d = design.dims(), r = design.trajectories;
  require_outputs(outputs, r * (d + 1), "morris_indices");

  // effects[j * r + t]: factor j's elementary effect in trajectory t.
  std::vector<double> effects(d * r);
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t k = 0; k < d; ++k) {
      const std::size_t before = t * (d + 1) + k, after = before + 1;
      const std::size_t j = design.changed_factor[t * d + k];
      const double step = design.points(after, j) - design.points(before, j);
      effects[j * r + t] = (outputs[after] - outputs[before]) / step;
    }
  }

  std::vector<MorrisIndex> indices(d);
  const auto count = static_cast<double>(r);
  for (std::size_t j = 0; j < d; ++j) {
    const std::span<const double> of_factor(effects.data() + j * r, r);
    double sum = 0.0, sum_abs = 0.0;
    for (const double effect : of_factor) {
      sum += effect;
      sum_abs += std::abs(effect);
    }
    const double mu = sum / count;
    double squares = 0.0;
    for (const double effect : of_factor)
      squares += (effect - mu) * (effect - mu);
    indices[j] = {mu, sum_abs / count, r > 1 ? std::sqrt(squares / (count - 1.0)) : kNaN};
  }
  return indices;
}

// ---- Sobol indices

Points saltelli_design(std::size_t n, std::size_t d) {
  if (d == 0 || 2 * d > kSobolMaxDimensions)
    throw std::invalid_argument("saltelli_design: needs 1 to " +
                                std::to_string(kSobolMaxDimensions / 2) + " factors, got " +
                                std::to_string(d));
  const Points base = sobol_points(n, 2 * d);
  Points design{d, std::vector<double>(n * (d + 2) * d)};
  for (std::size_t k = 0; k < n; ++k) {
    const std::span<const double> a = base.row(k).first(d), b = base.row(k).last(d);
    const auto write_row = [&](std::size_t offset, std::size_t column_from_b) {
      double* row = design.values.data() + saltelli_row(d, k, offset) * d;
      for (std::size_t j = 0; j < d; ++j)
        row[j] = j == column_from_b ? b[j] : a[j];
    };
    write_row(0, d);  // A: no column from B
    for (std::size_t i = 0; i < d; ++i)
      write_row(1 + i, i);
    std::copy(b.begin(), b.end(), design.values.data() + saltelli_row(d, k, d + 1) * d);
  }
  return design;
}

namespace {

struct Estimate {
  double mean = 0.0, variance = 0.0;
  std::vector<double> first_order, total;
};

// The indices from the base samples listed in `samples` (all of them for the estimate
// itself, a resample for the bootstrap).
Estimate estimate(std::size_t d, std::span<const double> outputs,
                  std::span<const std::size_t> samples) {
  const auto y = [&](std::size_t base, std::size_t offset) {
    return outputs[saltelli_row(d, base, offset)];
  };
  const auto m = static_cast<double>(samples.size());
  Estimate e;
  for (const std::size_t k : samples)
    e.mean += y(k, 0) + y(k, d + 1);
  e.mean /= 2.0 * m;
  for (const std::size_t k : samples) {
    const double a = y(k, 0) - e.mean, b = y(k, d + 1) - e.mean;
    e.variance += a * a + b * b;
  }
  e.variance /= 2.0 * m;

  e.first_order.assign(d, kNaN);
  e.total.assign(d, kNaN);
  if (!(e.variance > 0.0)) return e;
  for (std::size_t i = 0; i < d; ++i) {
    double first = 0.0, total = 0.0;
    for (const std::size_t k : samples) {
      const double a = y(k, 0), b = y(k, d + 1), ab = y(k, 1 + i);
      // Saltelli et al. (2010), Table 2 (b): V_i ~ mean of f(B) (f(AB_i) - f(A)). f(B) is
      // centred first: that leaves the expectation unchanged (the mean of f(AB_i) - f(A) is
      // zero) and removes the estimator's variance that grows with the output's mean.
      first += (b - e.mean) * (ab - a);
      // Jansen (1999): V_Ti ~ mean of (f(A) - f(AB_i))^2 / 2.
      total += (a - ab) * (a - ab);
    }
    e.first_order[i] = first / m / e.variance;
    e.total[i] = total / (2.0 * m) / e.variance;
  }
  return e;
}

// The q-quantile of `values`, interpolating between order statistics (Hyndman & Fan 1996,
// definition 7). NaN values (a resample whose outputs at A and B are all equal) are left out.
double quantile(std::vector<double> values, double q) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  const double at = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (at - static_cast<double>(below)) * (values[above] - values[below]);
}

}  // namespace

SobolIndices sobol_indices(std::size_t n, std::size_t d, std::span<const double> outputs,
                           const BootstrapSettings& bootstrap) {
  if (n == 0 || d == 0) throw std::invalid_argument("sobol_indices: needs n >= 1 and d >= 1");
  require_outputs(outputs, n * (d + 2), "sobol_indices");
  if (n > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("sobol_indices: at most 2^32 - 1 base samples");
  if (!(bootstrap.confidence > 0.0 && bootstrap.confidence < 1.0))
    throw std::invalid_argument("sobol_indices: the confidence level must be in (0, 1)");

  std::vector<std::size_t> samples(n);
  std::iota(samples.begin(), samples.end(), std::size_t{0});
  const Estimate point = estimate(d, outputs, samples);

  SobolIndices result{point.mean, point.variance, std::vector<SobolIndex>(d)};
  for (std::size_t i = 0; i < d; ++i) {
    result.factors[i] = {point.first_order[i], point.total[i], {kNaN, kNaN}, {kNaN, kNaN}};
  }
  if (bootstrap.resamples == 0 || !(point.variance > 0.0)) return result;

  // first_order[i * R + b], total[i * R + b]: factor i's indices in resample b.
  const std::size_t resamples = bootstrap.resamples;
  std::vector<double> first_order(d * resamples), total(d * resamples);
  for (std::size_t b = 0; b < resamples; ++b) {
    RandomStream draw(bootstrap.seed, b, 0, Purpose::SweepBootstrap);
    for (std::size_t& k : samples)
      k = draw.below(static_cast<std::uint32_t>(n));
    const Estimate again = estimate(d, outputs, samples);
    for (std::size_t i = 0; i < d; ++i) {
      first_order[i * resamples + b] = again.first_order[i];
      total[i * resamples + b] = again.total[i];
    }
  }
  const double low = (1.0 - bootstrap.confidence) / 2.0, high = (1.0 + bootstrap.confidence) / 2.0;
  const auto interval_of = [&](const std::vector<double>& draws, std::size_t i) {
    const auto first = draws.begin() + static_cast<std::ptrdiff_t>(i * resamples);
    std::vector<double> of_factor(first, first + static_cast<std::ptrdiff_t>(resamples));
    return Interval{quantile(of_factor, low), quantile(of_factor, high)};
  };
  for (std::size_t i = 0; i < d; ++i) {
    // A NaN estimate (a NaN output) keeps NaN intervals: the resamples that happen to miss
    // the NaN run would otherwise give an interval around no estimate.
    if (!std::isnan(point.first_order[i]))
      result.factors[i].first_order_interval = interval_of(first_order, i);
    if (!std::isnan(point.total[i])) result.factors[i].total_interval = interval_of(total, i);
  }
  return result;
}

}  // namespace chokepoint::sweep
