#include <algorithm>

#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/step_context.hpp"

namespace chokepoint {

namespace {

// Below this share of a firm's capacity a shortfall is rounding, not a reason to build.
constexpr double kNegligibleShare = 1e-6;

// What a unit made in the plant costs: the owner's unit cost times (1 + cost_premium), or the
// plant's own cost once it has learned more than its owner.
double local_unit_cost(const Firms& firms, std::size_t owner, std::size_t plant) {
  const double premium_factor = firms.base_unit_cost[plant] / firms.base_unit_cost[owner];
  return std::min(firms.unit_cost[plant], firms.unit_cost[owner] * premium_factor);
}

// A finished project moves the capacity from the owner's home plant to its plant in the
// target, and the owner's know-how (its experience on the learning curve) with it. A plant
// opening for the first time starts at its owner's markup and at the target utilisation, not
// at the idle readings of its dormant months.
void complete_relocation(StepContext& context, std::size_t owner, std::size_t plant) {
  Firms& firms = context.world.firms;
  if (firms.relocating[owner] <= 0.0 || context.step < firms.relocation_ready_step[owner]) return;
  const double moved = std::min(firms.relocating[owner], firms.capacity[owner]);
  if (firms.capacity[plant] <= 0.0) {
    firms.markup[plant] = firms.markup[owner];
    firms.utilisation[plant] = context.scenario.behaviour.target_utilisation;
  }
  firms.capacity[owner] -= moved;
  firms.capacity[plant] += moved;
  firms.relocating[owner] = 0.0;
  firms.cumulative_output[plant] =
      std::max(firms.cumulative_output[plant], firms.cumulative_output[owner]);
  firms.unit_cost[plant] = learning_unit_cost(
      firms.base_unit_cost[plant], firms.cumulative_output[plant], firms.initial_experience[plant],
      context.scenario.sectors[firms.sector[plant]].learning_rate);
}

// Whether an owner would build locally at all: it still trades with the target, its line is
// not under export controls (a covered coalition line may not be made for the target either),
// and a unit made locally would earn the investment hurdle at the price the target's buyers
// paid for the sector's goods last step. That price, not the owner's export price, is what
// the plant would sell at: local production saves the hubs' markups and the duties.
bool relocation_pays(const StepContext& context, std::size_t owner, std::size_t plant) {
  const Firms& firms = context.world.firms;
  if (firms.designated[owner] || firms.exited_target[owner]) return false;
  const PolicyState& policy = context.policy;
  const SectorIndex sector = firms.sector[owner];
  const std::size_t pair = policy.at(firms.state[owner], sector);
  if (firms.line_position[owner] < policy.control_coverage[pair]) return false;
  return context.history.average_price[sector] >=
         local_unit_cost(firms, owner, plant) * (1.0 + context.scenario.behaviour.invest_hurdle);
}

}  // namespace

// Phase 5, after investment: relocation projects that are ready complete; then each covered
// foreign firm whose local capacity (built or under way) falls short of the share the rule
// will require when a plant started now opens, and for which local production pays, commits
// the shortfall: it keeps producing at home until the plant is built (time_to_build, like any
// investment), pays capex_per_unit for each unit/month moved, and has one project at a time.
// Serial, in firm order.
void relocate(StepContext& context) {
  const ScenarioDescription& scenario = context.scenario;
  Firms& firms = context.world.firms;
  const PolicyState& policy = context.policy;
  const std::int32_t build_steps = steps_to_build(scenario.behaviour.time_to_build, context.months);
  double committed = 0.0;
  for (std::size_t owner = 0; owner < firms.original_count; ++owner) {
    if (firms.local_plant[owner] < 0) continue;
    const auto plant = static_cast<std::size_t>(firms.local_plant[owner]);
    complete_relocation(context, owner, plant);
    if (firms.relocating[owner] > 0.0) continue;
    const SectorIndex sector = firms.sector[owner];
    const double planned = policy.local_content_planned[policy.at(firms.state[owner], sector)];
    if (planned <= 0.0) continue;
    const double local = firms.capacity[plant] + firms.pending_capacity[plant];
    const double total = firms.capacity[owner] + local;
    const double shortfall = planned * total - local;
    if (shortfall <= kNegligibleShare * total || !relocation_pays(context, owner, plant)) continue;
    firms.relocating[owner] = shortfall;
    firms.relocation_ready_step[owner] = context.step + build_steps;
    committed += shortfall * scenario.sectors[sector].capex_per_unit;
  }
  context.totals.relocation_investment = committed;
}

}  // namespace chokepoint
