#include <algorithm>

#include "chokepoint/policy/policy_state.hpp"

namespace chokepoint {

// A limit lets unbranded goods fill at most `max_share` of the sector's imports of the previous
// step (foreign shippers, goods that arrived), like a share quota whose group is the sector and
// whose count is the unbranded part of each offer. If branded imports B hold, unbranded imports
// x converge to the share (x = s(x + B)); where branded supply cannot replace them, the cap
// shrinks with the imports it is measured against and buyers go short. Two limits in force on
// one sector do not add up: the lower cap applies.
void apply_unbranded_limits(const ScenarioDescription& scenario, std::int32_t step,
                            const ImportHistory& history, PolicyState& policy) {
  std::fill(policy.unbranded_active.begin(), policy.unbranded_active.end(), 0);
  std::fill(policy.unbranded_cap.begin(), policy.unbranded_cap.end(), 0.0);
  policy.any_unbranded_limit = false;
  for (const UnbrandedLimit& limit : scenario.policies.unbranded_limits) {
    if (!limit.span.contains(step)) continue;
    for (SectorIndex sector : limit.sectors) {
      const double cap = limit.max_share * history.imports_by_sector[sector];
      double& current = policy.unbranded_cap[sector];
      current = policy.unbranded_active[sector] ? std::min(current, cap) : cap;
      policy.unbranded_active[sector] = 1;
      policy.any_unbranded_limit = true;
    }
  }
}

}  // namespace chokepoint
