#include "chokepoint/policy/policy_state.hpp"

#include <algorithm>

namespace chokepoint {

// Hazards from several sanctioning states add up (each designates independently); the penalty
// is the largest market a designation of a firm closes.
void apply_secondary_sanctions(const ScenarioDescription& scenario, std::int32_t step,
                               PolicyState& policy) {
  std::fill(policy.firm_sanction_intensity.begin(), policy.firm_sanction_intensity.end(), 0.0);
  std::fill(policy.intermediary_sanction_intensity.begin(),
            policy.intermediary_sanction_intensity.end(), 0.0);
  std::fill(policy.penalty_months.begin(), policy.penalty_months.end(), 0.0);
  for (const SecondarySanction& sanction : scenario.policies.secondary_sanctions) {
    if (!sanction.span.contains(step)) continue;
    for (StateIndex state : sanction.on_states) {
      if (sanction.firms) policy.firm_sanction_intensity[state] += sanction.intensity;
      if (sanction.intermediaries)
        policy.intermediary_sanction_intensity[state] += sanction.intensity;
      // The penalty prices a firm's risk, so only sanctions that designate firms set it.
      if (sanction.firms)
        policy.penalty_months[state] =
            std::max(policy.penalty_months[state], sanction.penalty_months);
    }
  }
}

}  // namespace chokepoint
