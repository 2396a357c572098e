#include "chokepoint/policy/policy_state.hpp"

#include <algorithm>
#include <cmath>

namespace chokepoint {

double payment_rejection_share(double initial, double months, double half_life) {
  if (months < 0.0) return 0.0;
  return initial * std::exp2(-months / half_life);
}

double payment_agent_fee(double extra_cost, double agent_premium, double rejection) {
  return extra_cost + agent_premium * rejection;
}

namespace {

// A sanction on a state's banks (MODEL.md 8: after the US order of December 2023, Chinese
// banks rejected many Russian payments, then partner channels took over within the year).
// Several such sanctions on one state do not add up: a bank rejects a payment or not, so the
// strictest rejection and the dearest rerouting in force apply.
void apply_bank_sanction(const SecondarySanction& sanction, const Calendar& calendar,
                         std::int32_t step, PolicyState& policy) {
  const double months = calendar.month_index(step) - sanction.start_month;
  const PaymentDisruption& payments = sanction.payments;
  const double rejection =
      payment_rejection_share(payments.rejection, months, payments.adaptation_months);
  // What the payments that clear cost: the slower, rerouted payment itself, and payment
  // agents' fees, which rise with the share of payments the banks refuse.
  const double fee = payment_agent_fee(payments.extra_cost, payments.agent_premium, rejection);
  for (StateIndex state : sanction.on_states) {
    policy.payment_rejection[state] = std::max(policy.payment_rejection[state], rejection);
    policy.payment_cost[state] = std::max(policy.payment_cost[state], fee);
  }
}

}  // namespace

// Hazards from several sanctioning states add up (each designates independently); the penalty
// is the largest market a designation of a firm closes.
void apply_secondary_sanctions(const ScenarioDescription& scenario, std::int32_t step,
                               PolicyState& policy) {
  std::fill(policy.firm_sanction_intensity.begin(), policy.firm_sanction_intensity.end(), 0.0);
  std::fill(policy.intermediary_sanction_intensity.begin(),
            policy.intermediary_sanction_intensity.end(), 0.0);
  std::fill(policy.penalty_months.begin(), policy.penalty_months.end(), 0.0);
  std::fill(policy.payment_rejection.begin(), policy.payment_rejection.end(), 0.0);
  std::fill(policy.payment_cost.begin(), policy.payment_cost.end(), 0.0);
  for (const SecondarySanction& sanction : scenario.policies.secondary_sanctions) {
    if (!sanction.span.contains(step)) continue;
    for (StateIndex state : sanction.on_states) {
      for (SectorIndex sector : sanction.sectors) {
        const std::size_t pair = policy.at(state, sector);
        if (sanction.firms) policy.firm_sanction_intensity[pair] += sanction.intensity;
        if (sanction.intermediaries)
          policy.intermediary_sanction_intensity[pair] += sanction.intensity;
        // The penalty prices a firm's risk, so only sanctions that designate firms set it.
        if (sanction.firms)
          policy.penalty_months[pair] =
              std::max(policy.penalty_months[pair], sanction.penalty_months);
      }
    }
    if (sanction.banks) apply_bank_sanction(sanction, scenario.calendar, step, policy);
  }
}

}  // namespace chokepoint
