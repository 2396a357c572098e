#pragma once

// Per-agent attributes given as a plain number or as a distribution:
//   capacity: 500
//   capacity: {uniform: [100, 900]}
//   unit_cost: {lognormal: {median: 20, sigma: 0.4}, max: 60}
// The draw is clamped to the attribute's valid range, narrowed by the user's min/max.

#include <string_view>

#include "chokepoint/scenario/description.hpp"
#include "scenario/detail/node_reader.hpp"
#include "scenario/detail/range.hpp"

namespace chokepoint::scenario_detail {

Distribution read_distribution(Value& value, const NumberRange& valid);
Distribution required_distribution(MapReader& map, std::string_view key, const NumberRange& valid);
Distribution optional_distribution(MapReader& map, std::string_view key, double fallback,
                                   const NumberRange& valid);

}  // namespace chokepoint::scenario_detail
