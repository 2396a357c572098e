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
  std::vector<double> control_leak;      // share of covered supply still sold to intermediaries
  // Coverage of controls on a sector's inputs, [sector]: what producers outside the coalition
  // lose access to.
  std::vector<double> input_control;
  // Secondary sanctions, [state]: designation hazard scale for that state's agents.
  std::vector<double> firm_sanction_intensity;
  std::vector<double> intermediary_sanction_intensity;
  std::vector<double> penalty_months;
  // Import quotas, [sector * states + declared origin]: units/month allowed this step.
  std::vector<double> quota_cap;
  std::vector<std::uint8_t> quota_active;
  // Import-substitution subsidies, [sector].
  std::vector<double> production_subsidy;
  std::vector<double> investment_subsidy;
  std::vector<std::int32_t> subsidy_policy;  // which subsidy pays, or -1
  // Budget left this calendar year, per subsidy policy (USD).
  std::vector<double> subsidy_budget_left;
  std::int32_t budget_year = std::numeric_limits<std::int32_t>::min();

  std::size_t at(StateIndex state, SectorIndex sector) const { return state * sectors + sector; }
  std::size_t quota_at(SectorIndex sector, StateIndex origin) const {
    return sector * states + origin;
  }
};

// What the target imported last step, which share-based quotas are measured against.
struct ImportHistory {
  std::vector<double> imports_by_sector;  // units/month, foreign shippers only
};

PolicyState make_policy_state(const ScenarioDescription& scenario);

// One function per instrument: each clears and refills its own tables for `step`.
void apply_export_controls(const ScenarioDescription& scenario, std::int32_t step,
                           PolicyState& policy);
void apply_secondary_sanctions(const ScenarioDescription& scenario, std::int32_t step,
                               PolicyState& policy);
void apply_import_quotas(const ScenarioDescription& scenario, std::int32_t step,
                         const ImportHistory& history, PolicyState& policy);
void apply_import_subsidies(const ScenarioDescription& scenario, std::int32_t step,
                            PolicyState& policy);

// Pays up to `claimed` USD from a sector's subsidy budget; returns the share paid (0..1).
double draw_subsidy_budget(PolicyState& policy, SectorIndex sector, double claimed);

}  // namespace chokepoint
