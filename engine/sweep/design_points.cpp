#include "sweep/design_points.hpp"

#include "chokepoint/error.hpp"
#include "chokepoint/sweep/sampling.hpp"
#include "chokepoint/sweep/sensitivity.hpp"

namespace chokepoint::sweep_detail {

std::size_t sampled_point_count(const SweepDescription& sweep) {
  const std::size_t d = sweep.axes.size();
  switch (sweep.design) {
    case SweepDesign::Morris:
      return sweep.samples * (d + 1);
    case SweepDesign::Saltelli:
      return sweep.samples * (d + 2);
    case SweepDesign::Random:
    case SweepDesign::LatinHypercube:
    case SweepDesign::Sobol:
      return sweep.samples;
    case SweepDesign::Grid:
    case SweepDesign::Zip:
      break;
  }
  throw Error(std::string("the ") + design_name(sweep.design) + " design is not sampled");
}

std::vector<double> sampled_unit_points(const SweepDescription& sweep) {
  const std::size_t d = sweep.axes.size();
  switch (sweep.design) {
    case SweepDesign::Random:
      return sweep::random_points(sweep.samples, d, sweep.design_seed).values;
    case SweepDesign::LatinHypercube:
      return sweep::latin_hypercube(sweep.samples, d, sweep.design_seed).values;
    case SweepDesign::Sobol:
      return sweep::sobol_points(sweep.samples, d).values;
    case SweepDesign::Morris:
      return sweep::morris_design(sweep.samples, d, sweep.levels, sweep.design_seed).points.values;
    case SweepDesign::Saltelli:
      return sweep::saltelli_design(sweep.samples, d).values;
    case SweepDesign::Grid:
    case SweepDesign::Zip:
      break;
  }
  throw Error(std::string("the ") + design_name(sweep.design) + " design is not sampled");
}

}  // namespace chokepoint::sweep_detail
