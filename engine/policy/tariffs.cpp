#include <algorithm>

#include "chokepoint/policy/policy_state.hpp"

namespace chokepoint {

// Ad valorem duties of the target by declared origin and sector. The loader refuses two duties
// on the same origin and sector in the same months (scenario/check_overlaps.cpp), so at most
// one applies. Goods re-exported through a hub pay the hub's rate.
void apply_tariffs(const ScenarioDescription& scenario, std::int32_t step, PolicyState& policy) {
  std::fill(policy.tariff.begin(), policy.tariff.end(), 0.0);
  for (const Tariff& tariff : scenario.policies.tariffs) {
    if (!tariff.span.contains(step)) continue;
    for (SectorIndex sector : tariff.sectors)
      for (StateIndex origin : tariff.origins)
        policy.tariff[policy.quota_at(sector, origin)] += tariff.rate;
  }
}

}  // namespace chokepoint
