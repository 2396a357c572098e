#include <algorithm>
#include <cmath>

#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/step_context.hpp"
#include "chokepoint/random/stream.hpp"
#include "phases/trader_hazard.hpp"
#include "util/parallel.hpp"

namespace chokepoint {

namespace {

void sum_pool_sales(World& world) {
  for (Pool& pool : world.pools)
    pool.sales = pool.sales_unbranded = 0.0;
  const Intermediaries& intermediaries = world.intermediaries;
  for (std::size_t i = 0; i < intermediaries.count; ++i) {
    Pool& pool = world.pools[intermediaries.pool[i]];
    const std::size_t o = world.intermediary_offer(i);
    pool.sales += world.offers.sold[o];
    pool.sales_unbranded += world.offers.sold_unbranded[o];
  }
}

// What a pool bought from one of its suppliers. Intermediaries buy pro rata to what each firm
// offered; under a limit on unbranded equipment the pool sold its branded and unbranded goods
// in different proportions, so each firm is paid pro rata within its kind.
double pool_purchase(const Firms& firms, const Pool& pool, bool limited, std::size_t f) {
  if (!limited) return firms.offered[f] * std::min(1.0, pool.sales / pool.supply);
  const bool branded = firms.branded[f] != 0;
  const double supply = branded ? pool.supply - pool.supply_unbranded : pool.supply_unbranded;
  const double sales = branded ? pool.sales - pool.sales_unbranded : pool.sales_unbranded;
  return supply > 0.0 ? firms.offered[f] * std::clamp(sales / supply, 0.0, 1.0) : 0.0;
}

// Enforcement at the hub and secondary sanctions on the hub's state both catch shipments;
// anomalous volume against the pool's average is the "roundabout" signature investigators
// look for (MODEL.md 4.3).
void detect_intermediary(const StepContext& context, std::size_t slot) {
  World& world = context.world;
  Intermediaries& intermediaries = world.intermediaries;
  const std::size_t o = world.intermediary_offer(slot);
  intermediaries.detected[slot] = 0;
  const double sold = world.offers.sold[o];
  if (intermediaries.status[slot] != IntermediaryStatus::Active || sold <= 0.0) return;
  const Pool& pool = world.pools[intermediaries.pool[slot]];
  const double mean_sales = pool.active > 0 ? pool.sales / pool.active : sold;
  const double anomaly = std::max(0.0, sold / mean_sales - 1.0);
  const double p = hazard_probability(trader_hazard(context, slot, anomaly));
  RandomStream stream(context.scenario.seed, world.intermediary_id(slot),
                      static_cast<std::uint32_t>(context.step), Purpose::Detection);
  if (stream.uniform() < p) {
    intermediaries.detected[slot] = 1;
    intermediaries.status[slot] = IntermediaryStatus::Designated;
    world.offers.seized[o] = 1;  // the shipment is seized at the border
  }
}

// Goods in a seized shipment never arrive: the buyer's allocation from it becomes unmet.
void withdraw_seized(World& world, std::size_t b) {
  Buyers& buyers = world.buyers;
  const std::size_t base = b * buyers.slots;
  for (std::uint32_t s = 0; s < buyers.slots; ++s) {
    const std::int32_t o = buyers.slot_offer[base + s];
    if (o < 0 || !world.offers.seized[static_cast<std::size_t>(o)]) continue;
    buyers.unmet[b] += buyers.slot_received[base + s];
    buyers.slot_received[base + s] = 0.0;
  }
}

// A trader that offered something reads demand from what sold of it (seized shipments were
// sold too: the buyers wanted them). One that offered nothing keeps its reading.
void update_sell_through(World& world, std::size_t slot) {
  Intermediaries& intermediaries = world.intermediaries;
  const std::size_t o = world.intermediary_offer(slot);
  if (intermediaries.status[slot] != IntermediaryStatus::Active || world.offers.quantity[o] <= 0.0)
    return;
  intermediaries.sell_through[slot] = smoothed_utilisation(
      intermediaries.sell_through[slot], world.offers.sold[o] / world.offers.quantity[o]);
}

void sum_pool_deliveries(const StepContext& context) {
  World& world = context.world;
  const PolicyState& policy = context.policy;
  for (Pool& pool : world.pools)
    pool.delivered = pool.delivered_value = pool.margin = 0.0;
  const Intermediaries& intermediaries = world.intermediaries;
  const Offers& offers = world.offers;
  for (std::size_t i = 0; i < intermediaries.count; ++i) {
    const std::size_t o = world.intermediary_offer(i);
    if (offers.sold[o] <= 0.0) continue;
    Pool& pool = world.pools[intermediaries.pool[i]];
    // What the goods cost the trader at the hub: makers, distributors, logistics. Its risk
    // premium is income that pays, on average, for the shipments seized below.
    const double landed = landed_cost(pool, context.scenario.intermediaries[pool.population]);
    // The buyer pays the cost of slow, rerouted payments on top of the intermediary's price;
    // it is no part of the intermediary's margin.
    const double own_price = offers.price[o] / (1.0 + policy.payment_cost[pool.hub]);
    // A seized shipment was paid for and never sold: its cost is a loss, which is what
    // would-be entrants see of the pool's detection risk.
    if (offers.seized[o]) {
      pool.margin -= offers.sold[o] * landed;
      continue;
    }
    pool.margin += offers.sold[o] * (own_price - landed);
    pool.delivered += offers.sold[o];
    pool.delivered_value += offers.sold[o] * offers.price[o];
  }
}

void settle_firm(const StepContext& context, std::size_t f) {
  const ScenarioDescription& scenario = context.scenario;
  const Behaviour& behaviour = scenario.behaviour;
  World& world = context.world;
  Firms& firms = world.firms;
  const PolicyState& policy = context.policy;

  double sales = 0.0;
  if (firms.channel[f] == Channel::Direct) {
    sales = world.offers.sold[f];
  } else if (firms.channel[f] == Channel::Intermediary) {
    const Pool& pool = world.pools[static_cast<std::size_t>(firms.pool[f])];
    const bool limited = policy.unbranded_active[firms.sector[f]] != 0;
    if (pool.supply > 0.0) sales = pool_purchase(firms, pool, limited, f);
  }
  firms.sales[f] = sales;
  // Utilisation of what the firm could offer on its channel: a firm whose controlled lines
  // may leak only a share of its capacity is judged against that share, not its whole plant.
  const double offered = firms.offered[f];
  const double utilisation = offered > 0.0 ? sales / offered : 0.0;
  firms.utilisation[f] = smoothed_utilisation(firms.utilisation[f], utilisation);

  const SectorIndex sector = firms.sector[f];
  // Sales are a monthly rate: a step of several months produces and claims that many months.
  const bool subsidised = firms.domestic[f] && policy.subsidy_policy[sector] >= 0;
  firms.subsidy_claim[f] =
      subsidised ? policy.production_subsidy[sector] * firms.unit_cost[f] * sales * context.months
                 : 0.0;
  // Under a long-term contract the state takes what the market left of the guaranteed share,
  // at the firm's price; whether the budget can pay for all of it is settled with the claims.
  firms.contract_units[f] = 0.0;
  if (subsidised && subsidy_available(policy, sector) && policy.guaranteed_offtake[sector] > 0.0) {
    const double shortfall = policy.guaranteed_offtake[sector] * offered - sales;
    if (shortfall > 0.0) {
      firms.contract_units[f] = shortfall;
      firms.subsidy_claim[f] += shortfall * firms.price[f] * context.months;
    }
  }

  firms.newly_designated[f] = 0;
  const StateIndex state = firms.state[f];
  const double intensity = policy.firm_sanction_intensity[policy.at(state, firms.sector[f])];
  if (firms.designated[f] || firms.domestic[f] || intensity <= 0.0 || sales <= 0.0) return;
  const double visibility =
      (firms.channel[f] == Channel::Direct ? behaviour.visibility_direct
                                           : behaviour.visibility_intermediary) *
      (firms.branded[f] ? 1.0 : behaviour.visibility_unbranded);
  // Valued at the price the firm itself charges on its channel, as in its channel choice.
  const double unit_price = firms.channel[f] == Channel::Intermediary
                                ? firms.price[f] * (1.0 - behaviour.wholesale_discount)
                                : firms.price[f];
  const double p = designation_probability(intensity * context.months, visibility,
                                           sales * unit_price, behaviour.visibility_volume_scale);
  RandomStream stream(scenario.seed, world.firm_id(f), static_cast<std::uint32_t>(context.step),
                      Purpose::Designation);
  if (stream.uniform() >= p) return;
  firms.designated[f] = 1;
  firms.newly_designated[f] = 1;
  // Once designated the firm has nothing left to lose in coalition markets: some go all in on
  // the target, the rest leave target trade to seek delisting.
  RandomStream choice(scenario.seed, world.firm_id(f), static_cast<std::uint32_t>(context.step),
                      Purpose::AllInChoice);
  if (choice.uniform() >= behaviour.all_in_propensity) firms.exited_target[f] = 1;
}

// Production subsidies and contract purchases are paid from the year's budgets, pro rata when
// the claims on a budget exceed what is left of it (claims summed in firm order). A contract
// buys only what the budget pays for.
void pay_production_subsidies(StepContext& context) {
  Firms& firms = context.world.firms;
  std::vector<double>& claims = context.totals.subsidy_claims;
  std::fill(claims.begin(), claims.end(), 0.0);
  for (std::size_t f = 0; f < firms.count; ++f)
    claims[firms.sector[f]] += firms.subsidy_claim[f];
  std::vector<double>& paid = context.totals.subsidy_paid;
  pay_subsidy_claims(context.policy, claims, paid);
  for (std::size_t f = 0; f < firms.count; ++f) {
    if (firms.contract_units[f] <= 0.0) continue;
    const SectorIndex k = firms.sector[f];
    firms.contract_units[f] *= claims[k] > 0.0 ? paid[k] / claims[k] : 0.0;
  }
}

// Learning by doing counts everything produced, for the market and under contract.
void learn(const StepContext& context, std::size_t f) {
  Firms& firms = context.world.firms;
  firms.cumulative_output[f] += firms.sales[f] * context.months;
  if (firms.contract_units[f] > 0.0)
    firms.cumulative_output[f] += firms.contract_units[f] * context.months;
  firms.unit_cost[f] = learning_unit_cost(firms.base_unit_cost[f], firms.cumulative_output[f],
                                          firms.initial_experience[f],
                                          context.scenario.sectors[firms.sector[f]].learning_rate);
}

}  // namespace

// Phase 4: detections and seizures, deliveries, sales, designations, subsidies and contract
// purchases, learning.
void settle(StepContext& context) {
  World& world = context.world;
  sum_pool_sales(world);
  parallel_over(world.intermediaries.count, [&](std::size_t i) {
    update_sell_through(world, i);
    detect_intermediary(context, i);
  });
  parallel_over(world.buyers.count, [&](std::size_t b) { withdraw_seized(world, b); });
  sum_pool_deliveries(context);
  parallel_over(world.firms.count, [&](std::size_t f) { settle_firm(context, f); });
  pay_production_subsidies(context);
  parallel_over(world.firms.count, [&](std::size_t f) { learn(context, f); });
  std::vector<double>& unmet = context.totals.unmet_by_sector;
  std::fill(unmet.begin(), unmet.end(), 0.0);
  for (std::size_t b = 0; b < world.buyers.count; ++b)
    unmet[world.buyers.sector[b]] += world.buyers.unmet[b];
}

}  // namespace chokepoint
