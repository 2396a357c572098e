#include "chokepoint/world/memory_estimate.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace chokepoint {

namespace {

// What an array is indexed by, which fixes its length from the description alone.
enum class Extent : std::size_t {
  Firms,
  Slots,       // intermediary slots: incumbents and entry reserves
  Offers,      // firms and intermediary slots
  Candidates,  // entries of the sector samplers: every offer, once
  Buyers,
  BuyerSlots,  // buyers x offers considered per buyer
  States,
  Sectors,
  Pairs,         // sectors x states
  SectorRoutes,  // sectors x routes
  Hubs,
  Pools,
  AdaptivePairs,  // adaptive quota rules x pairs
  Subsidies,
  Enforcements,
  EnforcementStates,
  Count
};
constexpr std::size_t kExtents = static_cast<std::size_t>(Extent::Count);

// The arrays below are listed once and used both ways: the estimate multiplies element sizes
// by lengths from the description, the measurement sums capacities. A member added to one of
// these structs without being listed changes its size and stops the build here.
constexpr std::size_t kVector = sizeof(std::vector<double>);
static_assert(sizeof(Firms) == 2 * sizeof(std::size_t) + 34 * kVector,
              "list new Firms arrays below");
static_assert(sizeof(Intermediaries) == sizeof(std::size_t) + 9 * kVector,
              "list new Intermediaries arrays below");
static_assert(sizeof(Buyers) == 2 * sizeof(std::size_t) + 10 * kVector,
              "list new Buyers arrays below");
static_assert(sizeof(Offers) == sizeof(std::size_t) + 19 * kVector, "list new Offers arrays below");
static_assert(sizeof(RequestIndex) == 3 * kVector, "list new RequestIndex arrays below");
static_assert(sizeof(SectorSampler) == 5 * kVector + sizeof(std::size_t) + sizeof(double),
              "list new SectorSampler arrays below");
static_assert(sizeof(World) == 2 * sizeof(std::size_t) + 15 * kVector + sizeof(Firms) +
                                   sizeof(Intermediaries) + sizeof(Buyers) + sizeof(Offers) +
                                   sizeof(RequestIndex),
              "list new World arrays below");
// PolicyState's two budget years are 32-bit, each padded to 8 bytes, and its flag too;
// ImportHistory's
// base_steps likewise.
static_assert(sizeof(PolicyState) ==
                  2 * sizeof(std::size_t) + 25 * kVector + 2 * 8 + sizeof(double) + 8,
              "list new PolicyState arrays below");
static_assert(sizeof(ImportHistory) == 5 * kVector + sizeof(std::int64_t),
              "list new ImportHistory arrays below");
static_assert(sizeof(StepTotals) == 6 * kVector + sizeof(double),
              "list new StepTotals arrays below");

// `visit(array, extent, extra)`: the array has length(extent) + extra elements.
template <typename WorldRef, typename Visit>
void for_each_array(WorldRef& world, Visit&& visit) {
  visit(world.hubs, Extent::Hubs, 0);
  visit(world.is_coalition, Extent::States, 0);
  auto& f = world.firms;
  for (auto* array : {&f.state, &f.sector})
    visit(*array, Extent::Firms, 0);
  for (auto* array :
       {&f.domestic, &f.branded, &f.designated, &f.exited_target, &f.newly_designated})
    visit(*array, Extent::Firms, 0);
  for (auto* array : {&f.quality,
                      &f.coalition_revenue,
                      &f.risk_aversion,
                      &f.compliance,
                      &f.line_position,
                      &f.base_unit_cost,
                      &f.initial_experience,
                      &f.capacity,
                      &f.cumulative_output,
                      &f.unit_cost,
                      &f.markup,
                      &f.utilisation,
                      &f.pending_capacity,
                      &f.price,
                      &f.risk_premium,
                      &f.effective_capacity,
                      &f.offered,
                      &f.sales,
                      &f.subsidy_claim,
                      &f.relocating,
                      &f.contract_units})
    visit(*array, Extent::Firms, 0);
  for (auto* array : {&f.local_plant, &f.owner, &f.relocation_ready_step})
    visit(*array, Extent::Firms, 0);
  visit(f.channel, Extent::Firms, 0);
  visit(f.pool, Extent::Firms, 0);
  visit(f.pending_ready_step, Extent::Firms, 0);
  auto& m = world.intermediaries;
  visit(m.pool, Extent::Slots, 0);
  visit(m.status, Extent::Slots, 0);
  for (auto* array : {&m.capacity, &m.base_markup, &m.markup, &m.sell_through, &m.document_quality,
                      &m.risk_premium})
    visit(*array, Extent::Slots, 0);
  visit(m.detected, Extent::Slots, 0);
  visit(world.pools, Extent::Pools, 0);
  auto& b = world.buyers;
  visit(b.sector, Extent::Buyers, 0);
  visit(b.population, Extent::Buyers, 0);
  for (auto* array : {&b.base_demand, &b.demand, &b.unmet})
    visit(*array, Extent::Buyers, 0);
  visit(b.slot_offer, Extent::BuyerSlots, 0);
  for (auto* array : {&b.slot_weight, &b.slot_request, &b.slot_received})
    visit(*array, Extent::BuyerSlots, 0);
  visit(b.slot_loyal, Extent::BuyerSlots, 0);
  auto& o = world.offers;
  for (auto* array : {&o.quantity, &o.price, &o.delivered_price, &o.log_price_ratio, &o.quality,
                      &o.reliability, &o.remaining, &o.requested, &o.fill, &o.sold, &o.unbranded,
                      &o.remaining_unbranded, &o.sold_unbranded, &o.unbranded_served})
    visit(*array, Extent::Offers, 0);
  visit(o.shipper, Extent::Offers, 0);
  visit(o.sector, Extent::Offers, 0);
  visit(o.route, Extent::Offers, 0);
  visit(o.open, Extent::Offers, 0);
  visit(o.seized, Extent::Offers, 0);
  visit(world.requests.row_start, Extent::Offers, 1);
  visit(world.requests.entries, Extent::BuyerSlots, 0);
  visit(world.requests.fill, Extent::Offers, 0);
  visit(world.samplers, Extent::Sectors, 0);  // the sampler objects; their arrays below
  visit(world.quota_left, Extent::Pairs, 0);
  visit(world.quota_requested, Extent::Pairs, 0);
  visit(world.uncovered_pool_paying_capacity, Extent::Pairs, 0);
  visit(world.uncovered_pool_reach, Extent::Pairs, 0);
  visit(world.covered_pool_paying_capacity, Extent::Pairs, 0);
  visit(world.covered_pool_reach, Extent::Pairs, 0);
  visit(world.firms_by_sector_begin, Extent::Sectors, 1);
  visit(world.local_plants_by_sector_begin, Extent::Sectors, 1);
  for (auto* array : {&world.unbranded_left, &world.unbranded_requested})
    visit(*array, Extent::Sectors, 0);
  visit(world.pools_by_sector, Extent::Sectors, 0);  // one list per sector; entries below
}

template <typename SamplerRef, typename Visit>
void for_each_sampler_array(SamplerRef& sampler, Visit&& visit) {
  visit(sampler.candidates, Extent::Candidates, 0);
  visit(sampler.columns, Extent::Candidates, 0);
  visit(sampler.scaled, Extent::Candidates, 0);
  visit(sampler.small_scratch, Extent::Candidates, 0);
  visit(sampler.large_scratch, Extent::Candidates, 0);
}

template <typename PolicyRef, typename Visit>
void for_each_array_of_policy(PolicyRef& p, Visit&& visit) {
  for (auto* array : {&p.control_coverage, &p.control_end_use_checks, &p.quota_cap, &p.tariff,
                      &p.local_content_required, &p.local_content_planned})
    visit(*array, Extent::Pairs, 0);
  visit(p.quota_active, Extent::Pairs, 0);
  visit(p.adaptive_quota_fired, Extent::AdaptivePairs, 0);
  for (auto* array : {&p.input_control, &p.production_subsidy, &p.investment_subsidy,
                      &p.guaranteed_offtake, &p.unbranded_cap})
    visit(*array, Extent::Sectors, 0);
  visit(p.unbranded_active, Extent::Sectors, 0);
  visit(p.subsidy_policy, Extent::Sectors, 0);
  for (auto* array :
       {&p.firm_sanction_intensity, &p.intermediary_sanction_intensity, &p.penalty_months})
    visit(*array, Extent::Pairs, 0);
  for (auto* array : {&p.enforcement, &p.payment_rejection, &p.payment_cost})
    visit(*array, Extent::States, 0);
  for (auto* array : {&p.subsidy_budget_left, &p.subsidy_claims})
    visit(*array, Extent::Subsidies, 0);
  visit(p.enforcement_extra, Extent::EnforcementStates, 0);
  visit(p.enforcement_budget_left, Extent::Enforcements, 0);
}

template <typename HistoryRef, typename Visit>
void for_each_array_of_history(HistoryRef& h, Visit&& visit) {
  visit(h.imports_by_sector, Extent::Sectors, 0);
  visit(h.imports_by_sector_origin, Extent::Pairs, 0);
  visit(h.coalition_exports_by_state, Extent::States, 0);
  visit(h.coalition_exports_base_sum, Extent::States, 0);
  visit(h.average_price, Extent::Sectors, 0);
}

template <typename TotalsRef, typename Visit>
void for_each_array_of_totals(TotalsRef& t, Visit&& visit) {
  for (auto* array : {&t.unmet_by_sector, &t.subsidy_paid, &t.subsidy_claims})
    visit(*array, Extent::Sectors, 0);
  visit(t.entered_by_hub, Extent::Hubs, 0);
  visit(t.designated_by_hub, Extent::Hubs, 0);
  visit(t.units_by_sector_route, Extent::SectorRoutes, 0);
}

// Sums what the visited arrays hold.
struct Measure {
  std::uint64_t bytes = 0;
  template <typename T>
  void operator()(const std::vector<T>& array, Extent, std::uint64_t) {
    bytes += array.capacity() * sizeof(T);
  }
};

// Adds up, per extent, the bytes one element of it costs over all visited arrays.
struct Tally {
  std::array<std::uint64_t, kExtents> per_element{};
  std::uint64_t fixed = 0;  // the `extra` elements
  template <typename T>
  void operator()(const std::vector<T>&, Extent extent, std::uint64_t extra) {
    per_element[static_cast<std::size_t>(extent)] += sizeof(T);
    fixed += extra * sizeof(T);
  }
  std::uint64_t operator[](Extent extent) const {
    return per_element[static_cast<std::size_t>(extent)];
  }
};

struct Lengths {
  std::array<std::uint64_t, kExtents> of{};
  std::uint64_t buyer_slots = 0;  // offers considered per buyer
  std::uint64_t operator[](Extent extent) const { return of[static_cast<std::size_t>(extent)]; }
};

std::uint64_t slots_of(const IntermediaryPopulation& population) {
  return std::uint64_t{population.count} + population.entry.reserve;
}

// As build_world and make_policy_state size them.
Lengths lengths_of(const ScenarioDescription& scenario) {
  Lengths lengths;
  auto set = [&](Extent extent, std::uint64_t length) {
    lengths.of[static_cast<std::size_t>(extent)] = length;
  };
  std::uint64_t slots = 0;
  for (const IntermediaryPopulation& population : scenario.intermediaries)
    slots += slots_of(population);
  std::uint32_t search = 1;
  for (const BuyerPopulation& population : scenario.buyers)
    search = std::max(search, population.search);
  lengths.buyer_slots = std::min(kMaxBuyerSlots, scenario.behaviour.loyal_slots + search);
  // Local plants are firms too, after the scenario's own.
  const std::uint64_t firms = scenario.firm_count() + scenario.local_plant_count();
  const std::uint64_t buyers = scenario.buyer_count();
  const std::uint64_t states = scenario.states.size();
  const std::uint64_t sectors = scenario.sectors.size();
  const Policies& policies = scenario.policies;
  set(Extent::Firms, firms);
  set(Extent::Slots, slots);
  set(Extent::Offers, firms + slots);
  set(Extent::Candidates, firms + slots);
  set(Extent::Buyers, buyers);
  set(Extent::BuyerSlots, buyers * lengths.buyer_slots);
  set(Extent::States, states);
  set(Extent::Sectors, sectors);
  set(Extent::Pairs, states * sectors);
  set(Extent::SectorRoutes, sectors * kRouteCount);
  set(Extent::Hubs, scenario.hubs().size());
  set(Extent::Pools, scenario.intermediaries.size());
  set(Extent::AdaptivePairs, policies.adaptive_quotas.size() * states * sectors);
  set(Extent::Subsidies, policies.import_subsidies.size());
  set(Extent::Enforcements, policies.enforcement.size());
  set(Extent::EnforcementStates, policies.enforcement.size() * states);
  return lengths;
}

// Bytes of the arrays whose extents are per state, sector, hub, pool or policy.
std::uint64_t table_bytes(const Tally& tally, const Lengths& lengths) {
  std::uint64_t bytes = tally.fixed;
  for (Extent extent : {Extent::States, Extent::Sectors, Extent::Pairs, Extent::SectorRoutes,
                        Extent::Hubs, Extent::Pools, Extent::AdaptivePairs, Extent::Subsidies,
                        Extent::Enforcements, Extent::EnforcementStates})
    bytes += tally[extent] * lengths[extent];
  return bytes;
}

}  // namespace

