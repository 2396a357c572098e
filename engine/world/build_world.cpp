#include <algorithm>
#include <cmath>

#include "chokepoint/error.hpp"
#include "chokepoint/world/world.hpp"

namespace chokepoint {

namespace {

template <typename T>
void size_all(std::size_t n, std::vector<T>& first) {
  first.assign(n, T{});
}
template <typename T, typename... Rest>
void size_all(std::size_t n, std::vector<T>& first, std::vector<Rest>&... rest) {
  first.assign(n, T{});
  size_all(n, rest...);
}

// For each (home state, sector): the first local-content rule of the scenario covering it, or
// -1. It decides which foreign firms get a local plant, and at which cost premium.
std::vector<std::int32_t> local_content_rule_by_pair(const ScenarioDescription& scenario) {
  const std::size_t sectors = scenario.sectors.size();
  std::vector<std::int32_t> rule_of(scenario.states.size() * sectors, -1);
  const std::vector<LocalContentRule>& rules = scenario.policies.local_content;
  for (std::size_t r = rules.size(); r-- > 0;)  // filled from the last, so the first wins
    for (StateIndex origin : rules[r].origins)
      for (SectorIndex sector : rules[r].sectors)
        rule_of[origin * sectors + sector] = static_cast<std::int32_t>(r);
  return rule_of;
}

bool gets_local_plant(const ScenarioDescription& scenario, const std::vector<std::int32_t>& rule_of,
                      StateIndex state, SectorIndex sector) {
  return state != scenario.target && rule_of[state * scenario.sectors.size() + sector] >= 0;
}

// Firms are stored sector by sector (populations in scenario order within a sector), so the
// firms of one sector are a contiguous range. Local plants follow all of them.
void build_firms(const ScenarioDescription& scenario, const std::vector<std::int32_t>& rule_of,
                 World& world) {
  Firms& firms = world.firms;
  std::size_t originals = 0, plants = 0;
  for (const FirmPopulation& population : scenario.firms) {
    originals += population.count;
    if (gets_local_plant(scenario, rule_of, population.state, population.sector))
      plants += population.count;
  }
  const std::size_t total = originals + plants;
  firms.count = total;
  firms.original_count = originals;
  size_all(total, firms.state, firms.sector);
  size_all(total, firms.domestic, firms.branded, firms.designated, firms.exited_target,
           firms.newly_designated);
  size_all(total, firms.quality, firms.coalition_revenue, firms.risk_aversion, firms.compliance,
           firms.line_position, firms.base_unit_cost, firms.initial_experience, firms.capacity,
           firms.cumulative_output, firms.unit_cost, firms.markup, firms.utilisation,
           firms.pending_capacity, firms.price, firms.risk_premium, firms.effective_capacity,
           firms.offered, firms.sales, firms.subsidy_claim, firms.contract_units, firms.relocating);
  firms.channel.assign(total, Channel::Direct);
  firms.pool.assign(total, -1);
  firms.pending_ready_step.assign(total, 0);
  firms.local_plant.assign(total, -1);
  firms.owner.assign(total, -1);
  firms.relocation_ready_step.assign(total, 0);

  const Behaviour& behaviour = scenario.behaviour;
  const std::uint64_t seed = scenario.seed;
  world.firms_by_sector_begin.assign(scenario.sectors.size() + 1, 0);
  std::size_t f = 0;
  for (SectorIndex k = 0; k < scenario.sectors.size(); ++k) {
    world.firms_by_sector_begin[k] = static_cast<std::uint32_t>(f);
    for (const FirmPopulation& population : scenario.firms) {
      if (population.sector != k) continue;
      for (std::uint32_t n = 0; n < population.count; ++n, ++f) {
        const std::uint64_t id = world.firm_id(f);
        firms.state[f] = population.state;
        firms.sector[f] = k;
        firms.domestic[f] = population.state == scenario.target;
        const Distribution coin{Distribution::Kind::Uniform, 0.0, 1.0, 0.0, 1.0};
        firms.branded[f] =
            draw_attribute(coin, seed, id, AttributeId::FirmBranded) < population.branded_share;
        firms.line_position[f] = draw_attribute(coin, seed, id, AttributeId::FirmLinePosition);
        firms.quality[f] = draw_attribute(population.quality, seed, id, AttributeId::FirmQuality);
        firms.coalition_revenue[f] = draw_attribute(population.coalition_revenue, seed, id,
                                                    AttributeId::FirmCoalitionRevenue);
        firms.risk_aversion[f] =
            draw_attribute(population.risk_aversion, seed, id, AttributeId::FirmRiskAversion);
        firms.compliance[f] =
            draw_attribute(population.compliance, seed, id, AttributeId::FirmCompliance);
        firms.capacity[f] =
            draw_attribute(population.capacity, seed, id, AttributeId::FirmCapacity);
        firms.base_unit_cost[f] =
            draw_attribute(population.unit_cost, seed, id, AttributeId::FirmUnitCost);
        firms.unit_cost[f] = firms.base_unit_cost[f];
        firms.initial_experience[f] = firms.capacity[f] * behaviour.experience_months;
        firms.cumulative_output[f] = firms.initial_experience[f];
        firms.markup[f] = behaviour.initial_markup;
        firms.utilisation[f] = behaviour.target_utilisation;
      }
    }
  }
  world.firms_by_sector_begin[scenario.sectors.size()] = static_cast<std::uint32_t>(f);
}

// A local plant is its owner's product made in the target: same sector, quality and brand,
// at the owner's unit cost times (1 + the rule's cost_premium), starting from the owner's
// know-how (its initial experience) and with no capacity until a relocation completes. It is
// a domestic producer: no export controls or sanctions on its sales, the target's exposure
// to input controls, its subsidies. It draws no attributes: everything comes from the owner.
void add_local_plants(const ScenarioDescription& scenario, const std::vector<std::int32_t>& rule_of,
                      World& world) {
  Firms& firms = world.firms;
  const Behaviour& behaviour = scenario.behaviour;
  const std::size_t sectors = scenario.sectors.size();
  world.local_plants_by_sector_begin.assign(sectors + 1, 0);
  std::size_t plant = firms.original_count;
  for (SectorIndex k = 0; k < sectors; ++k) {
    world.local_plants_by_sector_begin[k] = static_cast<std::uint32_t>(plant);
    for (std::size_t f = world.firms_by_sector_begin[k]; f < world.firms_by_sector_begin[k + 1];
         ++f) {
      if (!gets_local_plant(scenario, rule_of, firms.state[f], k)) continue;
      const LocalContentRule& rule =
          scenario.policies
              .local_content[static_cast<std::size_t>(rule_of[firms.state[f] * sectors + k])];
      firms.state[plant] = scenario.target;
      firms.sector[plant] = k;
      firms.domestic[plant] = 1;
      firms.branded[plant] = firms.branded[f];
      firms.quality[plant] = firms.quality[f];
      firms.risk_aversion[plant] = firms.risk_aversion[f];
      firms.line_position[plant] = firms.line_position[f];
      firms.base_unit_cost[plant] = firms.base_unit_cost[f] * (1.0 + rule.cost_premium);
      firms.unit_cost[plant] = firms.base_unit_cost[plant];
      firms.initial_experience[plant] = firms.initial_experience[f];
      firms.cumulative_output[plant] = firms.initial_experience[plant];
      firms.markup[plant] = behaviour.initial_markup;
      firms.utilisation[plant] = behaviour.target_utilisation;
      firms.owner[plant] = static_cast<std::int32_t>(f);
      firms.local_plant[f] = static_cast<std::int32_t>(plant);
      ++plant;
    }
  }
  world.local_plants_by_sector_begin[sectors] = static_cast<std::uint32_t>(plant);
}

void build_intermediaries(const ScenarioDescription& scenario, World& world) {
  const std::vector<StateIndex> hubs = scenario.hubs();
  std::size_t slots = 0;
  for (const IntermediaryPopulation& population : scenario.intermediaries)
    slots += std::size_t{population.count} + population.entry.reserve;
  if (slots > std::size_t{UINT32_MAX})
    throw ScenarioError({scenario.source_path, 0, 0}, "intermediaries",
                        "more than 2^32 intermediary slots");
  Intermediaries& intermediaries = world.intermediaries;
  intermediaries.count = slots;
  size_all(slots, intermediaries.pool);
  intermediaries.status.assign(slots, IntermediaryStatus::Vacant);
  size_all(slots, intermediaries.capacity, intermediaries.base_markup, intermediaries.markup,
           intermediaries.sell_through, intermediaries.document_quality,
           intermediaries.risk_premium);
  intermediaries.detected.assign(slots, 0);

  std::uint32_t first = 0;
  world.pools.reserve(scenario.intermediaries.size());  // no spare capacity: memory is estimated
  for (std::uint32_t p = 0; p < scenario.intermediaries.size(); ++p) {
    const IntermediaryPopulation& population = scenario.intermediaries[p];
    Pool pool;
    pool.population = p;
    pool.hub = population.hub;
    pool.hub_index = static_cast<std::uint32_t>(
        std::find(hubs.begin(), hubs.end(), population.hub) - hubs.begin());
    pool.sector = population.sector;
    pool.first_slot = first;
    pool.slot_count = population.count + population.entry.reserve;
    pool.next_vacant = population.count;
    for (std::uint32_t s = 0; s < pool.slot_count; ++s)
      intermediaries.pool[first + s] = p;
    world.pools.push_back(pool);
    first += pool.slot_count;
  }
  // Incumbents are activated exactly as entrants are later (same draws, same streams).
  for (Pool& pool : world.pools) {
    const IntermediaryPopulation& population = scenario.intermediaries[pool.population];
    for (std::uint32_t s = 0; s < pool.next_vacant; ++s) {
      const std::size_t slot = pool.first_slot + s;
      activate_intermediary(world, scenario, population, slot);
      pool.active += 1;
      pool.active_capacity += intermediaries.capacity[slot];
    }
  }
}

// A sector's demand is split over its buyer populations by head count, and within a
// population by log-normal draws normalised to the population's total.
void build_buyers(const ScenarioDescription& scenario, World& world) {
  Buyers& buyers = world.buyers;
  std::size_t total = 0;
  std::uint32_t search = 1;
  for (const BuyerPopulation& population : scenario.buyers) {
    total += population.count;
    search = std::max(search, population.search);
  }
  buyers.count = total;
  buyers.slots = std::min(kMaxBuyerSlots, scenario.behaviour.loyal_slots + search);
  size_all(total, buyers.sector, buyers.population);
  size_all(total, buyers.base_demand, buyers.demand, buyers.unmet);
  const std::size_t slot_total = total * buyers.slots;
  buyers.slot_offer.assign(slot_total, -1);
  size_all(slot_total, buyers.slot_weight, buyers.slot_request, buyers.slot_received);
  buyers.slot_loyal.assign(slot_total, 0);

  std::vector<double> heads(scenario.sectors.size(), 0.0);
  for (const BuyerPopulation& population : scenario.buyers)
    heads[population.sector] += population.count;
  std::size_t b = 0;
  for (std::uint32_t p = 0; p < scenario.buyers.size(); ++p) {
    const BuyerPopulation& population = scenario.buyers[p];
    const std::size_t begin = b;
    double sum = 0.0;
    Distribution spread{Distribution::Kind::LogNormal, 1.0, population.demand_dispersion, 0.0,
                        1e300};
    for (std::uint32_t n = 0; n < population.count; ++n, ++b) {
      buyers.sector[b] = population.sector;
      buyers.population[b] = p;
      buyers.base_demand[b] =
          draw_attribute(spread, scenario.seed, world.buyer_id(b), AttributeId::BuyerDemand);
      sum += buyers.base_demand[b];
    }
    const double population_demand = scenario.sectors[population.sector].target_demand *
                                     population.count / heads[population.sector];
    for (std::size_t i = begin; i < b; ++i)
      buyers.base_demand[i] *= population_demand / sum;
  }
}

void build_offers(World& world) {
  Offers& offers = world.offers;
  const std::size_t count = world.firms.count + world.intermediaries.count;
  offers.count = count;
  size_all(count, offers.quantity, offers.price, offers.delivered_price, offers.log_price_ratio,
           offers.quality, offers.reliability, offers.unbranded, offers.remaining,
           offers.remaining_unbranded, offers.requested, offers.fill, offers.sold,
           offers.sold_unbranded, offers.unbranded_served);
  size_all(count, offers.shipper, offers.sector);
  offers.route.assign(count, Route::Direct);
  size_all(count, offers.open, offers.seized);
  for (std::size_t f = 0; f < world.firms.count; ++f) {
    offers.shipper[f] = world.firms.state[f];
    offers.sector[f] = world.firms.sector[f];
    offers.route[f] = world.firms.domestic[f] ? Route::Domestic : Route::Direct;
  }
  for (std::size_t i = 0; i < world.intermediaries.count; ++i) {
    const Pool& pool = world.pools[world.intermediaries.pool[i]];
    const std::size_t o = world.intermediary_offer(i);
    offers.shipper[o] = pool.hub;
    offers.sector[o] = pool.sector;
    offers.route[o] = Route::Intermediary;
  }
  world.requests.row_start.assign(count + 1, 0);
  world.requests.fill.assign(count, 0);
  world.requests.entries.assign(world.buyers.slot_offer.size(), 0);
}

void index_pools(World& world) {
  world.pools_by_sector.assign(world.sector_count, {});
  for (std::uint32_t p = 0; p < world.pools.size(); ++p)
    world.pools_by_sector[world.pools[p].sector].push_back(p);
  world.uncovered_pool_paying_capacity.assign(world.sector_count * world.state_count, 0.0);
  world.uncovered_pool_reach.assign(world.sector_count * world.state_count, 0.0);
  world.covered_pool_paying_capacity.assign(world.sector_count * world.state_count, 0.0);
  world.covered_pool_reach.assign(world.sector_count * world.state_count, 0.0);
}

void build_samplers(World& world) {
  world.samplers.assign(world.sector_count, SectorSampler{});
  for (SectorIndex k = 0; k < world.sector_count; ++k) {
    SectorSampler& sampler = world.samplers[k];
    std::size_t candidates = world.firms_by_sector_begin[k + 1] - world.firms_by_sector_begin[k];
    for (const Pool& pool : world.pools)
      if (pool.sector == k) candidates += pool.slot_count;
    sampler.candidates.reserve(candidates);  // exactly: memory is estimated before the build
    for (std::uint32_t f = world.firms_by_sector_begin[k]; f < world.firms_by_sector_begin[k + 1];
         ++f)
      sampler.candidates.push_back(static_cast<std::int32_t>(f));
    for (const Pool& pool : world.pools) {
      if (pool.sector != k) continue;
      for (std::uint32_t s = 0; s < pool.slot_count; ++s)
        sampler.candidates.push_back(
            static_cast<std::int32_t>(world.intermediary_offer(pool.first_slot + s)));
    }
    // Local plants last, so that a world without them samples exactly as before.
    for (std::uint32_t f = world.local_plants_by_sector_begin[k];
         f < world.local_plants_by_sector_begin[k + 1]; ++f)
      sampler.candidates.push_back(static_cast<std::int32_t>(f));
    const std::size_t n = sampler.candidates.size();
    sampler.columns.assign(n, AliasColumn{});
    sampler.scaled.assign(n, 0.0);
    sampler.small_scratch.assign(n, 0);
    sampler.large_scratch.assign(n, 0);
  }
}

}  // namespace

World build_world(const ScenarioDescription& scenario) {
  World world;
  world.state_count = scenario.states.size();
  world.sector_count = scenario.sectors.size();
  world.hubs = scenario.hubs();
  world.is_coalition.assign(world.state_count, 0);
  for (StateIndex s = 0; s < world.state_count; ++s)
    world.is_coalition[s] = scenario.in_bloc(s, "coalition");
  const std::vector<std::int32_t> rule_of = local_content_rule_by_pair(scenario);
  build_firms(scenario, rule_of, world);
  add_local_plants(scenario, rule_of, world);
  build_intermediaries(scenario, world);
  build_buyers(scenario, world);
  if (world.firms.count + world.intermediaries.count > std::size_t{INT32_MAX})
    throw ScenarioError({scenario.source_path, 0, 0}, "firms",
                        "more than 2^31 firms and intermediary slots");
  if (world.buyers.count * world.buyers.slots > std::size_t{UINT32_MAX})
    throw ScenarioError({scenario.source_path, 0, 0}, "buyers",
                        "more than 2^32 buyer offer slots (buyers x (loyal_slots + search))");
  build_offers(world);
  index_pools(world);
  build_samplers(world);
  const std::size_t quota_groups = world.sector_count * world.state_count;
  world.quota_left.assign(quota_groups, 0.0);
  world.quota_requested.assign(quota_groups, 0.0);
  world.unbranded_left.assign(world.sector_count, 0.0);
  world.unbranded_requested.assign(world.sector_count, 0.0);
  return world;
}

}  // namespace chokepoint
