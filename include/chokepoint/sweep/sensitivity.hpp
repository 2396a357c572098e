#pragma once

// Global sensitivity analysis of a sweep's outputs: which parameters move a result, and how.
// Two methods, each a design (where to run the model) and an estimator (what to compute from
// the runs' outputs, given in the design's order):
//   - Morris elementary effects: a cheap screening, r * (d + 1) runs.
//   - Sobol variance-based indices (Saltelli design): n * (d + 2) runs.
// Both work in the unit hypercube; the sweep maps coordinates to parameter ranges and reads
// one scalar output per run. docs/SWEEPS.md ("Sensitivity analysis") explains the methods,
// their estimators and their limits.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "chokepoint/sweep/sampling.hpp"

namespace chokepoint::sweep {

// ---- Morris elementary effects (Morris 1991; mu* from Campolongo, Cariboni & Saltelli 2007)

// r trajectories of d + 1 points on the p-level grid {0, 1/(p-1), ..., 1} (unlike the other
// designs, coordinates can be 1: the parameter's maximum). Each trajectory starts at a random
// grid point and moves one factor at a time, every factor once, in a random order, by +delta
// or -delta, delta = p / (2 (p - 1)) (which is p/2 grid steps, so every level is equally
// likely to be visited). Trajectory t occupies rows t * (d + 1) ... t * (d + 1) + d of
// `points`.
struct MorrisDesign {
  std::size_t trajectories = 0;
  std::size_t levels = 0;
  double delta = 0.0;
  Points points;
  // The factor that changes between rows k and k + 1 of trajectory t, at [t * d + k].
  std::vector<std::size_t> changed_factor;

  std::size_t dims() const { return points.dims; }
};

// Needs r >= 1, d >= 1 and an even number of levels p >= 2 (odd p gives a delta that is not
// a whole number of grid steps). p = 4 with r = 10 to 50 is the usual choice.
//
// With candidates > r, the design draws that many trajectories and keeps the r that spread
// most over the cube (Campolongo, Cariboni & Saltelli 2007; chosen by dropping the least
// spread one at a time rather than by their exhaustive search), which covers the cube better
// with few trajectories. Kept trajectories stay in the order they were drawn. The choice
// costs about (candidates (d + 1))^2 d / 2 operations: measured 0.1 s for 500 candidates of
// 10 factors, 2.9 s for 1000 of 20.
MorrisDesign morris_design(std::size_t trajectories, std::size_t dims, std::size_t levels,
                           std::uint64_t seed, std::size_t candidates = 0);

// One factor's elementary-effect statistics. An elementary effect is
// (y(x + step e_i) - y(x)) / step, with x and step in the unit cube: the change of the output
// per unit of the factor's [0, 1] range. To express it per unit of the parameter itself,
// divide by the parameter's (max - min); the sweep's printer does this.
struct MorrisIndex {
  double mu = 0.0;       // mean effect (effects of opposite signs cancel)
  double mu_star = 0.0;  // mean absolute effect: the importance ranking (Campolongo 2007)
  double sigma = 0.0;    // standard deviation of the effects (denominator r - 1): a large
                         // value signals interactions or non-linearity; NaN when r = 1
};

// `outputs` holds one value per design point, in the design's row order.
std::vector<MorrisIndex> morris_indices(const MorrisDesign& design,
                                        std::span<const double> outputs);

// ---- Sobol indices (Saltelli 2010 first-order, Jansen 1999 total-effect estimators)

// The Saltelli design for n base samples of d factors: the first n points of the 2d-
// dimensional Sobol sequence split into matrices A (its first d columns) and B (the last d),
// plus, for each factor i, AB_i = A with column i taken from B. n * (d + 2) rows, grouped by
// base sample: rows k * (d + 2) + ... are
//   + 0        A_k
//   + 1 + i    (AB_i)_k, for i = 0 ... d - 1
//   + d + 1    B_k
// so the first m * (d + 2) rows are the design for m base samples. Use n a power of two.
// Needs 1 <= d <= kSobolMaxDimensions / 2.
Points saltelli_design(std::size_t n, std::size_t d);

inline std::size_t saltelli_row(std::size_t d, std::size_t base, std::size_t offset) {
  return base * (d + 2) + offset;
}

struct Interval {
  double low = 0.0;
  double high = 0.0;
};

// Confidence intervals by bootstrap: the n base samples are resampled with replacement
// `resamples` times (each resample's draws from its own Philox stream keyed by `seed`), the
// indices recomputed, and the interval is the (1 - confidence)/2 and (1 + confidence)/2
// percentiles. resamples = 0 skips the bootstrap (intervals are NaN).
struct BootstrapSettings {
  std::size_t resamples = 1000;
  double confidence = 0.90;
  std::uint64_t seed = 0;
};

struct SobolIndex {
  double first_order = 0.0;  // S_i = V[E(Y | X_i)] / V(Y)
  double total = 0.0;        // ST_i = E[V(Y | X_~i)] / V(Y)
  Interval first_order_interval;
  Interval total_interval;
};

struct SobolIndices {
  double mean = 0.0;      // of the outputs at A and B
  double variance = 0.0;  // of the outputs at A and B (denominator 2n); 0 makes indices NaN
  std::vector<SobolIndex> factors;
};

// `outputs` holds one value per row of saltelli_design(n, d), in its order.
SobolIndices sobol_indices(std::size_t n, std::size_t d, std::span<const double> outputs,
                           const BootstrapSettings& bootstrap = {});

}  // namespace chokepoint::sweep
