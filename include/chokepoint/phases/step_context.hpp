#pragma once

// What every phase of a step reads and writes. Phases are free functions over this context,
// one per file in engine/phases/, called in the fixed order of MODEL.md section 5.

#include <cstdint>
#include <vector>

#include "chokepoint/policy/policy_state.hpp"
#include "chokepoint/scenario/description.hpp"
#include "chokepoint/world/world.hpp"

namespace chokepoint {

class MetricsBuffer;

// Totals of the step, filled by settlement and entry, read by metrics and the next step.
struct StepTotals {
  std::vector<double> unmet_by_sector;  // units/month
  std::vector<double> subsidy_paid;     // USD this step, [sector]
  std::vector<double> subsidy_claims;   // USD this step, [sector] (scratch)
  std::vector<std::uint32_t> entered_by_hub;
  std::vector<std::uint32_t> designated_by_hub;
  std::vector<double> units_by_sector_route;  // units delivered this step (scratch of metrics)
  double relocation_investment = 0.0;  // USD committed to local plants in the target this step
};

struct StepContext {
  const ScenarioDescription& scenario;
  World& world;
  PolicyState& policy;
  ImportHistory& history;
  StepTotals& totals;
  std::int32_t step = 0;
  // Flows are monthly rates and hazards monthly; a quarterly step applies three months of
  // each (cumulative output, subsidy claims, detection and designation hazards, entry).
  double months = 1.0;
};

void apply_policies(StepContext& context);
void make_offers(StepContext& context);
void match_buyers(StepContext& context);
void settle(StepContext& context);
void entry_exit_investment(StepContext& context);
// Part of phase 5 (engine/phases/relocate.cpp): foreign firms move capacity into their local
// plants in the target when a local-content rule requires it.
void relocate(StepContext& context);
void record_metrics(StepContext& context, MetricsBuffer& metrics);

}  // namespace chokepoint
