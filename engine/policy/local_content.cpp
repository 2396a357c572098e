#include <algorithm>

#include "chokepoint/policy/policy_state.hpp"

namespace chokepoint {

// The phase-in counts from the month the rule starts, even when that is before the run's
// first step: a rule already in force at the start is already partly phased in.
double local_content_share(const LocalContentRule& rule, const Calendar& calendar,
                           std::int32_t step) {
  if (!rule.span.contains(step)) return 0.0;
  if (rule.phase_in_months <= 0.0) return rule.share;
  const auto elapsed = static_cast<double>(calendar.month_index(step) - rule.start_month);
  return rule.share * std::clamp(elapsed / rule.phase_in_months, 0.0, 1.0);
}

// Where several rules cover the same origin and sector, the strictest binds. The planned
// share is what a plant started now must meet when it opens, `lookahead` steps later.
void apply_local_content(const ScenarioDescription& scenario, std::int32_t step,
                         std::int32_t lookahead, PolicyState& policy) {
  std::fill(policy.local_content_required.begin(), policy.local_content_required.end(), 0.0);
  std::fill(policy.local_content_planned.begin(), policy.local_content_planned.end(), 0.0);
  for (const LocalContentRule& rule : scenario.policies.local_content) {
    const double now = local_content_share(rule, scenario.calendar, step);
    // Firms plan for a rule once it is in force, not before: the model has no announcements.
    const double later = rule.span.contains(step)
                             ? local_content_share(rule, scenario.calendar, step + lookahead)
                             : 0.0;
    for (StateIndex origin : rule.origins)
      for (SectorIndex sector : rule.sectors) {
        const std::size_t pair = policy.at(origin, sector);
        policy.local_content_required[pair] = std::max(policy.local_content_required[pair], now);
        policy.local_content_planned[pair] = std::max(policy.local_content_planned[pair], later);
      }
  }
}

}  // namespace chokepoint