MemoryEstimate estimate_memory(const ScenarioDescription& scenario) {
  const Lengths lengths = lengths_of(scenario);
  // Element sizes come from empty objects, which allocate nothing.
  const World empty_world;
  const SectorSampler empty_sampler;
  const std::vector<std::uint32_t> empty_pool_list;
  Tally world;
  for_each_array(empty_world, world);
  for_each_sampler_array(empty_sampler, world);
  world(empty_pool_list, Extent::Pools, 0);  // entries of pools_by_sector
  const PolicyState empty_policy;
  const ImportHistory empty_history;
  const StepTotals empty_totals;
  Tally step;
  for_each_array_of_policy(empty_policy, step);
  for_each_array_of_history(empty_history, step);
  for_each_array_of_totals(empty_totals, step);

  const std::uint64_t per_firm =
      world[Extent::Firms] + world[Extent::Offers] + world[Extent::Candidates];
  const std::uint64_t per_slot =
      world[Extent::Slots] + world[Extent::Offers] + world[Extent::Candidates];
  const std::uint64_t per_buyer =
      world[Extent::Buyers] + lengths.buyer_slots * world[Extent::BuyerSlots];
  MemoryEstimate estimate;
  for (const FirmPopulation& population : scenario.firms)
    estimate.firm_populations.push_back(population.count * per_firm);
  for (const IntermediaryPopulation& population : scenario.intermediaries)
    estimate.intermediary_populations.push_back(slots_of(population) * per_slot);
  for (const BuyerPopulation& population : scenario.buyers)
    estimate.buyer_populations.push_back(population.count * per_buyer);
  estimate.firms = lengths[Extent::Firms] * per_firm;
  estimate.intermediaries = lengths[Extent::Slots] * per_slot;
  estimate.buyers = lengths[Extent::Buyers] * per_buyer;
  estimate.world_tables = table_bytes(world, lengths);
  estimate.step_tables = table_bytes(step, lengths);
  estimate.metrics = MetricsBuffer::bytes_needed(scenario);
  return estimate;
}

