#include "chokepoint/policy/policy_state.hpp"

namespace chokepoint {

// Budgets are annual: on the first step of each calendar year every subsidy's budget is
// refilled, and payments stop for the rest of the year once it is spent (MODEL.md 4.1).
// The loader refuses two subsidies on one sector in the same months
// (scenario/check_overlaps.cpp), so at most one pays for a sector.
void apply_import_subsidies(const ScenarioDescription& scenario, std::int32_t step,
                            PolicyState& policy) {
  const auto& subsidies = scenario.policies.import_subsidies;
  refill_budgets_each_year(subsidies, scenario.calendar.year_of(step), policy.budget_year,
                           policy.subsidy_budget_left);
  std::fill(policy.production_subsidy.begin(), policy.production_subsidy.end(), 0.0);
  std::fill(policy.investment_subsidy.begin(), policy.investment_subsidy.end(), 0.0);
  std::fill(policy.guaranteed_offtake.begin(), policy.guaranteed_offtake.end(), 0.0);
  std::fill(policy.subsidy_policy.begin(), policy.subsidy_policy.end(), -1);
  for (std::size_t i = 0; i < subsidies.size(); ++i) {
    const ImportSubsidy& subsidy = subsidies[i];
    if (!subsidy.span.contains(step)) continue;
    for (SectorIndex sector : subsidy.sectors) {
      policy.production_subsidy[sector] = subsidy.production_rate;
      policy.investment_subsidy[sector] = subsidy.investment_rate;
      policy.guaranteed_offtake[sector] = subsidy.guaranteed_offtake;
      policy.subsidy_policy[sector] = static_cast<std::int32_t>(i);
    }
  }
}

}  // namespace chokepoint
