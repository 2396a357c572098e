#include "chokepoint/policy/policy_state.hpp"

#include <algorithm>

namespace chokepoint {

PolicyState make_policy_state(const ScenarioDescription& scenario) {
  PolicyState policy;
  policy.states = scenario.states.size();
  policy.sectors = scenario.sectors.size();
  const std::size_t pairs = policy.states * policy.sectors;
  policy.control_coverage.assign(pairs, 0.0);
  policy.control_end_use_checks.assign(pairs, 0.0);
  policy.input_control.assign(policy.sectors, 0.0);
  policy.firm_sanction_intensity.assign(pairs, 0.0);
  policy.intermediary_sanction_intensity.assign(pairs, 0.0);
  policy.penalty_months.assign(pairs, 0.0);
  policy.payment_rejection.assign(policy.states, 0.0);
  policy.payment_cost.assign(policy.states, 0.0);
  policy.quota_cap.assign(pairs, 0.0);
  policy.quota_active.assign(pairs, 0);
  policy.adaptive_quota_fired.assign(scenario.policies.adaptive_quotas.size() * pairs, 0);
  policy.production_subsidy.assign(policy.sectors, 0.0);
  policy.investment_subsidy.assign(policy.sectors, 0.0);
  policy.guaranteed_offtake.assign(policy.sectors, 0.0);
  policy.subsidy_policy.assign(policy.sectors, -1);
  policy.subsidy_budget_left.assign(scenario.policies.import_subsidies.size(), 0.0);
  policy.subsidy_claims.assign(scenario.policies.import_subsidies.size(), 0.0);
  policy.tariff.assign(pairs, 0.0);
  policy.enforcement.assign(policy.states, 1.0);
  policy.enforcement_extra.assign(scenario.policies.enforcement.size() * policy.states, 0.0);
  policy.enforcement_budget_left.assign(scenario.policies.enforcement.size(), 0.0);
  policy.local_content_required.assign(pairs, 0.0);
  policy.local_content_planned.assign(pairs, 0.0);
  policy.unbranded_cap.assign(policy.sectors, 0.0);
  policy.unbranded_active.assign(policy.sectors, 0);
  return policy;
}

bool subsidy_available(const PolicyState& policy, SectorIndex sector) {
  const std::int32_t which = policy.subsidy_policy[sector];
  return which >= 0 && policy.subsidy_budget_left[static_cast<std::size_t>(which)] > 0.0;
}

void pay_subsidy_claims(PolicyState& policy, const std::vector<double>& claims,
                        std::vector<double>& paid) {
  std::fill(policy.subsidy_claims.begin(), policy.subsidy_claims.end(), 0.0);
  for (SectorIndex k = 0; k < claims.size(); ++k) {
    const std::int32_t which = policy.subsidy_policy[k];
    if (which >= 0) policy.subsidy_claims[static_cast<std::size_t>(which)] += claims[k];
  }
  for (SectorIndex k = 0; k < claims.size(); ++k) {
    const std::int32_t which = policy.subsidy_policy[k];
    const double total = which >= 0 ? policy.subsidy_claims[static_cast<std::size_t>(which)] : 0.0;
    const double left =
        which >= 0 ? policy.subsidy_budget_left[static_cast<std::size_t>(which)] : 0.0;
    paid[k] = total > 0.0 ? claims[k] * std::min(1.0, left / total) : 0.0;
  }
  for (std::size_t i = 0; i < policy.subsidy_claims.size(); ++i)
    policy.subsidy_budget_left[i] =
        std::max(0.0, policy.subsidy_budget_left[i] - policy.subsidy_claims[i]);
}

}  // namespace chokepoint
