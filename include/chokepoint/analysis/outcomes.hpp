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
  bool over_period = false;  // a mean over the chosen period (else over the whole run)
};

// Steps [from, to) of a run.
struct StepRange {
  std::size_t from = 0;
  std::size_t to = 0;
  bool operator==(const StepRange&) const = default;
};

// The last 12 months of a run (all of it when shorter).
StepRange last_year_of(const RunRecord& record);

// The outcomes in a fixed order (the same names for every run). "Last year" is the last 12
// months of the run (all of it when shorter). Throws OutputError when a series is missing.
std::vector<Outcome> headline_outcomes(const RunRecord& record);

// The same outcomes with the "last year" ones taken over `period` instead (the whole-run ones,
// peak, cumulative and totals, are unchanged). When `period` is not the last year their names
// end in "_period" instead of "_last_year". Throws OutputError for a period outside the run.
std::vector<Outcome> headline_outcomes(const RunRecord& record, StepRange period);

}  // namespace chokepoint
