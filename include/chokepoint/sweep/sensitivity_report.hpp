#pragma once

// `chokepoint sensitivity`: Morris elementary effects or Sobol indices of one outcome of a
// finished sweep, read from its summary.h5 and ranked, in the units of the varied parameters.

#include <string>
#include <vector>

#include "chokepoint/sweep/sweep.hpp"

namespace chokepoint {

// What the analysis needs of a sweep summary: the design and, per run, its point and the
// chosen outcome.
struct SweepSummaryData {
  SweepDesign design = SweepDesign::Grid;
  std::uint64_t samples = 0;
  std::uint32_t levels = 4;
  std::uint64_t design_seed = 1;
  std::uint32_t replicates = 1;
  std::vector<SweepAxis> axes;  // key, low, high
  std::string output;
  std::string output_units;
  std::vector<std::size_t> point;  // per run
  std::vector<double> value;       // per run
};

// Throws OutputError for a file that is not a sweep summary, and Error naming the outcomes
// there are when `output` is not one of them.
SweepSummaryData read_sweep_summary(const std::string& path, const std::string& output);

struct SensitivityRow {
  std::string factor;  // the axis key
  // Morris: mu_star, mu, sigma over the parameter's whole range [low, high] (what ranks
  // parameters of different units fairly), and mu_star per unit of the parameter in
  // `per_unit`. Sobol: first-order S_i, total ST_i and their 90% bootstrap intervals.
  double first = 0.0, second = 0.0, third = 0.0, per_unit = 0.0;
  double first_low = 0.0, first_high = 0.0, second_low = 0.0, second_high = 0.0;
};

struct SensitivityReport {
  std::string method;  // "morris" or "sobol"
  std::string output;
  std::string output_units;
  std::size_t runs = 0;
  std::size_t points = 0;
  std::vector<SensitivityRow> rows;  // most influential first
};

// Replicates of a point are averaged before the analysis. Needs a morris or saltelli sweep
// with every run present.
SensitivityReport analyse_sensitivity(const SweepSummaryData& data);

}  // namespace chokepoint
