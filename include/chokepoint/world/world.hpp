#pragma once

// The simulated world: every agent's state in structure-of-arrays storage. All arrays are sized
// when the world is built (entrants take pre-reserved slots), so a step never allocates.

#include <cstdint>
#include <vector>

#include "chokepoint/scenario/description.hpp"

namespace chokepoint {

// How a firm serves the target this step.
enum class Channel : std::uint8_t { Direct = 0, Intermediary = 1, Abstain = 2 };
inline constexpr int kChannelCount = 3;

// How goods reach the target: straight from a foreign maker, through an intermediary in a hub,
// or from a producer inside the target.
enum class Route : std::uint8_t { Direct = 0, Intermediary = 1, Domestic = 2 };
inline constexpr int kRouteCount = 3;

enum class IntermediaryStatus : std::uint8_t { Vacant = 0, Active = 1, Designated = 2 };

struct Firms {
  std::size_t count = 0;
  // Firms [0, original_count) come from the scenario's populations, sorted by sector. After
  // them come the local plants ("twins") that foreign firms covered by a local-content rule
  // may move capacity into: domestic producers in the target, dormant (capacity 0) until a
  // relocation completes, also sorted by sector. Without local-content rules there are none.
  std::size_t original_count = 0;
  // Fixed at build time.
  std::vector<StateIndex> state;
  std::vector<SectorIndex> sector;
  std::vector<std::uint8_t> domestic;  // home state is the target
  std::vector<std::uint8_t> branded;
  std::vector<double> quality;
  std::vector<double> coalition_revenue;  // USD/month
  std::vector<double> risk_aversion;
  std::vector<double> compliance;  // share of covered goods kept out of hub channels
  // Position of the firm's product line in [0,1): covered by a control of coverage c iff < c.
  std::vector<double> line_position;
  std::vector<double> base_unit_cost;
  std::vector<double> initial_experience;  // units counted as past output for learning
  std::vector<std::int32_t> local_plant;   // a covered foreign firm's plant in the target, or -1
  std::vector<std::int32_t> owner;         // a local plant's foreign owner, or -1
  // Dynamic state.
  std::vector<double> capacity;  // units/month, before input controls
  std::vector<double> cumulative_output;
  std::vector<double> unit_cost;
  std::vector<double> markup;
  std::vector<double> utilisation;  // smoothed
  std::vector<Channel> channel;
  std::vector<std::int32_t> pool;  // intermediary pool used by the intermediary channel, or -1
  std::vector<std::uint8_t> designated;
  std::vector<std::uint8_t> exited_target;  // designated and chose to leave target trade
  std::vector<double> pending_capacity;
  std::vector<std::int32_t> pending_ready_step;
  // Capacity (units/month) an owner is moving into its local plant, and when it arrives.
  std::vector<double> relocating;
  std::vector<std::int32_t> relocation_ready_step;
  // Per-step results.
  std::vector<double> price;  // USD/unit to buyers (direct) before discounts, with risk premium
  std::vector<double> risk_premium;        // USD/unit of `price`: the maker's sanction-risk premium
  std::vector<double> effective_capacity;  // after input controls
  std::vector<double> offered;             // units/month offered on the chosen channel
  std::vector<double> sales;               // units/month sold to the target market
  std::vector<double> subsidy_claim;       // USD this step, before the budget cap
  std::vector<double> contract_units;      // units/month the state bought under contract
  std::vector<std::uint8_t> newly_designated;
};

// Trading companies in hub states. A pool is one intermediary population (hub x sector): its
// slots are [first_slot, first_slot + initial + reserve); entrants fill vacant slots in order.
struct Pool {
  std::uint32_t population = 0;
  StateIndex hub = 0;
  std::uint32_t hub_index = 0;  // position in the world's hub list
  SectorIndex sector = 0;
  std::uint32_t first_slot = 0;
  std::uint32_t slot_count = 0;
  std::uint32_t next_vacant = 0;  // slots below this have been used
  // Aggregates of the firms supplying the pool this step.
  double supply = 0.0;                // units/month offered by firms
  double supply_value = 0.0;          // USD/month at wholesale prices (what the makers get)
  double supply_maker_premium = 0.0;  // USD/month of it that is the makers' risk premium
  // USD/month the distributors add on the part of the supply whose makers' lines are covered
  // by a control in force: those goods reach the traders through a distributor.
  double supply_distributor = 0.0;
  double supply_normal_value = 0.0;  // USD/month at the makers' normal prices (sold elsewhere)
  double supply_quality = 0.0;       // quantity-weighted mean quality
  double supply_unbranded = 0.0;     // units/month of it offered by unbranded firms
  double sales = 0.0;                // units/month the pool's intermediaries sold
  double sales_unbranded = 0.0;      // units/month of it that were unbranded goods
  double delivered = 0.0;            // units/month that reached the target (not seized)
  double delivered_value = 0.0;      // USD/month at the intermediaries' prices
  double margin = 0.0;               // USD/month earned by the pool's intermediaries
  double active_capacity = 0.0;      // throughput of active intermediaries
  std::uint32_t active = 0;
};

struct Intermediaries {
  std::size_t count = 0;  // slots, including vacant ones
  std::vector<std::uint32_t> pool;
  std::vector<IntermediaryStatus> status;
  std::vector<double> capacity;
  // The markup drawn for the trader is its floor: what covers its costs of doing business
  // (transport, papers, risk). Its markup over the wholesale price rises above that floor
  // while its goods sell out and falls back when they do not.
  std::vector<double> base_markup;
  std::vector<double> markup;
  std::vector<double> sell_through;  // smoothed share of its offer that sold
  std::vector<double> document_quality;
  // Share of its landed cost the trader adds to cover the expected loss of seized goods,
  // set each step from its detection probability (docs/MODEL_CHOICES.md, "Price of each hop").
  std::vector<double> risk_premium;
  // Per-step results.
  std::vector<std::uint8_t> detected;
};

// Upper bound on the offers one buyer considers in a step (loyal slots + search).
inline constexpr std::uint32_t kMaxBuyerSlots = 32;

struct Buyers {
  std::size_t count = 0;
  std::uint32_t slots = 0;  // offers considered per buyer: loyal slots + search
  std::vector<SectorIndex> sector;
  std::vector<std::uint32_t> population;
  std::vector<double> base_demand;  // units/month at base price
  // Per buyer x slot (row-major): the offers considered and what they delivered.
  std::vector<std::int32_t> slot_offer;  // offer id or -1
  std::vector<double> slot_weight;       // logit weight exp(utility)
  std::vector<double> slot_request;      // units requested in the current round
  std::vector<double> slot_received;     // units allocated over all rounds
  std::vector<std::uint8_t> slot_loyal;
  // Per buyer results.
  std::vector<double> demand;  // units/month wanted this step
  std::vector<double> unmet;
};

// Offers of the step, indexed by offer id: firms first [0, F), then intermediary slots.
struct Offers {
  std::size_t count = 0;
  std::vector<double> quantity;
  std::vector<double> price;            // USD/unit delivered to the target
  std::vector<double> delivered_price;  // USD/unit the buyer pays: price plus the target's tariff
  std::vector<double> log_price_ratio;  // ln(delivered price / sector base price)
  std::vector<double> quality;
  std::vector<double> reliability;
  std::vector<StateIndex> shipper;  // declared origin at the target's border
  std::vector<Route> route;
  std::vector<SectorIndex> sector;
  // Share of the offer that is unbranded goods: 0 or 1 for a firm, the pool's unbranded share
  // of supply for an intermediary.
  std::vector<double> unbranded;
  // Matching state.
  std::vector<double> remaining;
  std::vector<double> remaining_unbranded;  // units of unbranded goods still on offer
  std::vector<double> requested;
  std::vector<double> fill;        // share of this round's requests that is served
  std::vector<std::uint8_t> open;  // still has quantity, quota and allowance left this step
  std::vector<double> sold;
  std::vector<double> sold_unbranded;    // units of `sold` that were unbranded goods
  std::vector<double> unbranded_served;  // unbranded units served in the current round
  std::vector<std::uint8_t> seized;
};

// Requests grouped by offer (compressed rows), rebuilt each step in a fixed order so that the
// sums per offer never depend on thread timing.
struct RequestIndex {
  std::vector<std::uint32_t> row_start;  // per offer + 1
  std::vector<std::uint32_t> entries;    // buyer * slots + slot, grouped by offer
  std::vector<std::uint32_t> fill;       // scratch for the counting sort
};

// One column of an alias table: keep `offer` with probability `probability`, else take
// `alias_offer`. Packed in 16 bytes so that a draw costs one cache miss, not three.
struct AliasColumn {
  double probability = 0.0;
  std::int32_t offer = -1;
  std::int32_t alias_offer = -1;
};

// Per-sector tables for sampling offers in proportion to quantity (Vose's alias method:
// O(n) to build, O(1) per draw).
struct SectorSampler {
  std::vector<std::int32_t> candidates;  // offer ids that may sell in this sector
  // Columns [0, active) cover this step's candidates with something to sell, in candidate
  // order: an offer of nothing (a firm abstaining, a vacant slot, a plant not yet built) takes
  // no column, so it never shifts the draws of the offers that exist.
  std::vector<AliasColumn> columns;
  std::size_t active = 0;
  std::vector<double> scaled;  // scratch: each active column's weight x active / total
  std::vector<std::uint32_t> small_scratch;
  std::vector<std::uint32_t> large_scratch;
  double total_weight = 0.0;
};

struct World {
  std::size_t state_count = 0;
  std::size_t sector_count = 0;
  std::vector<StateIndex> hubs;
  std::vector<std::uint8_t> is_coalition;  // per state: member of bloc "coalition"
  Firms firms;
  Intermediaries intermediaries;
  std::vector<Pool> pools;
  Buyers buyers;
  Offers offers;
  RequestIndex requests;
  std::vector<SectorSampler> samplers;
  // Quota bookkeeping of the matching rounds, [sector * states + declared origin].
  std::vector<double> quota_left;
  std::vector<double> quota_requested;
  // Original firms and local plants are each sorted by sector: [begin[k], begin[k + 1]).
  std::vector<std::uint32_t> firms_by_sector_begin;
  std::vector<std::uint32_t> local_plants_by_sector_begin;
  // Bookkeeping of the limits on unbranded equipment in the matching rounds, [sector].
  std::vector<double> unbranded_left;
  std::vector<double> unbranded_requested;
  std::vector<std::vector<std::uint32_t>> pools_by_sector;  // pool indices, built once
  // What firms pick a pool by, per (makers' state, sector) [state * sectors + sector], for
  // goods no control covers (uncovered_) and for covered goods (covered_): the sum of the
  // sector's pool weights (each pool's active throughput times the share of payments its
  // hub's banks clear; for covered goods, times the share the end-use checks let through to
  // it; for the makers' home network, times 1 + home_trader_preference), and the share of an
  // offer that reaches a pool picked that way and is paid for. Covered sums are zero where
  // nothing is covered.
  std::vector<double> uncovered_pool_paying_capacity;
  std::vector<double> uncovered_pool_reach;
  std::vector<double> covered_pool_paying_capacity;
  std::vector<double> covered_pool_reach;

