#pragma once

// The sampled designs (random, Latin hypercube, Sobol, Morris, Saltelli) as points in the unit
// hypercube, which expand_sweep maps onto each axis's interval.

#include <cstddef>
#include <vector>

#include "chokepoint/sweep/sweep.hpp"

namespace chokepoint::sweep_detail {

std::size_t sampled_point_count(const SweepDescription& sweep);

// Row-major: point p, axis a at [p * axes + a].
std::vector<double> sampled_unit_points(const SweepDescription& sweep);

}  // namespace chokepoint::sweep_detail
