#include <algorithm>

#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/step_context.hpp"
#include "chokepoint/random/stream.hpp"
#include "util/parallel.hpp"

namespace chokepoint {

namespace {

// Picks the pool of the firm's sector to sell through, in proportion to the pools' active
// throughput; keeps the firm's current pool while it still trades.
std::int32_t choose_pool(const World& world, SectorIndex sector, std::int32_t current,
                         RandomStream& stream) {
  if (current >= 0 && world.pools[static_cast<std::size_t>(current)].active_capacity > 0.0)
    return current;
  const double total = world.sector_pool_capacity[sector];
  if (total <= 0.0) return -1;
  const double target = stream.uniform() * total;
  double cumulative = 0.0;
  std::int32_t last = -1;
  for (std::uint32_t p : world.pools_by_sector[sector]) {
    const Pool& pool = world.pools[p];
    if (pool.active_capacity <= 0.0) continue;
    cumulative += pool.active_capacity;
    last = static_cast<std::int32_t>(p);
    if (target < cumulative) return last;
  }
  return last;
}

void firm_offer(const StepContext& context, std::size_t f) {
  const ScenarioDescription& scenario = context.scenario;
  const Behaviour& behaviour = scenario.behaviour;
  World& world = context.world;
  const PolicyState& policy = context.policy;
  Firms& firms = world.firms;
  const StateIndex state = firms.state[f];
  const SectorIndex sector = firms.sector[f];
  const SectorDesc& sector_desc = scenario.sectors[sector];
  const bool domestic = firms.domestic[f] != 0;

  // Controls on coalition inputs cut what producers outside the coalition can make.
  const double exposure = domestic                    ? behaviour.domestic_input_exposure
                          : world.is_coalition[state] ? 0.0
                                                      : behaviour.foreign_input_exposure;
  const double capacity = firms.capacity[f] * (1.0 - sector_desc.coalition_ip_dependence *
                                                         policy.input_control[sector] * exposure);
  firms.effective_capacity[f] = capacity;

  const std::int32_t subsidy = policy.subsidy_policy[sector];
  const bool subsidised = domestic && subsidy >= 0 &&
                          policy.subsidy_budget_left[static_cast<std::size_t>(subsidy)] > 0.0;
  const double unit_cost = firms.unit_cost[f];
  const double cost = unit_cost * (1.0 - (subsidised ? policy.production_subsidy[sector] : 0.0));
  // A firm out of the market has no sales to read demand from: it keeps its last markup
  // rather than let idle capacity drive its price to the floor.
  if (firms.channel[f] != Channel::Abstain)
    firms.markup[f] = adapt_markup(firms.markup[f], firms.utilisation[f], behaviour);
  const double price = cost * (1.0 + firms.markup[f]);
  firms.price[f] = price;

  Channel channel = Channel::Direct;
  double offered = capacity;
  if (!domestic) {
    const std::size_t pair = policy.at(state, sector);
    const bool covered = firms.line_position[f] < policy.control_coverage[pair];
    const double leak = covered ? policy.control_leak[pair] : 1.0;
    const double expected_units = capacity * behaviour.target_utilisation;
    const bool at_risk = firms.designated[f] == 0;
    const double penalty =
        firms.coalition_revenue[f] * policy.penalty_months[state] * (1.0 + firms.risk_aversion[f]);
    const double brand = firms.branded[f] ? 1.0 : behaviour.visibility_unbranded;
    const auto expected_loss = [&](double visibility, double units, double unit_price) {
      if (!at_risk) return 0.0;
      return penalty * designation_probability(policy.firm_sanction_intensity[state],
                                               visibility * brand, units * unit_price,
                                               behaviour.visibility_volume_scale);
    };
    const double wholesale = price * (1.0 - behaviour.wholesale_discount);

    ChannelValues values;
    values.allowed[static_cast<int>(Channel::Direct)] = !covered && !firms.exited_target[f];
    // Only where some intermediary of the sector is active: otherwise the channel does not
    // exist this step (after a crackdown that emptied every pool, for instance).
    values.allowed[static_cast<int>(Channel::Intermediary)] =
        !firms.exited_target[f] && leak > 0.0 && world.sector_pool_capacity[sector] > 0.0;
    values.allowed[static_cast<int>(Channel::Abstain)] = true;
    values.profit[static_cast<int>(Channel::Direct)] =
        (price - unit_cost) * expected_units -
        expected_loss(behaviour.visibility_direct, expected_units, price);
    values.profit[static_cast<int>(Channel::Intermediary)] =
        (wholesale - unit_cost) * expected_units * leak -
        expected_loss(behaviour.visibility_intermediary, expected_units * leak, wholesale);

    RandomStream stream(scenario.seed, world.firm_id(f), static_cast<std::uint32_t>(context.step),
                        Purpose::ChannelChoice);
    channel =
        choose_channel(values, firms.channel[f], price * capacity, behaviour, stream.uniform());
    if (channel == Channel::Intermediary) {
      RandomStream hub_stream(scenario.seed, world.firm_id(f),
                              static_cast<std::uint32_t>(context.step), Purpose::HubChoice);
      firms.pool[f] = choose_pool(world, sector, firms.pool[f], hub_stream);
      if (firms.pool[f] < 0) channel = Channel::Abstain;
    }
    offered = channel == Channel::Direct         ? capacity
              : channel == Channel::Intermediary ? capacity * leak
                                                 : 0.0;
  }
  firms.channel[f] = channel;
  if (channel != Channel::Intermediary) firms.pool[f] = -1;
  firms.offered[f] = offered;

  Offers& offers = world.offers;
  offers.quantity[f] = channel == Channel::Direct ? offered : 0.0;
  offers.price[f] = price;
  offers.quality[f] = firms.quality[f];
  offers.reliability[f] = 1.0;
  offers.unbranded[f] = firms.branded[f] ? 0.0 : 1.0;
}

// Sums what the firms offer to each pool, in firm order (deterministic).
void aggregate_pool_supply(const ScenarioDescription& scenario, World& world) {
  for (Pool& pool : world.pools) {
    pool.supply = pool.supply_value = pool.supply_quality = pool.supply_unbranded = 0.0;
  }
  const Firms& firms = world.firms;
  const double discount = 1.0 - scenario.behaviour.wholesale_discount;
  for (std::size_t f = 0; f < firms.count; ++f) {
    if (firms.channel[f] != Channel::Intermediary) continue;
    Pool& pool = world.pools[static_cast<std::size_t>(firms.pool[f])];
    const double units = firms.offered[f];
    pool.supply += units;
    pool.supply_value += units * firms.price[f] * discount;
    pool.supply_quality += units * firms.quality[f];
    if (!firms.branded[f]) pool.supply_unbranded += units;
  }
  for (Pool& pool : world.pools)
    if (pool.supply > 0.0) pool.supply_quality /= pool.supply;
}

// An active intermediary offers its share of the pool's supply (by throughput), at the pool's
// average wholesale price plus its own markup.
void intermediary_offer(World& world, std::size_t slot) {
  const Intermediaries& intermediaries = world.intermediaries;
  const Pool& pool = world.pools[intermediaries.pool[slot]];
  const std::size_t o = world.intermediary_offer(slot);
  Offers& offers = world.offers;
  if (intermediaries.status[slot] != IntermediaryStatus::Active || pool.supply <= 0.0 ||
      pool.active_capacity <= 0.0) {
    offers.quantity[o] = 0.0;
    return;
  }
  const double capacity = intermediaries.capacity[slot];
  offers.quantity[o] = std::min(capacity, pool.supply * capacity / pool.active_capacity);
  offers.price[o] = pool.supply_value / pool.supply * (1.0 + intermediaries.markup[slot]);
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
  std::fill(world.sector_pool_capacity.begin(), world.sector_pool_capacity.end(), 0.0);
  for (const Pool& pool : world.pools)
    world.sector_pool_capacity[pool.sector] += pool.active_capacity;
  parallel_over(world.firms.count, [&](std::size_t f) { firm_offer(context, f); });
  aggregate_pool_supply(context.scenario, world);
  parallel_over(world.intermediaries.count, [&](std::size_t i) { intermediary_offer(world, i); });
}

}  // namespace chokepoint
