#pragma once

// Headline outcomes of a run as scalars: what a sweep summary has one column of per run, and
// what analysts compare across policies (dependence, prices, shortages, hubs, designations).

#include <string>
#include <vector>

#include "chokepoint/output/run_record.hpp"

namespace chokepoint {

struct Outcome {
  std::string name;  // column name, e.g. "focus_share_last_year"
  std::string units;
  std::string long_name;
  double value = 0.0;
};

// The outcomes in a fixed order (the same names for every run). "Last year" is the last 12
// months of the run (all of it when shorter). Throws OutputError when a series is missing.
std::vector<Outcome> headline_outcomes(const RunRecord& record);

}  // namespace chokepoint
