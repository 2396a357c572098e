#pragma once

// A run's output must hold numbers: an infinity anywhere, or a NaN outside the series whose
// documentation gives NaN a meaning ("no price: nothing was delivered"), means the model or
// its input went wrong (a demand of 1e308, a denormal price), and a file holding it would be
// read as a result. The check runs before the file is written, so such a run leaves no file.

#include <set>
#include <string>

#include "chokepoint/output/run_record.hpp"

namespace chokepoint {

// Throws Error naming the first series that holds a value it may not, the value and its
// coordinates ("price_maker[time=2023-05, sector=chips, route=direct] = inf"), and how many
// such values the series holds. `missing_allowed` names the series where NaN means "no value".
void check_finite_values(const RunRecord& record, const std::set<std::string>& missing_allowed);

}  // namespace chokepoint
