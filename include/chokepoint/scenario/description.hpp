#pragma once

// The validated, read-only description of a scenario: what exists and with which parameters.
// The loader builds it from YAML; the simulation is built from it and never sees YAML.
// Names are resolved to indices here, so nothing downstream looks a name up.

#include <cstdint>
#include <string>
#include <vector>

#include "chokepoint/scenario/calendar.hpp"

namespace chokepoint {

using StateIndex = std::uint32_t;
using SectorIndex = std::uint32_t;

// A per-agent attribute drawn once when the world is built, from the agent's own stream.
struct Distribution {
  enum class Kind { Fixed, Uniform, Normal, LogNormal };
  Kind kind = Kind::Fixed;
  double a = 0.0;  // Fixed: value; Uniform: low; Normal: mean; LogNormal: median
  double b = 0.0;  // Uniform: high; Normal: sd; LogNormal: sigma of log
  // Draws are clamped to [min, max]; the loader sets these from the attribute's valid range
  // and the user may narrow them.
  double min = -1e300;
  double max = 1e300;

  static Distribution fixed(double value) {
    Distribution d;
    d.a = value;
    return d;
  }

  bool operator==(const Distribution&) const = default;
};

struct StateDesc {
  std::string code;  // short identifier used everywhere in the scenario, e.g. "RU"
  std::string name;
  std::vector<std::string> blocs;

  bool operator==(const StateDesc&) const = default;
};

struct SectorDesc {
  std::string code;
  std::string name;
  bool controlled = true;                // on the high-priority / dual-use control lists
  double coalition_ip_dependence = 0.9;  // share of inputs that need coalition IP or tools
  double target_demand = 0.0;            // units/month the target's buyers want at base price
  double base_price = 1.0;               // USD/unit before sanctions
  double price_elasticity = 0.5;         // of the target's demand
  double learning_rate = 0.1;            // unit-cost fall per doubling of cumulative output
  double capex_per_unit = 10.0;          // USD per unit/month of new capacity

  bool operator==(const SectorDesc&) const = default;
};

struct FirmPopulation {
  StateIndex state = 0;
  SectorIndex sector = 0;
  std::uint32_t count = 0;
  Distribution capacity;           // units/month the firm can supply to the target market
  Distribution unit_cost;          // USD/unit
  Distribution quality;            // 0..1
  Distribution coalition_revenue;  // USD/month earned in coalition markets (lost if designated)
  Distribution risk_aversion;      // >= 0: multiplies the expected sanction loss
  // 0..1: share of its controlled goods the maker keeps out of channels that re-export to the
  // target (screening its distributors beyond what the law requires); 0 leaves it to the
  // end-use checks in force.
  Distribution compliance;
  double branded_share = 1.0;  // share of firms that sell under their own brand

  bool operator==(const FirmPopulation&) const = default;
};

struct EntryRule {
  double rate = 0.0;          // expected entrants per step per unit of relative excess profit
  double cost = 1e5;          // USD: sunk cost of setting up a trading company
  std::uint32_t reserve = 0;  // slots kept for entrants; entry stops when they are used up

  bool operator==(const EntryRule&) const = default;
};

struct IntermediaryPopulation {
  StateIndex hub = 0;
  SectorIndex sector = 0;
  std::uint32_t count = 0;
  Distribution capacity;          // units/month of throughput
  Distribution markup;            // over the wholesale price
  Distribution document_quality;  // 0..1: chance that altered papers pass
  double detection_rate = 0.01;   // per-step hazard at enforcement 1 and zero anomaly
  // Transshipment and logistics: share of the landed value added per unit on the way from the
  // hub to the target (longer land routes cost more than a Hong Kong air freight forwarder).
  double logistics_cost = 0.0;
  // 0..1: how well exporters' end-use checks stop covered goods bound for this hub's traders.
  // 1 where the hub has little legitimate use for the goods, so a surge stands out; lower
  // where the traders buy among a large legitimate market (Hong Kong and mainland Chinese
  // electronics distribution), where checks rarely tell a diverted order from a real one.
  double end_use_screening = 1.0;
  // States whose makers treat these traders as their own trade network, as they do the
  // traders of their own state (Hong Kong's for mainland Chinese makers): a maker weighs such
  // pools by (1 + behaviour.home_trader_preference) when it picks where to sell.
  std::vector<StateIndex> home_to;
  EntryRule entry;

