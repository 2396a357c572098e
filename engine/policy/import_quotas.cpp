#include "chokepoint/policy/policy_state.hpp"

#include <algorithm>

namespace chokepoint {

// A share quota is measured against the sector's imports of the previous step: if the other
// origins hold their volume O, the capped origin converges to share s (x = s(x + O)).
// Quotas bind on the declared origin at the border, so goods re-exported through a hub pass
// as the hub's: the loophole that enforcement on hubs has to close.
void apply_import_quotas(const ScenarioDescription& scenario, std::int32_t step,
                         const ImportHistory& history, PolicyState& policy) {
  std::fill(policy.quota_active.begin(), policy.quota_active.end(), 0);
  std::fill(policy.quota_cap.begin(), policy.quota_cap.end(), 0.0);
  for (const ImportQuota& quota : scenario.policies.import_quotas) {
    if (!quota.span.contains(step)) continue;
    for (SectorIndex sector : quota.sectors) {
      const double cap = quota.cap_kind == ImportQuota::Cap::Volume
                             ? quota.cap
                             : quota.cap * history.imports_by_sector[sector];
      for (StateIndex origin : quota.origins) {
        const std::size_t i = policy.quota_at(sector, origin);
        policy.quota_cap[i] = policy.quota_active[i] ? std::min(policy.quota_cap[i], cap) : cap;
        policy.quota_active[i] = 1;
      }
    }
  }
}

}  // namespace chokepoint
