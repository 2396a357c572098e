#pragma once

// The instruments in force at one step, resolved from the scenario's dated policies into flat
// per-state / per-sector tables that the phases read without looking anything up.

#include <cstdint>
#include <limits>
#include <vector>

#include "chokepoint/scenario/description.hpp"

namespace chokepoint {

struct PolicyState {
  std::size_t states = 0;
  std::size_t sectors = 0;
  // Export controls on goods from a state to the target, [state * sectors + sector].
  std::vector<double> control_coverage;  // share of product lines that may not be sold directly
  // End-use checks of the widest control, 0..1: how much of covered supply they stop at the
  // hubs (as far as each hub's end_use_screening lets them).
  std::vector<double> control_end_use_checks;
  // Coverage of controls on a sector's inputs, [sector]: what producers outside the coalition
  // lose access to.
  std::vector<double> input_control;
  // Secondary sanctions, [state * sectors + sector]: designation hazard scale for that state's
  // agents trading that sector, and the months of coalition revenue a designation costs.
  std::vector<double> firm_sanction_intensity;
  std::vector<double> intermediary_sanction_intensity;
  std::vector<double> penalty_months;
  // Secondary sanctions on banks, [state]: the payment channel of trade whose seller is in
  // that state (its firms selling direct, the intermediaries of its hub).
  std::vector<double> payment_rejection;  // share of payments rejected this step, 0..1
  std::vector<double> payment_cost;       // share of the price added to payments that clear
  // Import quotas, [sector * states + declared origin]: units/month allowed this step.
  std::vector<double> quota_cap;
  std::vector<std::uint8_t> quota_active;
  // Adaptive quota rules that have fired, [rule * sectors * states + sector * states + origin].
  std::vector<std::uint8_t> adaptive_quota_fired;
  // Import-substitution subsidies, [sector].
  std::vector<double> production_subsidy;
  std::vector<double> investment_subsidy;
  std::vector<double> guaranteed_offtake;    // share of domestic capacity under contract
  std::vector<std::int32_t> subsidy_policy;  // which subsidy pays, or -1
  // Budget left this calendar year, per subsidy policy (USD), and a scratch total of claims.
  std::vector<double> subsidy_budget_left;
  std::vector<double> subsidy_claims;
  std::int32_t budget_year = std::numeric_limits<std::int32_t>::min();
  // Tariffs of the target, [sector * states + declared origin]: ad valorem rate.
  std::vector<double> tariff;
  // Enforcement against circumvention, [state]: multiplier of the hub's detection hazard.
  std::vector<double> enforcement;
  // Escalation reached so far, [enforcement policy * states + hub state]; persists.
  std::vector<double> enforcement_extra;
  std::vector<double> enforcement_budget_left;  // per enforcement policy, this year
  std::int32_t enforcement_year = std::numeric_limits<std::int32_t>::min();
  double enforcement_spending = 0.0;  // USD this step
  // Local-content rules of the target, [state * sectors + sector] by the firms' home state:
  // the share of a covered firm's direct sales that must be made in the target this step, and
  // the share that will be required `lookahead` steps later (when a plant started now opens).
  std::vector<double> local_content_required;
  std::vector<double> local_content_planned;
  // Limits on unbranded equipment, [sector]: units/month of unbranded imports allowed this
  // step, and whether a limit is in force (a cap of 0 is a ban, not "no limit").
  std::vector<double> unbranded_cap;
  std::vector<std::uint8_t> unbranded_active;
  bool any_unbranded_limit = false;  // some sector has a limit this step

  std::size_t at(StateIndex state, SectorIndex sector) const { return state * sectors + sector; }
  std::size_t quota_at(SectorIndex sector, StateIndex origin) const {
    return sector * states + origin;
  }
};

// What happened last step that rules of this step react to.
struct ImportHistory {
  // What the target imported, which share-based quotas are measured against.
  std::vector<double> imports_by_sector;         // units/month, foreign shippers only
  std::vector<double> imports_by_sector_origin;  // [sector * states + declared origin]
  // Coalition-made controlled goods bought by each hub state's intermediaries (units/month),
  // and their sum and count over the report's base period, for enforcement escalation.
  std::vector<double> coalition_exports_by_state;
  std::vector<double> coalition_exports_base_sum;
  std::int32_t base_steps = 0;
  // What the target's buyers paid per unit last step, duties included, [sector] (USD/unit):
  // the price a plant in the target would sell at. The base price until something is sold.
  std::vector<double> average_price;
};

PolicyState make_policy_state(const ScenarioDescription& scenario);

// Annual budgets: on the first step of a calendar year each policy's budget is refilled to its
// `annual_budget`; `budget_year` remembers the year last refilled.
template <typename BudgetedPolicy>
void refill_budgets_each_year(const std::vector<BudgetedPolicy>& policies, std::int32_t year,
                              std::int32_t& budget_year, std::vector<double>& budget_left) {
  if (year == budget_year) return;
  for (std::size_t i = 0; i < policies.size(); ++i)
    budget_left[i] = policies[i].annual_budget;
  budget_year = year;
}

// The share of payments a sanctioned state's banks reject `months` after the sanction
// started: `initial` halving every `half_life` months as traders build other routes.
double payment_rejection_share(double initial, double months, double half_life);

// Share of the price that payments through a sanctioned state's banks add when a share
// `rejection` of them is refused: the rerouted payment's own cost plus payment agents' fee,
// which rises with rejection (docs/MODEL_CHOICES.md, "Price of each hop").
double payment_agent_fee(double extra_cost, double agent_premium, double rejection);

// One function per instrument: each clears and refills its own tables for `step`.
void apply_export_controls(const ScenarioDescription& scenario, std::int32_t step,
                           PolicyState& policy);
void apply_secondary_sanctions(const ScenarioDescription& scenario, std::int32_t step,
                               PolicyState& policy);
void apply_import_quotas(const ScenarioDescription& scenario, std::int32_t step,
                         const ImportHistory& history, PolicyState& policy);
void apply_import_subsidies(const ScenarioDescription& scenario, std::int32_t step,
                            PolicyState& policy);
void apply_tariffs(const ScenarioDescription& scenario, std::int32_t step, PolicyState& policy);
void apply_enforcement(const ScenarioDescription& scenario, std::int32_t step, double months,
                       const ImportHistory& history, PolicyState& policy);
void apply_local_content(const ScenarioDescription& scenario, std::int32_t step,
                         std::int32_t lookahead, PolicyState& policy);

// The share a local-content rule requires at `step`: 0 outside its span, then rising linearly
// from 0 in the month it starts to `share` after `phase_in_months`.
double local_content_share(const LocalContentRule& rule, const Calendar& calendar,
                           std::int32_t step);
void apply_unbranded_limits(const ScenarioDescription& scenario, std::int32_t step,
                            const ImportHistory& history, PolicyState& policy);

// True when a sector's subsidy is in force and its budget for the year is not yet spent.
bool subsidy_available(const PolicyState& policy, SectorIndex sector);

// Pays the claims of each sector (USD) from the budgets of the subsidies covering them. Where
// the claims on one budget exceed what is left, every claim on it is paid the same share.
// `paid` receives what each sector was paid (it may be the same vector as `claims`).
void pay_subsidy_claims(PolicyState& policy, const std::vector<double>& claims,
                        std::vector<double>& paid);

}  // namespace chokepoint