  bool operator==(const IntermediaryPopulation&) const = default;
};

struct BuyerPopulation {
  SectorIndex sector = 0;
  std::uint32_t count = 0;
  double demand_dispersion = 0.5;  // sigma of log demand; demand is normalised to the sector
  double price_sensitivity = 3.0;  // logit weight on log delivered price
  double quality_weight = 1.0;
  double reliability_weight = 1.0;
  double loyalty = 0.5;                 // utility bonus for a current supplier
  std::uint32_t search = 3;             // new offers sampled each step
  std::vector<double> origin_aversion;  // per state (by index): utility penalty

  bool operator==(const BuyerPopulation&) const = default;
};

// A half-open range of steps [start, end) during which an instrument is in force.
struct ActiveSpan {
  std::int32_t start = 0;
  std::int32_t end = INT32_MAX;
  bool contains(std::int32_t step) const { return step >= start && step < end; }

  bool operator==(const ActiveSpan&) const = default;
};

struct ExportControl {
  std::string name;
  std::vector<StateIndex> imposers;  // bloc names are expanded by the loader
  std::vector<SectorIndex> sectors;
  double coverage = 1.0;        // share of product lines covered
  double end_use_checks = 0.5;  // 0..1: how much of covered supply is stopped at hubs too
  ActiveSpan span;

  bool operator==(const ExportControl&) const = default;
};

// What a secondary sanction on a state's banks does to payments through them (MODEL.md 4.3:
// the payment channel). Banks that fear designation reject payments for trade with the target
// and the payments that do go through are slower and dearer; the rejected share fades as
// traders build other payment routes.
struct PaymentDisruption {
  double rejection = 0.5;          // share of payments rejected when the sanction starts, 0..1
  double extra_cost = 0.05;        // share of the price added by rerouted, slower payments
  double adaptation_months = 6.0;  // half-life of the rejected share, months
  // Payment agents' fee per unit of rejected share: with a share r of payments rejected, the
  // payments that clear cost extra_cost + agent_premium x r more (agents price the risk of
  // frozen funds and the scarcity of banks that still pay). The fee falls as rejection fades.
  double agent_premium = 0.0;

  bool operator==(const PaymentDisruption&) const = default;
};

struct SecondarySanction {
  std::string name;
  StateIndex imposer = 0;
  std::vector<StateIndex> on_states;  // whose firms, intermediaries or banks are exposed
  // The trade whose sellers are exposed to designation; every sector unless the scenario
  // names some (the US order of December 2023 is about goods for the military-industrial
  // base, not all trade). Banks reject payments whatever the goods.
  std::vector<SectorIndex> sectors;
  bool firms = true;
  bool intermediaries = true;
  bool banks = false;
  double intensity = 0.0;      // designation hazard scale per step
  double penalty_months = 24;  // months of coalition revenue a designation costs
  PaymentDisruption payments;  // read only when `banks`
  // The calendar month the sanction starts, as months since year 0: the clock of the
  // payments' adaptation (a sanction dated before the run has already aged at step 0).
  std::int32_t start_month = 0;
  ActiveSpan span;

  bool operator==(const SecondarySanction&) const = default;
};

struct ImportQuota {
  std::string name;
  std::vector<StateIndex> origins;  // declared origin (the shipping state)
  std::vector<SectorIndex> sectors;
  enum class Cap { Share, Volume };
  Cap cap_kind = Cap::Share;
  double cap = 1.0;  // Share: of the sector's imports last step; Volume: units/month per origin
  ActiveSpan span;

  bool operator==(const ImportQuota&) const = default;
};

// The target's adaptive rule against "total dependence" (MODEL.md 4.1): once one declared
// origin's share of a sector's imports passes `threshold`, a share quota of `cap` on that
// origin and sector switches on and stays on while the rule is in force.
struct AdaptiveQuota {
  std::string name;
  std::vector<SectorIndex> sectors;
  double threshold = 0.8;
  double cap = 0.7;
  ActiveSpan span;

