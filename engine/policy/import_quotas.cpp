#include "chokepoint/policy/policy_state.hpp"

#include <algorithm>

namespace chokepoint {

// A share quota is measured against the sector's imports of the previous step: if the other
// origins hold their volume O, the capped origin converges to share s (x = s(x + O)).
// Quotas bind on the declared origin at the border, so goods re-exported through a hub pass
// as the hub's: the loophole that enforcement on hubs has to close.
namespace {

void cap_share(PolicyState& policy, SectorIndex sector, StateIndex origin, double cap) {
  const std::size_t i = policy.quota_at(sector, origin);
  policy.quota_cap[i] = policy.quota_active[i] ? std::min(policy.quota_cap[i], cap) : cap;
  policy.quota_active[i] = 1;
}

// Adaptive rules fire on last step's shares and, once fired, hold for as long as the rule is
// in force: the target does not lift a cap the moment dependence dips below the threshold.
void apply_adaptive_quotas(const ScenarioDescription& scenario, std::int32_t step,
                           const ImportHistory& history, PolicyState& policy) {
  const std::size_t pairs = policy.states * policy.sectors;
  for (std::size_t r = 0; r < scenario.policies.adaptive_quotas.size(); ++r) {
    const AdaptiveQuota& rule = scenario.policies.adaptive_quotas[r];
    if (!rule.span.contains(step)) continue;
    for (SectorIndex sector : rule.sectors) {
      const double total = history.imports_by_sector[sector];
      for (StateIndex origin = 0; origin < policy.states; ++origin) {
        const std::size_t i = policy.quota_at(sector, origin);
        std::uint8_t& fired = policy.adaptive_quota_fired[r * pairs + i];
        if (origin == scenario.target) continue;
        if (!fired && total > 0.0 && history.imports_by_sector_origin[i] / total > rule.threshold)
          fired = 1;
        if (fired) cap_share(policy, sector, origin, rule.cap * total);
      }
    }
  }
}

}  // namespace

void apply_import_quotas(const ScenarioDescription& scenario, std::int32_t step,
                         const ImportHistory& history, PolicyState& policy) {
  std::fill(policy.quota_active.begin(), policy.quota_active.end(), 0);
  std::fill(policy.quota_cap.begin(), policy.quota_cap.end(), 0.0);
  apply_adaptive_quotas(scenario, step, history, policy);
  for (const ImportQuota& quota : scenario.policies.import_quotas) {
    if (!quota.span.contains(step)) continue;
    for (SectorIndex sector : quota.sectors) {
      const double cap = quota.cap_kind == ImportQuota::Cap::Volume
                             ? quota.cap
                             : quota.cap * history.imports_by_sector[sector];
      for (StateIndex origin : quota.origins)
        cap_share(policy, sector, origin, cap);
    }
  }
}

}  // namespace chokepoint
