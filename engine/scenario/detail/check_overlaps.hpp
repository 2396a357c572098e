#pragma once

// Policies whose periods overlap on the same goods and contradict each other: where the
// engine would otherwise silently pick one of two values (which duty, which budget, which
// end-use checks). Overlaps that combine meaningfully (the widest export control, the tightest
// quota, added hazards and enforcement) are not checked here; docs/SCENARIO_FORMAT.md,
// "Overlapping policies", lists both kinds.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/description.hpp"
#include "scenario/detail/names.hpp"

namespace chokepoint::scenario_detail {

// Where a policy entry was written, kept while reading for errors found once a whole list is
// known: its key path ("policies.tariffs[1]"), its name and the location of its `name` value.
struct PolicyEntry {
  std::string path;
  std::string name;
  SourceLocation name_location;
};

// Entries by list key under `policies:` ("tariffs"), in file order.
using PolicyEntries = std::map<std::string, std::vector<PolicyEntry>, std::less<>>;

// Throws a ScenarioError at the later of the first two contradicting entries found.
void check_overlaps(const Policies& policies, const PolicyEntries& entries, const Names& names,
                    const Calendar& calendar);

}  // namespace chokepoint::scenario_detail
