#include <cstdio>
#include <limits>

#include "chokepoint/error.hpp"
#include "chokepoint/output/table_file.hpp"
#include "chokepoint/sweep/sweep.hpp"
#include "sweep/design_points.hpp"

namespace chokepoint {

namespace {

// The values of point `point` of a grid: the last axis varies fastest, as nested loops over
// the axes in file order would.
std::vector<std::string> grid_values(const SweepDescription& sweep, std::size_t point) {
  std::vector<std::string> values(sweep.axes.size());
  for (std::size_t a = sweep.axes.size(); a-- > 0;) {
    const std::vector<std::string>& choices = sweep.axes[a].values;
    values[a] = choices[point % choices.size()];
    point /= choices.size();
  }
  return values;
}

}  // namespace

std::size_t sweep_point_count(const SweepDescription& sweep) {
  switch (sweep.design) {
    case SweepDesign::Grid: {
      std::size_t points = 1;
      for (const SweepAxis& axis : sweep.axes) {
        if (points > std::numeric_limits<std::size_t>::max() / axis.values.size())
          throw Error("the grid of sweep " + sweep.name + " has more points than can be counted");
        points *= axis.values.size();
      }
      return points;
    }
    case SweepDesign::Zip:
      return sweep.axes.empty() ? 1 : sweep.axes.front().values.size();
    default:
      return sweep_detail::sampled_point_count(sweep);
  }
}

std::vector<SweepRun> expand_sweep(const SweepDescription& sweep) {
  const std::size_t points = sweep_point_count(sweep);
  const bool sampled = sweep.design != SweepDesign::Grid && sweep.design != SweepDesign::Zip;
  const std::vector<double> unit =
      sampled ? sweep_detail::sampled_unit_points(sweep) : std::vector<double>{};
  const std::size_t dims = sweep.axes.size();
  std::vector<SweepRun> runs;
  runs.reserve(points * sweep.replicates);
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<std::string> values;
    std::vector<double> position;
    if (sweep.design == SweepDesign::Grid) {
      values = grid_values(sweep, p);
    } else if (sweep.design == SweepDesign::Zip) {
      for (const SweepAxis& axis : sweep.axes)
        values.push_back(axis.values[p]);
    } else {
      for (std::size_t a = 0; a < dims; ++a) {
        const SweepAxis& axis = sweep.axes[a];
        const double u = unit[p * dims + a];
        position.push_back(u);
        values.push_back(number_text(axis.low + u * (axis.high - axis.low)));
      }
    }
    std::vector<std::string> overrides;
    for (std::size_t a = 0; a < dims; ++a)
      overrides.push_back(sweep.axes[a].key + "=" + values[a]);
    for (std::uint32_t r = 0; r < sweep.replicates; ++r) {
      SweepRun run;
      run.index = p * sweep.replicates + r;
      run.point = p;
      run.replicate = r;
      run.seed = sweep.first_seed + r;
      run.values = values;
      run.unit_point = position;
      run.overrides = overrides;
      runs.push_back(std::move(run));
    }
  }
  return runs;
}

}  // namespace chokepoint