  bool operator==(const AdaptiveQuota&) const = default;
};

struct ImportSubsidy {
  std::string name;
  std::vector<SectorIndex> sectors;
  double production_rate = 0.0;  // share of domestic producers' unit cost paid per unit sold
  double investment_rate = 0.0;  // share of capacity investment paid
  double annual_budget = 0.0;    // USD per calendar year; spending stops when it is used up
  // Long-term contracts: the state buys, at the producer's price, whatever part of this share
  // of a domestic producer's capacity the market did not take (take-or-pay), paid from the
  // same budget.
  double guaranteed_offtake = 0.0;
  ActiveSpan span;

  bool operator==(const ImportSubsidy&) const = default;
};

// An ad valorem duty the target levies on imports by declared origin and sector.
struct Tariff {
  std::string name;
  std::vector<StateIndex> origins;
  std::vector<SectorIndex> sectors;
  double rate = 0.0;  // share of the import price
  ActiveSpan span;

  bool operator==(const Tariff&) const = default;
};

// The target's limit on unbranded equipment (MODEL.md 6; the 2022 memo's countermeasure to
// sensitive goods arriving unbranded through partner channels): in a covered sector, imports
// of unbranded goods may be at most `max_share` of the sector's imports of the previous step.
// Where two limits cover one sector at once, the lower cap applies.
struct UnbrandedLimit {
  std::string name;
  std::vector<SectorIndex> sectors;
  double max_share = 1.0;  // 0 bans unbranded imports of the sector
  ActiveSpan span;

  bool operator==(const UnbrandedLimit&) const = default;
};

// Enforcement against circumvention in hub states: customs checks, investigations, pressure
// on banks. Multiplies the hubs' detection hazard by (1 + intensity + escalation so far).
struct Enforcement {
  std::string name;
  std::vector<StateIndex> hubs;
  double intensity = 0.0;
  double cost = 0.0;  // USD per month per unit of intensity per hub
  bool has_budget = false;
  double annual_budget = 0.0;  // USD per calendar year; intensity is scaled down when short
  // The "roundabout" signature (MODEL.md 4.1): when a hub's purchases of coalition-made
  // controlled goods exceed trigger_ratio x their base-period level + trigger_floor, the
  // hub's intensity rises by `increment` per step, up to max_extra.
  bool escalates = false;
  double trigger_ratio = 2.0;
  double trigger_floor = 0.0;  // units/month
  double increment = 0.0;
  double max_extra = 5.0;
  ActiveSpan span;

  bool operator==(const Enforcement&) const = default;
};

// The target's local-content / relocation push (MODEL.md 6; the 2022 memo's idea of pushing
// Chinese firms to produce in Russia): a foreign firm of a covered origin must make `share` of
// what it sells directly in the target inside the target, once the rule is phased in.
struct LocalContentRule {
  std::string name;
  std::vector<StateIndex> origins;  // whose firms (home state); the loader fills "every foreign"
  std::vector<SectorIndex> sectors;
  double share = 0.0;             // required local share of direct sales when fully phased in
  double phase_in_months = 12.0;  // the required share ramps linearly from 0 at the start
  double cost_premium = 0.15;     // local unit cost over the firm's home unit cost
  std::int32_t start_month = 0;   // months since year 0 of `start` (the phase-in's origin)
  ActiveSpan span;

  bool operator==(const LocalContentRule&) const = default;
};

struct Policies {
  std::vector<ExportControl> export_controls;
  std::vector<SecondarySanction> secondary_sanctions;
  std::vector<ImportQuota> import_quotas;
  std::vector<AdaptiveQuota> adaptive_quotas;
  std::vector<ImportSubsidy> import_subsidies;
  std::vector<Tariff> tariffs;
  std::vector<Enforcement> enforcement;
  std::vector<LocalContentRule> local_content;
  std::vector<UnbrandedLimit> unbranded_limits;

