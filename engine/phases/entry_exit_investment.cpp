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
  for (std::size_t f = 0; f < firms.count; ++f) {
    if (firms.pending_capacity[f] > 0.0) {
      if (context.step < firms.pending_ready_step[f]) continue;
      firms.capacity[f] += firms.pending_capacity[f];
      firms.pending_capacity[f] = 0.0;
    }
    if (firms.utilisation[f] < behaviour.invest_utilisation) continue;
    const SectorIndex sector = firms.sector[f];
    const double rate = firms.domestic[f] ? policy.investment_subsidy[sector] : 0.0;
    // The markup is the margin over the firm's cost net of any production subsidy.
    if (firms.markup[f] < behaviour.invest_hurdle * (1.0 - rate)) continue;
    const double added = behaviour.invest_growth * firms.capacity[f];
    if (rate > 0.0) {
      const double claim = rate * added * scenario.sectors[sector].capex_per_unit;
      context.totals.subsidy_paid[sector] += claim * draw_subsidy_budget(policy, sector, claim);
    }
    firms.pending_capacity[f] = added;
    firms.pending_ready_step[f] = context.step + behaviour.time_to_build;
  }
}

void activate(World& world, const IntermediaryPopulation& population, std::uint64_t seed,
              std::size_t slot, std::int32_t step) {
  Intermediaries& intermediaries = world.intermediaries;
  const std::uint64_t id = world.intermediary_id(slot);
  intermediaries.status[slot] = IntermediaryStatus::Active;
  intermediaries.capacity[slot] =
      draw_attribute(population.capacity, seed, id, AttributeId::IntermediaryCapacity);
  intermediaries.markup[slot] =
      draw_attribute(population.markup, seed, id, AttributeId::IntermediaryMarkup);
  intermediaries.document_quality[slot] = draw_attribute(population.document_quality, seed, id,
                                                         AttributeId::IntermediaryDocumentQuality);
  intermediaries.entered_step[slot] = step;
  intermediaries.last_sales[slot] = 0.0;
}

// Whack-a-mole: where one more trading company could expect to earn its set-up cost back
// within a year, new ones open, in the pool's reserved slots, until the reserve runs out.
void enter_intermediaries(StepContext& context) {
  World& world = context.world;
  const ScenarioDescription& scenario = context.scenario;
  std::fill(context.totals.entered_by_hub.begin(), context.totals.entered_by_hub.end(), 0u);
  std::vector<std::uint32_t> pools_in_sector(world.sector_count, 0);
  for (const Pool& pool : world.pools)
    ++pools_in_sector[pool.sector];
  for (std::size_t p = 0; p < world.pools.size(); ++p) {
    Pool& pool = world.pools[p];
    const IntermediaryPopulation& population = scenario.intermediaries[pool.population];
    if (population.entry.rate <= 0.0 || pool.next_vacant >= pool.slot_count) continue;
    // Volume one more intermediary could hope for: the pool's sales plus its part of the
    // sector's unmet demand, shared with the incumbents.
    const double potential = pool.sales + context.totals.unmet_by_sector[pool.sector] /
                                              static_cast<double>(pools_in_sector[pool.sector]);
    const double unit_margin = pool.sales > 0.0 ? pool.margin / pool.sales
                               : pool.supply > 0.0
                                   ? pool.supply_value / pool.supply * population.markup.a
                                   : scenario.sectors[pool.sector].base_price * population.markup.a;
    const double expected_margin = unit_margin * potential / (pool.active + 1.0);
    const double lambda = expected_entrants(expected_margin, population.entry);
    RandomStream stream(scenario.seed, world.pool_id(p), static_cast<std::uint32_t>(context.step),
                        Purpose::Entry);
    // Stochastic rounding keeps the expected number of entrants exact.
    auto entrants = static_cast<std::uint32_t>(std::floor(lambda));
    if (stream.uniform() < lambda - std::floor(lambda)) ++entrants;
    entrants = std::min(entrants, pool.slot_count - pool.next_vacant);
    for (std::uint32_t e = 0; e < entrants; ++e) {
      activate(world, population, scenario.seed, pool.first_slot + pool.next_vacant, context.step);
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

// Phase 5: investment completion and new projects, intermediary entry; deterministic order by
// id (serial: budgets and reserved slots are shared).
void entry_exit_investment(StepContext& context) {
  invest(context);
  enter_intermediaries(context);
  count_active(context.world, context.totals);
}

}  // namespace chokepoint
