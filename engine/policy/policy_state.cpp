#include "chokepoint/policy/policy_state.hpp"

#include <algorithm>

namespace chokepoint {

PolicyState make_policy_state(const ScenarioDescription& scenario) {
  PolicyState policy;
  policy.states = scenario.states.size();
  policy.sectors = scenario.sectors.size();
  const std::size_t pairs = policy.states * policy.sectors;
  policy.control_coverage.assign(pairs, 0.0);
  policy.control_leak.assign(pairs, 1.0);
  policy.input_control.assign(policy.sectors, 0.0);
  policy.firm_sanction_intensity.assign(policy.states, 0.0);
  policy.intermediary_sanction_intensity.assign(policy.states, 0.0);
  policy.penalty_months.assign(policy.states, 0.0);
  policy.quota_cap.assign(pairs, 0.0);
  policy.quota_active.assign(pairs, 0);
  policy.production_subsidy.assign(policy.sectors, 0.0);
  policy.investment_subsidy.assign(policy.sectors, 0.0);
  policy.subsidy_policy.assign(policy.sectors, -1);
  policy.subsidy_budget_left.assign(scenario.policies.import_subsidies.size(), 0.0);
  return policy;
}

double draw_subsidy_budget(PolicyState& policy, SectorIndex sector, double claimed) {
  const std::int32_t which = policy.subsidy_policy[sector];
  if (which < 0 || claimed <= 0.0) return 0.0;
  double& left = policy.subsidy_budget_left[static_cast<std::size_t>(which)];
  const double paid = std::min(left, claimed);
  left -= paid;
  return paid / claimed;
}

}  // namespace chokepoint