  bool operator==(const Policies&) const = default;
};

// Behavioural constants shared by all agents of a kind. Defaults are documented in
// docs/MODEL_CHOICES.md; every one can be overridden in the scenario's `behaviour:` block.
struct Behaviour {
  // Firms
  double target_utilisation = 0.85;
  double markup_adjustment = 0.3;  // markup change per unit of utilisation gap
  double markup_min = 0.1;         // below this a firm would not cover its fixed costs
  double markup_max = 1.0;
  double initial_markup = 0.15;
  double wholesale_discount = 0.05;  // price cut a firm gives intermediaries
  double channel_inertia = 0.05;     // bonus, as a share of potential revenue, for staying
  double channel_noise = 0.01;       // logit temperature, as a share of potential revenue
  double visibility_direct = 1.0;
  double visibility_intermediary = 0.25;
  double visibility_unbranded = 0.5;
  double visibility_volume_scale = 1e5;  // USD/month at which visibility doubles
  double all_in_propensity = 0.3;        // chance a designated firm stays in target trade
  double invest_utilisation = 0.9;
  double invest_hurdle = 0.15;      // margin over cost needed to invest
  double invest_growth = 0.1;       // capacity added by one project
  std::int32_t time_to_build = 12;  // months (a project takes at least one step)
  double experience_months = 24;    // months of output counted as initial experience
  // Share of a sector's coalition-IP inputs that controls take away from producers in the
  // target (who cannot buy the tools) and in third countries (who mostly still can).
  double domestic_input_exposure = 0.5;
  double foreign_input_exposure = 0.05;
  // Share of its expected designation loss (per unit, at expected volume) a maker adds to the
  // price it charges on a channel to the target: 0 bears the risk (it only weighs it in its
  // channel choice), 1 charges buyers all of it. The premium is at most
  // `maker_risk_premium_max` of the price: beyond that the maker bears the rest.
  double maker_risk_pass_through = 0.0;
  double maker_risk_premium_max = 1.0;
  // Intermediaries
  double anomaly_weight = 1.0;
  // Markup change per unit of sell-through gap (sold share of the offer minus
  // target_utilisation), above each trader's drawn markup; 0 keeps every trader at its draw.
  double intermediary_markup_adjustment = 0.3;
  // Margin a distributor adds between a maker whose goods are covered by a control in force
  // and the hub trader who buys them (the maker sells to a distributor, not to the trader).
  double distributor_margin = 0.0;
  // Extra weight a maker gives, when it picks a pool, to the traders of its own state and of
  // hubs whose traders list the maker's state in `home_to`: 0 picks by paying throughput alone,
  // b weighs home pools by (1 + b). Makers sell through the networks they already trade in
  // and move abroad only as far as the home network's payments fail.
  double home_trader_preference = 0.0;
  // Weight on a trader's expected loss from seizure in its price: 1 prices the expected loss
  // at face value (landed value x p / (1 - p) for a per-step detection probability p).
  double risk_premium_weight = 1.0;
  // Buyers
  std::uint32_t loyal_slots = 3;
  std::uint32_t rationing_rounds = 3;

  bool operator==(const Behaviour&) const = default;
};

struct Report {
  std::vector<StateIndex> focus_group;  // e.g. China + Hong Kong: reported as focus_share
  std::string focus_name = "focus";
  std::int32_t price_base_start = 0;  // steps averaged as the price index's base
  std::int32_t price_base_end = 12;

  bool operator==(const Report&) const = default;
};

// Resources a run may use, checked when the scenario is loaded (docs/SCENARIO_FORMAT.md,
// "Limits"): a scenario whose estimated memory exceeds the limit is refused.
struct Limits {
  std::uint64_t memory = 0;  // bytes; 0: not stated (the machine's physical memory applies)

  bool operator==(const Limits&) const = default;
};

struct ScenarioDescription {
  std::string name;
  std::string source_path;    // file the scenario came from ("" for generated ones)
  std::string resolved_yaml;  // the scenario as resolved, recorded in every output file
  Calendar calendar;
  std::uint64_t seed = 1;
  StateIndex target = 0;
  std::vector<StateDesc> states;
  std::vector<SectorDesc> sectors;
  std::vector<FirmPopulation> firms;
  std::vector<IntermediaryPopulation> intermediaries;
  std::vector<BuyerPopulation> buyers;
  Policies policies;
  Behaviour behaviour;
  Report report;
  Limits limits;

  bool in_bloc(StateIndex state, const std::string& bloc) const;
  // Hubs are the states that host at least one intermediary population, in order of first use.
  std::vector<StateIndex> hubs() const;
  // Agents at the start of a run (intermediaries: incumbents, not reserved entrant slots).
  std::size_t firm_count() const;
  // Local plants the world gets for local-content rules: one per covered foreign firm.
  std::size_t local_plant_count() const;
  std::size_t intermediary_count() const;
  std::size_t buyer_count() const;

  bool operator==(const ScenarioDescription&) const = default;
};

}  // namespace chokepoint
