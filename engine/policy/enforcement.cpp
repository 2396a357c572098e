#include <algorithm>

#include "chokepoint/policy/policy_state.hpp"

namespace chokepoint {

namespace {

// The roundabout signature: a hub buying far more coalition-made controlled goods than in
// the base period (MODEL.md 4.1). Before the base period is over there is no trend to
// compare with, so nothing escalates.
bool roundabout_signature(const Enforcement& enforcement, const ImportHistory& history,
                          StateIndex hub) {
  if (history.base_steps == 0) return false;
  const double base = history.coalition_exports_base_sum[hub] / history.base_steps;
  return history.coalition_exports_by_state[hub] >
         enforcement.trigger_ratio * base + enforcement.trigger_floor;
}

}  // namespace

// Each hub's detection hazard is multiplied by 1 + the intensity of every enforcement policy
// in force on it (plus what escalation has added). Enforcement costs `cost` USD per month per
// unit of intensity and hub; a policy with an annual budget scales its intensity down to what
// is left, and stops when the year's budget is spent.
void apply_enforcement(const ScenarioDescription& scenario, std::int32_t step, double months,
                       const ImportHistory& history, PolicyState& policy) {
  const auto& policies = scenario.policies.enforcement;
  refill_budgets_each_year(policies, scenario.calendar.year_of(step), policy.enforcement_year,
                           policy.enforcement_budget_left);
  std::fill(policy.enforcement.begin(), policy.enforcement.end(), 1.0);
  policy.enforcement_spending = 0.0;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const Enforcement& enforcement = policies[i];
    if (!enforcement.span.contains(step)) continue;
    double* extra = &policy.enforcement_extra[i * policy.states];
    double wanted = 0.0;
    for (StateIndex hub : enforcement.hubs) {
      if (enforcement.escalates && roundabout_signature(enforcement, history, hub))
        extra[hub] = std::min(enforcement.max_extra, extra[hub] + enforcement.increment);
      wanted += enforcement.intensity + extra[hub];
    }
    const double cost = wanted * enforcement.cost * months;
    double scale = 1.0;
    if (enforcement.has_budget && cost > 0.0) {
      scale = std::min(1.0, policy.enforcement_budget_left[i] / cost);
      policy.enforcement_budget_left[i] -= cost * scale;
    }
    policy.enforcement_spending += cost * scale;
    for (StateIndex hub : enforcement.hubs)
      policy.enforcement[hub] += scale * (enforcement.intensity + extra[hub]);
  }
}

}  // namespace chokepoint