  std::size_t intermediary_offer(std::size_t slot) const { return firms.count + slot; }

  // Agent ids key the random streams: one id space for all kinds, fixed by the scenario.
  // Local plants take the ids after every other agent, so that adding a local-content rule
  // leaves every other agent's id, and so its draws, unchanged.
  std::uint64_t firm_id(std::size_t firm) const {
    if (firm < firms.original_count) return firm;
    return pool_id(pools.size()) + (firm - firms.original_count);
  }
  std::uint64_t intermediary_id(std::size_t slot) const { return firms.original_count + slot; }
  std::uint64_t buyer_id(std::size_t buyer) const {
    return firms.original_count + intermediaries.count + buyer;
  }
  std::uint64_t pool_id(std::size_t pool) const {
    return firms.original_count + intermediaries.count + buyers.count + pool;
  }
};

// Attribute ids: the `step` field of an Attribute stream, one per drawn attribute.
enum class AttributeId : std::uint32_t {
  FirmCapacity = 1,
  FirmUnitCost,
  FirmQuality,
  FirmCoalitionRevenue,
  FirmRiskAversion,
  FirmBranded,
  FirmLinePosition,
  FirmCompliance,
  IntermediaryCapacity = 11,
  IntermediaryMarkup,
  IntermediaryDocumentQuality,
  BuyerDemand = 21,
};

// Makes a slot an active intermediary with attributes drawn from its own stream: incumbents
// at build time and entrants later go through the same draws. It starts at its drawn markup
// and at the target utilisation (no sales yet to read demand from).
void activate_intermediary(World& world, const ScenarioDescription& scenario,
                           const IntermediaryPopulation& population, std::size_t slot);

// The mean of a distribution before clamping (what an agent expects of a typical draw).
double distribution_mean(const Distribution& distribution);

// Draws one value of a distribution from the agent's attribute stream, clamped to its range.
double draw_attribute(const Distribution& distribution, std::uint64_t seed, std::uint64_t agent,
                      AttributeId attribute);

World build_world(const ScenarioDescription& scenario);

}  // namespace chokepoint
