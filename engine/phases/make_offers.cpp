#include <algorithm>

#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/step_context.hpp"
#include "chokepoint/random/stream.hpp"
#include "phases/trader_hazard.hpp"
#include "util/parallel.hpp"

namespace chokepoint {

namespace {

// Share of payments for trade with the target that the banks of a seller's state let through.
double payments_cleared(const PolicyState& policy, StateIndex seller) {
  return 1.0 - policy.payment_rejection[seller];
}

// Share of a firm's covered goods that the end-use checks of its controls (`checks`, 0..1)
// let through to the traders of `pool`: the checks bind as strongly as the hub's screening.
double let_through(const ScenarioDescription& scenario, const Pool& pool, double checks) {
  return 1.0 - checks * scenario.intermediaries[pool.population].end_use_screening;
}

// Whether the makers of `state` count the pool's traders as their own network.
bool is_home(const ScenarioDescription& scenario, const Pool& pool, StateIndex state) {
  if (pool.hub == state) return true;
  const std::vector<StateIndex>& home_to = scenario.intermediaries[pool.population].home_to;
  return std::find(home_to.begin(), home_to.end(), state) != home_to.end();
}

// The weight a maker of `state` gives a pool when it picks where to sell: the pool's active
// throughput whose payments clear, for covered goods (`checks` >= 0) times what the end-use
// checks let through to it, and times (1 + home_trader_preference) for its home network.
double pool_weight(const ScenarioDescription& scenario, const PolicyState& policy, const Pool& pool,
                   StateIndex state, double checks) {
  double weight = pool.active_capacity * payments_cleared(policy, pool.hub);
  if (checks >= 0.0) weight *= let_through(scenario, pool, checks);
  const double preference = scenario.behaviour.home_trader_preference;
  if (preference > 0.0 && is_home(scenario, pool, state)) weight *= 1.0 + preference;
  return weight;
}

// Per (makers' state, sector), the sum of the pool weights of the sector's pools, in pool
// order, and the share of an offer that reaches a pool picked in proportion to them and is
// paid for (payments cleared, times what the checks let through for covered goods). The
// covered sums are zero where no control covers the pair.
void sum_pool_capacity(const ScenarioDescription& scenario, const PolicyState& policy,
                       World& world) {
  const auto sum = [&](StateIndex state, SectorIndex sector, double checks, double& paying,
                       double& reach) {
    paying = 0.0;
    double reached = 0.0;
    for (std::uint32_t p : world.pools_by_sector[sector]) {
      const Pool& pool = world.pools[p];
      const double weight = pool_weight(scenario, policy, pool, state, checks);
      const double through = payments_cleared(policy, pool.hub) *
                             (checks >= 0.0 ? let_through(scenario, pool, checks) : 1.0);
      paying += weight;
      reached += weight * through;
    }
    reach = paying > 0.0 ? reached / paying : 0.0;
  };
  for (StateIndex state = 0; state < world.state_count; ++state)
    for (SectorIndex sector = 0; sector < world.sector_count; ++sector) {
      const std::size_t pair = policy.at(state, sector);
      sum(state, sector, -1.0, world.uncovered_pool_paying_capacity[pair],
          world.uncovered_pool_reach[pair]);
      if (policy.control_coverage[pair] > 0.0)
        sum(state, sector, policy.control_end_use_checks[pair],
            world.covered_pool_paying_capacity[pair], world.covered_pool_reach[pair]);
      else
        world.covered_pool_paying_capacity[pair] = world.covered_pool_reach[pair] = 0.0;
    }
}

// Picks the pool of the firm's sector to sell through, in proportion to the pool weights
// (paying throughput; for covered goods, also what the end-use checks let through to the
// pool, so diverted goods flow where checks see least; more for the maker's home network);
// keeps the firm's current pool while it still trades, unless its payment bounces there (as
// often as the hub's banks reject payments): then the firm looks for another hub, which is
// how partner channels take over. `checks` is negative for goods no control covers.
std::int32_t choose_pool(const StepContext& context, StateIndex state, SectorIndex sector,
                         std::size_t pair, double checks, std::int32_t current,
                         RandomStream& stream) {
  const World& world = context.world;
  const PolicyState& policy = context.policy;
  const bool covered = checks >= 0.0;
  const auto weight_of = [&](const Pool& pool) {
    return pool_weight(context.scenario, policy, pool, state, checks);
  };
  if (current >= 0) {
    const Pool& pool = world.pools[static_cast<std::size_t>(current)];
    const double rejection = policy.payment_rejection[pool.hub];
    const bool bounced = rejection > 0.0 && stream.uniform() < rejection;
    const bool open = covered ? weight_of(pool) > 0.0 : pool.active_capacity > 0.0;
    if (open && !bounced) return current;
  }
  const double total = covered ? world.covered_pool_paying_capacity[pair]
                               : world.uncovered_pool_paying_capacity[pair];
  if (total <= 0.0) return -1;
  const double target = stream.uniform() * total;
  double cumulative = 0.0;
  std::int32_t last = -1;
  for (std::uint32_t p : world.pools_by_sector[sector]) {
    const double weight = weight_of(world.pools[p]);
    if (weight <= 0.0) continue;
    cumulative += weight;
    last = static_cast<std::int32_t>(p);
    if (target < cumulative) return last;
  }
  return last;
}

// Controls on coalition inputs cut what producers outside the coalition can make.
double effective_capacity(const StepContext& context, std::size_t f) {
  const Behaviour& behaviour = context.scenario.behaviour;
  const Firms& firms = context.world.firms;
  const SectorIndex sector = firms.sector[f];
  const double exposure = firms.domestic[f] != 0 ? behaviour.domestic_input_exposure
                          : context.world.is_coalition[firms.state[f]]
                              ? 0.0
                              : behaviour.foreign_input_exposure;
  return firms.capacity[f] * (1.0 - context.scenario.sectors[sector].coalition_ip_dependence *
                                        context.policy.input_control[sector] * exposure);
}

// Local-content compliance: a covered firm whose local plant can make L units may import
// directly at most L (1 - s) / s, so that the plant's output is the share s of its direct
// sales in the target. Measured on capacity, as a licensing authority would check it.
// Sales through intermediaries are parallel imports the rule does not see.
double direct_import_limit(const StepContext& context, std::size_t f, double capacity) {
  const Firms& firms = context.world.firms;
  const std::int32_t plant = firms.local_plant[f];
  if (plant < 0) return capacity;
  const double required =
      context.policy.local_content_required[context.policy.at(firms.state[f], firms.sector[f])];
  if (required <= 0.0) return capacity;
  const double local = effective_capacity(context, static_cast<std::size_t>(plant));
  return std::min(capacity, local * (1.0 - required) / required);
}

void firm_offer(const StepContext& context, std::size_t f) {
  const ScenarioDescription& scenario = context.scenario;
  const Behaviour& behaviour = scenario.behaviour;
  World& world = context.world;
  const PolicyState& policy = context.policy;
  Firms& firms = world.firms;
  const StateIndex state = firms.state[f];
  const SectorIndex sector = firms.sector[f];
  const bool domestic = firms.domestic[f] != 0;
  // Direct sales abroad are paid through the banks of the firm's state; the target's own
  // producers are paid at home.
  const double cleared_direct = domestic ? 1.0 : payments_cleared(policy, state);
  const double payment_cost = domestic ? 0.0 : policy.payment_cost[state];

  const double capacity = effective_capacity(context, f);
  firms.effective_capacity[f] = capacity;

  const std::int32_t subsidy = policy.subsidy_policy[sector];
  const bool subsidised = domestic && subsidy >= 0 &&
                          policy.subsidy_budget_left[static_cast<std::size_t>(subsidy)] > 0.0;
  const double unit_cost = firms.unit_cost[f];
  const double cost = unit_cost * (1.0 - (subsidised ? policy.production_subsidy[sector] : 0.0));
  // A firm out of the market has no sales to read demand from: it keeps its last markup
  // rather than let idle capacity drive its price to the floor. So does a local plant that
  // has no capacity yet.
  const bool dormant_plant = firms.owner[f] >= 0 && firms.capacity[f] <= 0.0;
  if (firms.channel[f] != Channel::Abstain && !dormant_plant)
    firms.markup[f] = adapt_markup(firms.markup[f], firms.utilisation[f], behaviour);
  const double price = cost * (1.0 + firms.markup[f]);
  firms.price[f] = price;
  firms.risk_premium[f] = 0.0;

  Channel channel = Channel::Direct;
  double offered = capacity;
  if (!domestic) {
    const std::size_t pair = policy.at(state, sector);
    const bool covered = firms.line_position[f] < policy.control_coverage[pair];
    const double checks = covered ? policy.control_end_use_checks[pair] : -1.0;
    // A covered maker's goods reach traders only as far as its own compliance and the
    // checks at the hub let them (the hub's share is known once a pool is picked).
    const double kept_out = covered ? firms.compliance[f] : 0.0;
    const double paying_capacity = covered ? world.covered_pool_paying_capacity[pair]
                                           : world.uncovered_pool_paying_capacity[pair];
    const double reach =
        covered ? world.covered_pool_reach[pair] : world.uncovered_pool_reach[pair];
    const double expected_units = capacity * behaviour.target_utilisation;
    const double direct_capacity = direct_import_limit(context, f, capacity);
    const double expected_direct_units = direct_capacity * behaviour.target_utilisation;
    // A local-content rule with no local capacity behind it closes the direct route.
    const bool barred_by_local_content = direct_capacity < capacity && direct_capacity <= 0.0;
    const bool at_risk = firms.designated[f] == 0;
    const double penalty =
        firms.coalition_revenue[f] * policy.penalty_months[pair] * (1.0 + firms.risk_aversion[f]);
    const double brand = firms.branded[f] ? 1.0 : behaviour.visibility_unbranded;
    const auto expected_loss = [&](double visibility, double units, double unit_price) {
      if (!at_risk) return 0.0;
      return penalty * designation_probability(policy.firm_sanction_intensity[pair],
                                               visibility * brand, units * unit_price,
                                               behaviour.visibility_volume_scale);
    };
    const double wholesale = price * (1.0 - behaviour.wholesale_discount);

    ChannelValues values;
    values.allowed[static_cast<int>(Channel::Direct)] =
        !covered && !firms.exited_target[f] && !barred_by_local_content;
    // Only where some intermediary of the sector is active: otherwise the channel does not
    // exist this step (after a crackdown that emptied every pool, for instance).
    values.allowed[static_cast<int>(Channel::Intermediary)] =
        !firms.exited_target[f] && kept_out < 1.0 && paying_capacity > 0.0;
    values.allowed[static_cast<int>(Channel::Abstain)] = true;
    // Sales whose payment is rejected are lost; the extra cost of the payments that clear
    // is passed on to buyers, so the margin per unit sold is unchanged. Through a hub the
    // firm is paid by the intermediary, whose own banks may reject the target's payments.
    const double direct_units = expected_direct_units * cleared_direct;
    const double hub_units = expected_units * (1.0 - kept_out) * reach;
    // What a maker charges for its risk of designation is part of its margin on the channel;
    // what it cannot charge (beyond the cap, or with no pass-through) it bears.
    const double direct_loss = expected_loss(behaviour.visibility_direct, direct_units, price);
    const double hub_loss = expected_loss(behaviour.visibility_intermediary, hub_units, wholesale);
    const double direct_premium =
        maker_risk_premium(direct_loss, direct_units, price, behaviour.maker_risk_pass_through,
                           behaviour.maker_risk_premium_max);
    const double hub_premium =
        maker_risk_premium(hub_loss, hub_units, wholesale, behaviour.maker_risk_pass_through,
                           behaviour.maker_risk_premium_max);
    values.profit[static_cast<int>(Channel::Direct)] =
        (price * (1.0 + direct_premium) - unit_cost) * direct_units - direct_loss;
    values.profit[static_cast<int>(Channel::Intermediary)] =
        (wholesale * (1.0 + hub_premium) - unit_cost) * hub_units - hub_loss;

    RandomStream stream(scenario.seed, world.firm_id(f), static_cast<std::uint32_t>(context.step),
                        Purpose::ChannelChoice);
    channel =
        choose_channel(values, firms.channel[f], price * capacity, behaviour, stream.uniform());
    double leak = 1.0;
    if (channel == Channel::Intermediary) {
      RandomStream hub_stream(scenario.seed, world.firm_id(f),
                              static_cast<std::uint32_t>(context.step), Purpose::HubChoice);
      firms.pool[f] = choose_pool(context, state, sector, pair, checks, firms.pool[f], hub_stream);
      if (firms.pool[f] < 0)
        channel = Channel::Abstain;
      else if (covered)
        leak = (1.0 - kept_out) *
               let_through(scenario, world.pools[static_cast<std::size_t>(firms.pool[f])], checks);
    }
    // Judged, like a leak, against what can be sold: bounced payments and a local-content
    // cap are no reason to cut the price.
    offered = channel == Channel::Direct         ? direct_capacity * cleared_direct
              : channel == Channel::Intermediary ? capacity * leak
                                                 : 0.0;
    // The price the maker charges on its channel carries that channel's premium (on the
    // list price, so that the wholesale price through a hub carries the hub's premium).
    const double premium = channel == Channel::Direct         ? direct_premium
                           : channel == Channel::Intermediary ? hub_premium
                                                              : 0.0;
    firms.risk_premium[f] = price * premium;
    firms.price[f] = price * (1.0 + premium);
  }
  firms.channel[f] = channel;
  if (channel != Channel::Intermediary) firms.pool[f] = -1;
  firms.offered[f] = offered;

  Offers& offers = world.offers;
  offers.quantity[f] = channel == Channel::Direct ? offered : 0.0;
  offers.price[f] = firms.price[f] * (1.0 + payment_cost);
  offers.quality[f] = firms.quality[f];
  offers.reliability[f] = 1.0;
  offers.unbranded[f] = firms.branded[f] ? 0.0 : 1.0;
}

// Sums what the firms offer to each pool, in firm order (deterministic). Goods whose lines a
// control in force covers reach the pool through a distributor, who adds its margin.
void aggregate_pool_supply(const StepContext& context) {
  World& world = context.world;
  const Behaviour& behaviour = context.scenario.behaviour;
  const PolicyState& policy = context.policy;
  for (Pool& pool : world.pools) {
    pool.supply = pool.supply_value = pool.supply_quality = pool.supply_unbranded = 0.0;
    pool.supply_distributor = pool.supply_normal_value = pool.supply_maker_premium = 0.0;
  }
  const Firms& firms = world.firms;
  const double discount = 1.0 - behaviour.wholesale_discount;
  for (std::size_t f = 0; f < firms.count; ++f) {
    if (firms.channel[f] != Channel::Intermediary) continue;
    Pool& pool = world.pools[static_cast<std::size_t>(firms.pool[f])];
    const double units = firms.offered[f];
    const double value = units * firms.price[f] * discount;
    pool.supply += units;
    pool.supply_value += value;
    pool.supply_maker_premium += units * firms.risk_premium[f] * discount;
    pool.supply_quality += units * firms.quality[f];
    pool.supply_normal_value += units * normal_price(firms, f, behaviour);
    if (!firms.branded[f]) pool.supply_unbranded += units;
    const bool covered = firms.line_position[f] <
                         policy.control_coverage[policy.at(firms.state[f], firms.sector[f])];
    if (covered) pool.supply_distributor += value * behaviour.distributor_margin;
  }
  for (Pool& pool : world.pools)
    if (pool.supply > 0.0) pool.supply_quality /= pool.supply;
}

// An active intermediary offers its share of the pool's supply (by throughput). Its price is
// the landed cost of the goods (makers' wholesale price, distributors' margin, transshipment
// and logistics) times one plus its markup, which it first adapts to how well its last offers
// sold, plus its risk premium. It is paid through its hub's banks: what they reject is not
// sold, and the payments that clear cost the buyer the payment agents' fee on top.
void intermediary_offer(const StepContext& context, std::size_t slot) {
  const Behaviour& behaviour = context.scenario.behaviour;
  const PolicyState& policy = context.policy;
  World& world = context.world;
  Intermediaries& intermediaries = world.intermediaries;
  const Pool& pool = world.pools[intermediaries.pool[slot]];
  const std::size_t o = world.intermediary_offer(slot);
  Offers& offers = world.offers;
  if (intermediaries.status[slot] != IntermediaryStatus::Active || pool.supply <= 0.0 ||
      pool.active_capacity <= 0.0) {
    offers.quantity[o] = 0.0;
    return;
  }
  intermediaries.markup[slot] =
      adapt_trader_markup(intermediaries.markup[slot], intermediaries.sell_through[slot],
                          intermediaries.base_markup[slot], behaviour);
  const IntermediaryPopulation& population = context.scenario.intermediaries[pool.population];
  // Priced before it sells: at its pool's average volume (no anomaly).
  intermediaries.risk_premium[slot] =
      seizure_risk_premium(trader_hazard(context, slot, 0.0), behaviour.risk_premium_weight);
  const double capacity = intermediaries.capacity[slot];
  offers.quantity[o] = std::min(capacity, pool.supply * capacity / pool.active_capacity) *
                       payments_cleared(policy, pool.hub);
  offers.price[o] = landed_cost(pool, population) *
                    (1.0 + intermediaries.markup[slot] + intermediaries.risk_premium[slot]) *
                    (1.0 + policy.payment_cost[pool.hub]);
  offers.quality[o] = pool.supply_quality;
  offers.reliability[o] = intermediaries.document_quality[slot];
  // Intermediaries ship what their pool's suppliers send them: the pool's brand mix.
  offers.unbranded[o] = pool.supply_unbranded / pool.supply;
}

}  // namespace

// Phase 2: firms set prices and channels, then intermediaries turn what firms route to them
// into offers. Parallel over agents; pool sums in a fixed serial order.
void make_offers(StepContext& context) {
  World& world = context.world;
  sum_pool_capacity(context.scenario, context.policy, world);
  parallel_over(world.firms.count, [&](std::size_t f) { firm_offer(context, f); });
  aggregate_pool_supply(context);
  parallel_over(world.intermediaries.count, [&](std::size_t i) { intermediary_offer(context, i); });
}

}  // namespace chokepoint