std::string MemoryEstimate::describe() const {
  std::vector<std::pair<std::uint64_t, const char*>> parts = {
      {firms, "firms"},
      {intermediaries, "intermediaries"},
      {buyers, "buyers"},
      {metrics, "metrics"},
      {world_tables + step_tables, "tables"}};
  std::stable_sort(parts.begin(), parts.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string text = format_memory_size(total()) + " (";
  bool first = true;
  for (const auto& [bytes, name] : parts) {
    if (bytes == 0) continue;
    text += (first ? "" : ", ") + std::string(name) + " " + format_memory_size(bytes);
    first = false;
  }
  return text + ")";
}

std::uint64_t measure_memory(const World& world) {
  Measure measure;
  for_each_array(world, measure);
  for (const SectorSampler& sampler : world.samplers)
    for_each_sampler_array(sampler, measure);
  for (const std::vector<std::uint32_t>& pools : world.pools_by_sector)
    measure(pools, Extent::Pools, 0);
  return measure.bytes;
}

std::uint64_t measure_memory(const PolicyState& policy) {
  Measure measure;
  for_each_array_of_policy(policy, measure);
  return measure.bytes;
}

std::uint64_t measure_memory(const ImportHistory& history) {
  Measure measure;
  for_each_array_of_history(history, measure);
  return measure.bytes;
}

std::uint64_t measure_memory(const StepTotals& totals) {
  Measure measure;
  for_each_array_of_totals(totals, measure);
  return measure.bytes;
}

}  // namespace chokepoint
