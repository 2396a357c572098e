#include <algorithm>
#include <cmath>

#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/step_context.hpp"
#include "chokepoint/random/stream.hpp"

namespace chokepoint {

namespace {

// Firms that sell near capacity at a margin above the hurdle build more capacity, ready after
// the time to build. An investment subsidy lowers the hurdle and pays part of the cost.
void invest(StepContext& context) {
  const ScenarioDescription& scenario = context.scenario;
  const Behaviour& behaviour = scenario.behaviour;
  Firms& firms = context.world.firms;
  PolicyState& policy = context.policy;
  const std::int32_t build_steps = steps_to_build(behaviour.time_to_build, context.months);
  std::vector<double>& claims = context.totals.subsidy_claims;
  std::fill(claims.begin(), claims.end(), 0.0);
  for (std::size_t f = 0; f < firms.count; ++f) {
    if (firms.pending_capacity[f] > 0.0) {
      if (context.step < firms.pending_ready_step[f]) continue;
      firms.capacity[f] += firms.pending_capacity[f];
      firms.pending_capacity[f] = 0.0;
    }
    // Output the state has contracted to buy is as good as sold: contracts make investment
    // bankable where the market alone would not.
    const double contracted =
        firms.offered[f] > 0.0 ? firms.contract_units[f] / firms.offered[f] : 0.0;
    if (std::min(1.0, firms.utilisation[f] + contracted) < behaviour.invest_utilisation) continue;
    const SectorIndex sector = firms.sector[f];
    // A subsidy lowers the hurdle only while its budget can still pay.
    const double rate = firms.domestic[f] && subsidy_available(policy, sector)
                            ? policy.investment_subsidy[sector]
                            : 0.0;
    // The markup is the margin over the firm's cost net of any production subsidy.
    if (firms.markup[f] < behaviour.invest_hurdle * (1.0 - rate)) continue;
    const double added = behaviour.invest_growth * firms.capacity[f];
    claims[sector] += rate * added * scenario.sectors[sector].capex_per_unit;
    firms.pending_capacity[f] = added;
    firms.pending_ready_step[f] = context.step + build_steps;
  }
  // Investment subsidies are paid pro rata from what the production subsidies left.
  std::vector<double>& paid = context.totals.subsidy_claims;
  pay_subsidy_claims(policy, claims, paid);
  for (SectorIndex k = 0; k < paid.size(); ++k)
    context.totals.subsidy_paid[k] += paid[k];
}

// Whack-a-mole: where one more trading company could expect to earn its set-up cost back
// within a year, new ones open, in the pool's reserved slots, until the reserve runs out.
void enter_intermediaries(StepContext& context) {
  World& world = context.world;
  const ScenarioDescription& scenario = context.scenario;
  std::fill(context.totals.entered_by_hub.begin(), context.totals.entered_by_hub.end(), 0u);
  for (std::size_t p = 0; p < world.pools.size(); ++p) {
    Pool& pool = world.pools[p];
    const IntermediaryPopulation& population = scenario.intermediaries[pool.population];
    if (population.entry.rate <= 0.0 || pool.next_vacant >= pool.slot_count) continue;
    // Volume one more intermediary could hope for: the pool's sales plus its part of the
    // sector's unmet demand, shared with the incumbents.
    const double pools_in_sector = static_cast<double>(world.pools_by_sector[pool.sector].size());
    const double potential =
        pool.sales + context.totals.unmet_by_sector[pool.sector] / pools_in_sector;
    // Margin per unit the pool earned (net of seizures), or, before it has traded, what a
    // typical markup would earn on the pool's supply or the sector's base price.
    const double typical_markup = distribution_mean(population.markup);
    const double unit_margin = pool.sales > 0.0 ? pool.margin / pool.sales
                               : pool.supply > 0.0
                                   ? pool.supply_value / pool.supply * typical_markup
                                   : scenario.sectors[pool.sector].base_price * typical_markup;
    const double expected_margin = unit_margin * potential / (pool.active + 1.0);
    // The expected rate is monthly; never more entrants than free slots (which also keeps the
    // conversion to an integer in range).
    const double free_slots = static_cast<double>(pool.slot_count - pool.next_vacant);
    const double lambda =
        std::min(free_slots, expected_entrants(expected_margin, population.entry) * context.months);
    RandomStream stream(scenario.seed, world.pool_id(p), static_cast<std::uint32_t>(context.step),
                        Purpose::Entry);
    // Stochastic rounding keeps the expected number of entrants exact.
    auto entrants = static_cast<std::uint32_t>(std::floor(lambda));
    if (stream.uniform() < lambda - std::floor(lambda)) ++entrants;
    entrants = std::min(entrants, pool.slot_count - pool.next_vacant);
    for (std::uint32_t e = 0; e < entrants; ++e) {
      activate_intermediary(world, scenario, population, pool.first_slot + pool.next_vacant);
      ++pool.next_vacant;
    }
    context.totals.entered_by_hub[pool.hub_index] += entrants;
  }
}

void count_active(World& world, StepTotals& totals) {
  std::fill(totals.designated_by_hub.begin(), totals.designated_by_hub.end(), 0u);
  for (Pool& pool : world.pools) {
    pool.active = 0;
    pool.active_capacity = 0.0;
  }
  const Intermediaries& intermediaries = world.intermediaries;
  for (std::size_t i = 0; i < intermediaries.count; ++i) {
    Pool& pool = world.pools[intermediaries.pool[i]];
    if (intermediaries.detected[i]) ++totals.designated_by_hub[pool.hub_index];
    if (intermediaries.status[i] != IntermediaryStatus::Active) continue;
    ++pool.active;
    pool.active_capacity += intermediaries.capacity[i];
  }
}

}  // namespace

// Phase 5: investment completion and new projects, relocation into the target, intermediary
// entry; deterministic order by id (serial: budgets and reserved slots are shared).
void entry_exit_investment(StepContext& context) {
  invest(context);
  relocate(context);  // after investment: a local plant's own project counts as local capacity
  count_active(context.world, context.totals);  // entrants compete with survivors only
  enter_intermediaries(context);
  count_active(context.world, context.totals);
}

}  // namespace chokepoint
