#include <algorithm>
#include <array>
#include <cmath>

#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/offer_sampler.hpp"
#include "chokepoint/phases/step_context.hpp"
#include "util/parallel.hpp"

namespace chokepoint {

namespace {

constexpr double kNegligible = 1e-9;  // units: below this a quantity counts as zero

// A buyer keeps its largest current suppliers that still offer, then samples new offers in
// proportion to quantity (search is costly: a bounded set keeps a step linear in agents).
void choose_considered_set(const StepContext& context, std::size_t b) {
  const ScenarioDescription& scenario = context.scenario;
  World& world = context.world;
  Buyers& buyers = world.buyers;
  const Offers& offers = world.offers;
  const std::uint32_t slots = buyers.slots;
  const std::size_t base = b * slots;
  const BuyerPopulation& population = scenario.buyers[buyers.population[b]];

  std::array<std::int32_t, kMaxBuyerSlots> kept{};
  std::array<double, kMaxBuyerSlots> kept_volume{};
  std::uint32_t kept_count = 0;
  for (std::uint32_t s = 0; s < slots; ++s) {
    const std::int32_t offer = buyers.slot_offer[base + s];
    const double volume = buyers.slot_received[base + s];
    if (offer < 0 || volume <= kNegligible ||
        offers.quantity[static_cast<std::size_t>(offer)] <= 0.0)
      continue;
    kept[kept_count] = offer;
    kept_volume[kept_count] = volume;
    ++kept_count;
  }
  // Largest first; ties by offer id so the order never depends on slot history.
  for (std::uint32_t i = 1; i < kept_count; ++i)
    for (std::uint32_t j = i; j > 0; --j) {
      const bool swap = kept_volume[j] > kept_volume[j - 1] ||
                        (kept_volume[j] == kept_volume[j - 1] && kept[j] < kept[j - 1]);
      if (!swap) break;
      std::swap(kept[j], kept[j - 1]);
      std::swap(kept_volume[j], kept_volume[j - 1]);
    }
  kept_count = std::min(kept_count, scenario.behaviour.loyal_slots);

  std::uint32_t filled = 0;
  for (; filled < kept_count; ++filled) {
    buyers.slot_offer[base + filled] = kept[filled];
    buyers.slot_loyal[base + filled] = 1;
  }
  RandomStream stream(scenario.seed, world.buyer_id(b), static_cast<std::uint32_t>(context.step),
                      Purpose::Search);
  const SectorSampler& sampler = world.samplers[buyers.sector[b]];
  for (std::uint32_t draw = 0; draw < population.search && filled < slots; ++draw) {
    const std::int32_t offer = sample_offer(sampler, stream);
    if (offer < 0) break;
    // Rounding in the alias table can leave a zero-weight column drawable: never consider an
    // offer with nothing to sell.
    if (offers.quantity[static_cast<std::size_t>(offer)] <= 0.0) continue;
    bool duplicate = false;
    for (std::uint32_t s = 0; s < filled; ++s)
      duplicate |= buyers.slot_offer[base + s] == offer;
    if (duplicate) continue;
    buyers.slot_offer[base + filled] = offer;
    buyers.slot_loyal[base + filled] = 0;
    ++filled;
  }
  for (std::uint32_t s = filled; s < slots; ++s) {
    buyers.slot_offer[base + s] = -1;
    buyers.slot_loyal[base + s] = 0;
  }

  // Logit weights, shifted by the best utility so exp() never overflows.
  const SectorDesc& sector = scenario.sectors[buyers.sector[b]];
  std::array<double, kMaxBuyerSlots> utility{};
  double best = -1e300;
  for (std::uint32_t s = 0; s < filled; ++s) {
    const auto o = static_cast<std::size_t>(buyers.slot_offer[base + s]);
    utility[s] =
        offer_utility(population, offers.log_price_ratio[o], offers.quality[o],
                      offers.reliability[o], offers.shipper[o], buyers.slot_loyal[base + s] != 0);
    best = std::max(best, utility[s]);
  }
  double total_weight = 0.0, weighted_price = 0.0;
  for (std::uint32_t s = 0; s < slots; ++s) {
    const double weight = s < filled ? std::exp(utility[s] - best) : 0.0;
    buyers.slot_weight[base + s] = weight;
    buyers.slot_received[base + s] = 0.0;
    buyers.slot_request[base + s] = 0.0;
    total_weight += weight;
    if (s < filled)
      weighted_price +=
          weight * offers.delivered_price[static_cast<std::size_t>(buyers.slot_offer[base + s])];
  }
  // Demand responds to the price the buyer expects to pay across its options.
  double demand = buyers.base_demand[b];
  if (total_weight > 0.0) {
    const double price = weighted_price / total_weight;
    demand *= std::pow(price / sector.base_price, -sector.price_elasticity);
  }
  buyers.demand[b] = demand;
  buyers.unmet[b] = demand;
}

// Groups every (buyer, slot) request by offer with a counting sort in buyer order: the sums
// per offer then run over a fixed sequence whatever the thread count.
void index_requests(World& world) {
  const Buyers& buyers = world.buyers;
  RequestIndex& index = world.requests;
  std::fill(index.row_start.begin(), index.row_start.end(), 0u);
  const std::size_t entries = buyers.slot_offer.size();
  for (std::size_t e = 0; e < entries; ++e)
    if (buyers.slot_offer[e] >= 0)
      ++index.row_start[static_cast<std::size_t>(buyers.slot_offer[e]) + 1];
  for (std::size_t o = 0; o < world.offers.count; ++o)
    index.row_start[o + 1] += index.row_start[o];
  std::copy(index.row_start.begin(), index.row_start.end() - 1, index.fill.begin());
  for (std::size_t e = 0; e < entries; ++e) {
    const std::int32_t offer = buyers.slot_offer[e];
    if (offer >= 0)
      index.entries[index.fill[static_cast<std::size_t>(offer)]++] = static_cast<std::uint32_t>(e);
  }
}

std::size_t quota_group(const World& world, std::size_t offer) {
  return world.offers.sector[offer] * world.state_count + world.offers.shipper[offer];
}

bool under_quota(const World& world, const PolicyState& policy, std::size_t offer) {
  return world.offers.route[offer] != Route::Domestic &&
         policy.quota_active[quota_group(world, offer)] != 0;
}

// Limits on unbranded equipment bind on imports of the covered sectors; domestic producers
// are exempt.
bool under_unbranded_limit(const World& world, const PolicyState& policy, std::size_t offer) {
  return world.offers.route[offer] != Route::Domestic &&
         policy.unbranded_active[world.offers.sector[offer]] != 0;
}

// An offer under a limit can still serve while it has branded goods left or its sector's
// unbranded allowance is not used up.
bool unbranded_open(const World& world, const PolicyState& policy, std::size_t offer) {
  if (!under_unbranded_limit(world, policy, offer)) return true;
  const Offers& offers = world.offers;
  return offers.remaining[offer] - offers.remaining_unbranded[offer] > kNegligible ||
         world.unbranded_left[offers.sector[offer]] > kNegligible;
}

// The unbranded part of what an offer under a limit would ship this round after capacity and
// origin quotas: an intermediary holding a mixed consignment ships its branded goods first,
// since they clear customs freely (a firm's offer is wholly branded or wholly unbranded).
double unbranded_part(const Offers& offers, std::size_t offer) {
  const double shipped = offers.requested[offer] * offers.fill[offer];
  const double branded_left = offers.remaining[offer] - offers.remaining_unbranded[offer];
  return std::clamp(shipped - branded_left, 0.0, offers.remaining_unbranded[offer]);
}

// The rest of a round's allocation for offers that no limit on unbranded equipment covers:
// what they ship keeps their brand mix.
void serve(Offers& offers, std::size_t o) {
  const double served = offers.requested[o] * offers.fill[o];
  offers.sold[o] += served;
  offers.remaining[o] = std::max(0.0, offers.remaining[o] - served);
  const double unbranded = served * offers.unbranded[o];
  offers.sold_unbranded[o] += unbranded;
  offers.remaining_unbranded[o] = std::max(0.0, offers.remaining_unbranded[o] - unbranded);
}

// Limits on unbranded equipment, as a quota whose group is the sector and whose count is the
// unbranded part of each request: pro-rata fill per sector, summed in offer order. An offer's
// fill becomes (branded part + unbranded part x the sector's unbranded fill) / requested.
void ration_unbranded(World& world, const PolicyState& policy) {
  Offers& offers = world.offers;
  std::fill(world.unbranded_requested.begin(), world.unbranded_requested.end(), 0.0);
  for (std::size_t o = 0; o < offers.count; ++o)
    if (offers.requested[o] > 0.0 && under_unbranded_limit(world, policy, o))
      world.unbranded_requested[offers.sector[o]] += unbranded_part(offers, o);

  parallel_over(offers.count, [&](std::size_t o) {
    offers.unbranded_served[o] = 0.0;
    if (offers.requested[o] <= 0.0 || !under_unbranded_limit(world, policy, o)) return;
    const SectorIndex k = offers.sector[o];
    const double shipped = offers.requested[o] * offers.fill[o];
    const double unbranded = unbranded_part(offers, o);
    const double left = std::max(0.0, world.unbranded_left[k]);
    const double allowed = world.unbranded_requested[k] > left
                               ? unbranded * left / world.unbranded_requested[k]
                               : unbranded;
    const double served = shipped - unbranded + allowed;
    offers.fill[o] = served / offers.requested[o];
    offers.unbranded_served[o] = allowed;
    offers.sold[o] += served;
    offers.sold_unbranded[o] += allowed;
    offers.remaining[o] = std::max(0.0, offers.remaining[o] - served);
    offers.remaining_unbranded[o] = std::max(0.0, offers.remaining_unbranded[o] - allowed);
  });

  for (std::size_t o = 0; o < offers.count; ++o)
    if (offers.unbranded_served[o] > 0.0)
      world.unbranded_left[offers.sector[o]] -= offers.unbranded_served[o];
}

// One rationing round: buyers spread their unmet demand over the open offers by logit share,
// offers, quotas and limits on unbranded equipment serve requests pro rata to what they have
// left.
void rationing_round(StepContext& context) {
  World& world = context.world;
  Buyers& buyers = world.buyers;
  Offers& offers = world.offers;
  const PolicyState& policy = context.policy;
  const std::uint32_t slots = buyers.slots;

  parallel_over(buyers.count, [&](std::size_t b) {
    const std::size_t base = b * slots;
    double open_weight = 0.0;
    for (std::uint32_t s = 0; s < slots; ++s) {
      const std::int32_t o = buyers.slot_offer[base + s];
      if (o >= 0 && offers.open[static_cast<std::size_t>(o)])
        open_weight += buyers.slot_weight[base + s];
    }
    const double need = buyers.unmet[b];
    for (std::uint32_t s = 0; s < slots; ++s) {
      const std::int32_t o = buyers.slot_offer[base + s];
      const bool open = o >= 0 && offers.open[static_cast<std::size_t>(o)];
      buyers.slot_request[base + s] = open && need > kNegligible && open_weight > 0.0
                                          ? need * buyers.slot_weight[base + s] / open_weight
                                          : 0.0;
    }
  });

  const RequestIndex& index = world.requests;
  parallel_over(offers.count, [&](std::size_t o) {
    double requested = 0.0;
    for (std::uint32_t e = index.row_start[o]; e < index.row_start[o + 1]; ++e)
      requested += buyers.slot_request[index.entries[e]];
    offers.requested[o] = requested;
  });

  // Quotas: pro-rata fill per (sector, declared origin), summed in offer order.
  std::fill(world.quota_requested.begin(), world.quota_requested.end(), 0.0);
  for (std::size_t o = 0; o < offers.count; ++o)
    if (offers.requested[o] > 0.0 && under_quota(world, policy, o)) {
      const double capped = std::min(offers.requested[o], offers.remaining[o]);
      world.quota_requested[quota_group(world, o)] += capped;
    }

  parallel_over(offers.count, [&](std::size_t o) {
    const double requested = offers.requested[o];
    if (requested <= 0.0) {
      offers.fill[o] = 0.0;
      return;
    }
    double fill = std::min(1.0, offers.remaining[o] / requested);
    if (under_quota(world, policy, o)) {
      const std::size_t g = quota_group(world, o);
      const double group_requested = world.quota_requested[g];
      if (group_requested > world.quota_left[g])
        fill *= std::max(0.0, world.quota_left[g]) / group_requested;
    }
    offers.fill[o] = fill;
    if (!under_unbranded_limit(world, policy, o)) serve(offers, o);
  });
  if (policy.any_unbranded_limit) ration_unbranded(world, policy);

  for (std::size_t o = 0; o < offers.count; ++o)
    if (offers.requested[o] > 0.0 && under_quota(world, policy, o))
      world.quota_left[quota_group(world, o)] -= offers.requested[o] * offers.fill[o];

  parallel_over(offers.count, [&](std::size_t o) {
    const bool quota_open =
        !under_quota(world, policy, o) || world.quota_left[quota_group(world, o)] > kNegligible;
    offers.open[o] =
        offers.remaining[o] > kNegligible && quota_open && unbranded_open(world, policy, o);
  });

  parallel_over(buyers.count, [&](std::size_t b) {
    const std::size_t base = b * slots;
    double received = 0.0;
    for (std::uint32_t s = 0; s < slots; ++s) {
      const std::int32_t o = buyers.slot_offer[base + s];
      if (o < 0) continue;
      const double got = buyers.slot_request[base + s] * offers.fill[static_cast<std::size_t>(o)];
      buyers.slot_received[base + s] += got;
      received += got;
    }
    buyers.unmet[b] = std::max(0.0, buyers.unmet[b] - received);
  });
}

}  // namespace

// Phase 3: buyers choose among a bounded set of offers by multinomial logit; capacity, quotas
// and limits on unbranded equipment ration demand over a fixed number of rounds; what is left is
// unmet demand.
void match_buyers(StepContext& context) {
  World& world = context.world;
  Offers& offers = world.offers;
  for (SectorSampler& sampler : world.samplers)
    rebuild_sampler(sampler, offers);
  const PolicyState& policy = context.policy;
  for (std::size_t g = 0; g < world.quota_left.size(); ++g)
    world.quota_left[g] = policy.quota_active[g] ? policy.quota_cap[g] : 0.0;
  for (std::size_t k = 0; k < world.unbranded_left.size(); ++k)
    world.unbranded_left[k] = policy.unbranded_active[k] ? policy.unbranded_cap[k] : 0.0;
  const ScenarioDescription& scenario = context.scenario;
  parallel_over(offers.count, [&](std::size_t o) {
    if (offers.quantity[o] > 0.0) {
      // The target's tariff falls on the declared origin: buyers compare prices with duty.
      const double tariff =
          offers.route[o] == Route::Domestic
              ? 0.0
              : policy.tariff[policy.quota_at(offers.sector[o], offers.shipper[o])];
      offers.delivered_price[o] = offers.price[o] * (1.0 + tariff);
      offers.log_price_ratio[o] =
          std::log(offers.delivered_price[o] / scenario.sectors[offers.sector[o]].base_price);
    }
    offers.remaining[o] = offers.quantity[o];
    offers.remaining_unbranded[o] = offers.quantity[o] * offers.unbranded[o];
    offers.sold[o] = 0.0;
    offers.sold_unbranded[o] = 0.0;
    offers.seized[o] = 0;
    offers.open[o] =
        offers.quantity[o] > kNegligible &&
        (!under_quota(world, policy, o) || world.quota_left[quota_group(world, o)] > kNegligible) &&
        unbranded_open(world, policy, o);
  });
  parallel_over(world.buyers.count, [&](std::size_t b) { choose_considered_set(context, b); });
  index_requests(world);
  for (std::uint32_t round = 0; round < context.scenario.behaviour.rationing_rounds; ++round)
    rationing_round(context);
}

}  // namespace chokepoint
