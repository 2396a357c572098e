#include "chokepoint/sim/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "chokepoint/world/world.hpp"

namespace chokepoint {

namespace {

struct SeriesSpec {
  Metric metric;
  const char* name;
  const char* units;
  const char* long_name;
  std::vector<std::string> dims;
  bool integer = false;
};

std::vector<SeriesSpec> series_specs() {
  using M = Metric;
  return {
      {M::Imports,
       "imports",
       "units/month",
       "target's deliveries by sector, making state and route",
       {"time", "sector", "state", "route"}},
      {M::ImportsValue,
       "imports_value",
       "USD/month",
       "value of the target's deliveries at delivered prices",
       {"time", "sector", "state", "route"}},
      {M::ImportsByShipper,
       "imports_by_shipper",
       "units/month",
       "target's imports by sector and declared origin (shipping state)",
       {"time", "sector", "state"}},
      {M::ImportsByShipperValue,
       "imports_by_shipper_value",
       "USD/month",
       "value of the target's imports by declared origin",
       {"time", "sector", "state"}},
      {M::ShipperShareControlled,
       "shipper_share_controlled",
       "1",
       "share of controlled-goods import value by shipping state",
       {"time", "state"}},
      {M::MakerShareControlled,
       "maker_share_controlled",
       "1",
       "share of controlled-goods import value by making state",
       {"time", "state"}},
      {M::FocusShare,
       "focus_share",
       "1",
       "focus group's share of controlled-goods import value (shipping basis)",
       {"time"}},
      {M::FocusMakerShare,
       "focus_maker_share",
       "1",
       "focus group's share of controlled-goods import value (making basis)",
       {"time"}},
      {M::Hhi,
       "hhi",
       "1",
       "Herfindahl-Hirschman index of shipping states' shares of controlled imports",
       {"time"}},
      {M::AveragePrice,
       "average_price",
       "USD/unit",
       "average delivered price (NaN when nothing was delivered)",
       {"time", "sector"}},
      {M::PriceIndex,
       "price_index",
       "1",
       "price index of controlled goods, base period = 1 (base-period value weights)",
       {"time"}},
      {M::Demand,
       "demand",
       "units/month",
       "quantity the target's buyers wanted",
       {"time", "sector"}},
      {M::UnmetDemand,
       "unmet_demand",
       "units/month",
       "demand left unserved (shortage)",
       {"time", "sector"}},
      {M::DomesticShare,
       "domestic_share",
       "1",
       "domestic producers' share of deliveries",
       {"time", "sector"}},
      {M::DomesticCapacity,
       "domestic_capacity",
       "units/month",
       "effective capacity of the target's producers",
       {"time", "sector"}},
      {M::SubsidyOutlays,
       "subsidy_outlays",
       "USD/month",
       "import-substitution subsidies paid (production, investment, contract purchases)",
       {"time", "sector"}},
      {M::ContractPurchases,
       "contract_purchases",
       "units/month",
       "domestic output the state bought under long-term contracts (guaranteed offtake)",
       {"time", "sector"}},
      {M::IntermediariesActive,
       "intermediaries_active",
       "count",
       "active intermediaries at the end of the step",
       {"time", "hub"},
       true},
      {M::IntermediariesEntered,
       "intermediaries_entered",
       "count",
       "intermediaries that entered",
       {"time", "hub"},
       true},
      {M::IntermediariesDesignated,
       "intermediaries_designated",
       "count",
       "intermediaries detected and designated",
       {"time", "hub"},
       true},
      {M::HubVolume,
       "hub_volume",
       "units/month",
       "goods delivered to the target through the hub",
       {"time", "hub"}},
      {M::HubSeized,
       "hub_seized",
       "units/month",
       "goods seized from the hub's intermediaries",
       {"time", "hub"}},
      {M::CoalitionExportsToHub,
       "coalition_exports_to_hub",
       "units/month",
       "coalition-made goods bought by the hub's intermediaries",
       {"time", "hub"}},
      {M::CoalitionExportsToHubValue,
       "coalition_exports_to_hub_value",
       "USD/month",
       "value of coalition-made goods bought by the hub's intermediaries",
       {"time", "hub"}},
      {M::FirmsServing,
       "firms_serving",
       "count",
       "firms by home state and channel to the target",
       {"time", "state", "channel"},
       true},
      {M::FirmDesignations,
       "firm_designations",
       "count",
       "firms designated under secondary sanctions this step",
       {"time", "state"},
       true},
      {M::FirmsDesignatedTotal,
       "firms_designated_total",
       "count",
       "firms designated so far",
       {"time", "state"},
       true},
      {M::CoalitionRevenueLost,
       "coalition_revenue_lost",
       "USD/month",
       "coalition-market revenue of all designated firms",
       {"time"}},
      {M::TariffRevenue,
       "tariff_revenue",
       "USD/month",
       "duties the target collected on imports",
       {"time", "sector"}},
      {M::EnforcementIntensity,
       "enforcement_intensity",
       "1",
       "multiplier of the hub's detection hazard (1 = no enforcement policy)",
       {"time", "hub"}},
      {M::EnforcementSpending,
       "enforcement_spending",
       "USD/month",
       "spending on enforcement against circumvention",
       {"time"}},
      {M::PaymentRejection,
       "payment_rejection",
       "1",
       "share of payments for trade with the target that the state's banks reject",
       {"time", "state"}},
      {M::RelocatedCapacity,
       "relocated_capacity",
       "units/month",
       "capacity foreign firms have moved into local plants in the target",
       {"time", "sector"}},
      {M::RelocationInvestment,
       "relocation_investment",
       "USD/month",
       "capital committed to moving foreign firms' capacity into the target",
       {"time"}},
      {M::UnbrandedShare,
       "unbranded_share",
       "1",
       "unbranded goods' share of the target's imports (units, foreign shippers)",
       {"time", "sector"}},
      {M::ImportsByMakerShipper,
       "imports_by_maker_shipper",
       "units/month",
       "target's imports by sector, making state and shipping state",
       {"time", "sector", "state", "shipper"}},
      {M::ImportsByMakerShipperValue,
       "imports_by_maker_shipper_value",
       "USD/month",
       "value of the target's imports by making state and shipping state",
       {"time", "sector", "state", "shipper"}},
      {M::PriceMaker,
       "price_maker",
       "USD/unit",
       "delivered price by hop: what the maker was paid, less its risk premium (NaN when the "
       "route delivered nothing)",
       {"time", "sector", "route"}},
      {M::PriceMakerRiskPremium,
       "price_maker_risk_premium",
       "USD/unit",
       "delivered price by hop: the maker's premium for its own risk of designation",
       {"time", "sector", "route"}},
      {M::PriceDistributor,
       "price_distributor_margin",
       "USD/unit",
       "delivered price by hop: distributors' margin on goods covered by controls",
       {"time", "sector", "route"}},
      {M::PriceLogistics,
       "price_logistics",
       "USD/unit",
       "delivered price by hop: transshipment and logistics from the hub",
       {"time", "sector", "route"}},
      {M::PriceTraderMarkup,
       "price_trader_markup",
       "USD/unit",
       "delivered price by hop: the trader's markup floor (its cost of doing business)",
       {"time", "sector", "route"}},
      {M::PriceScarcityRent,
       "price_scarcity_rent",
       "USD/unit",
       "delivered price by hop: the trader's markup above its floor (what scarce goods fetch)",
       {"time", "sector", "route"}},
      {M::PriceRiskPremium,
       "price_risk_premium",
       "USD/unit",
       "delivered price by hop: the trader's premium for the expected loss of seized goods",
       {"time", "sector", "route"}},
      {M::PricePaymentFee,
       "price_payment_fee",
       "USD/unit",
       "delivered price by hop: payment agents' and rerouted payments' fees",
       {"time", "sector", "route"}},
      {M::PriceTariff,
       "price_tariff",
       "USD/unit",
       "delivered price by hop: the target's duty",
       {"time", "sector", "route"}},
      {M::DeliveredPriceByRoute,
       "delivered_price",
       "USD/unit",
       "what buyers paid per unit by route: the sum of the price_* hops",
       {"time", "sector", "route"}},
      {M::PriceElsewhere,
       "price_elsewhere",
       "USD/unit",
       "the goods delivered to the target at their makers' normal prices (sold elsewhere)",
       {"time", "sector"}},
      {M::PriceIndexElsewhere,
       "price_index_elsewhere",
       "1",
       "price index of the same controlled goods sold elsewhere, weighted like price_index",
       {"time"}},
      {M::HubRiskPremium,
       "hub_risk_premium",
       "1",
       "traders' premium for the expected loss of seized goods, share of their landed cost, "
       "mean over what the hub delivered (NaN when it delivered nothing)",
       {"time", "hub"}},
  };
}

// Heap bytes of a string with this capacity: none while it fits in the string object itself
// (the short-string optimisation), else the characters and the terminating zero.
std::uint64_t string_heap(std::size_t capacity) {
  static const std::size_t kInline = std::string().capacity();
  return capacity > kInline ? capacity + 1 : 0;
}

std::uint64_t strings_held(const std::vector<std::string>& strings) {
  std::uint64_t bytes = strings.capacity() * sizeof(std::string);
  for (const std::string& s : strings)
    bytes += string_heap(s.capacity());
  return bytes;
}

// The series a run keeps, plus the `sector_controlled` and `focus_member` tables added when
// the record is taken.
constexpr std::size_t kExtraSeries = 2;

}  // namespace

// Mirrors the constructor: the axes' labels (time labels are "YYYY-MM", short enough to need no
// heap; the axes' own names and units, a few hundred bytes, are left out) and, per series,
// its names and steps x the product of its non-time axes.
std::uint64_t MetricsBuffer::bytes_needed(const ScenarioDescription& scenario) {
  const auto steps = static_cast<std::uint64_t>(scenario.calendar.steps);
  const std::uint64_t sectors = scenario.sectors.size();
  const std::uint64_t states = scenario.states.size();
  const std::vector<StateIndex> hub_states = scenario.hubs();
  const std::uint64_t hubs = hub_states.size();
  const auto axis_size = [&](const std::string& name) -> std::uint64_t {
    if (name == "sector") return sectors;
    if (name == "state" || name == "shipper") return states;
    if (name == "hub") return hubs;
    return 3;  // route, channel
  };
  constexpr std::uint64_t kAxes = 7;
  std::uint64_t bytes = kAxes * sizeof(Axis) + steps * (sizeof(double) + sizeof(std::string)) +
                        (sectors + 2 * states + hubs + 3 + 3) * sizeof(std::string);
  for (const SectorDesc& sector : scenario.sectors)
    bytes += string_heap(sector.code.size());
  for (const StateDesc& state : scenario.states)
    bytes += 2 * string_heap(state.code.size());  // the state and shipper axes
  for (StateIndex hub : hub_states)
    bytes += string_heap(scenario.states[hub].code.size());
  const std::vector<SeriesSpec> specs = series_specs();
  bytes += (specs.size() + kExtraSeries) * sizeof(Series);
  for (const SeriesSpec& spec : specs) {
    bytes += string_heap(std::string(spec.name).size()) +
             string_heap(std::string(spec.units).size()) +
             string_heap(std::string(spec.long_name).size());
    bytes += spec.dims.size() * sizeof(std::string);
    std::uint64_t values = steps;
    for (std::size_t d = 1; d < spec.dims.size(); ++d)
      values *= axis_size(spec.dims[d]);
    bytes += values * sizeof(double);
  }
  return bytes;
}

std::uint64_t MetricsBuffer::bytes_held() const {
  std::uint64_t bytes = record_.axes.capacity() * sizeof(Axis);
  for (const Axis& axis : record_.axes) {
    bytes += strings_held(axis.labels) + axis.values.capacity() * sizeof(double);
    bytes += string_heap(axis.name.capacity()) + string_heap(axis.units.capacity()) +
             string_heap(axis.long_name.capacity());
  }
  bytes += record_.series.capacity() * sizeof(Series);
  for (const Series& series : record_.series) {
    bytes += string_heap(series.name.capacity()) + string_heap(series.units.capacity()) +
             string_heap(series.long_name.capacity());
    bytes += strings_held(series.dims) + series.values.capacity() * sizeof(double);
  }
  return bytes;
}

MetricsBuffer::MetricsBuffer(const ScenarioDescription& scenario) {
  const Calendar& calendar = scenario.calendar;
  Axis time{"time", {}, {}, "days since 1970-01-01", "first day of the step"};
  for (std::int32_t t = 0; t < calendar.steps; ++t) {
    time.values.push_back(static_cast<double>(calendar.days_since_epoch(t)));
    time.labels.push_back(calendar.label(t));
  }
  Axis sector{"sector", {}, {}, "", "product group"};
  for (const SectorDesc& s : scenario.sectors)
    sector.labels.push_back(s.code);
  Axis state{"state", {}, {}, "", "state or bloc"};
  for (const StateDesc& s : scenario.states)
    state.labels.push_back(s.code);
  Axis route{"route", {"direct", "intermediary", "domestic"}, {}, "", "how goods reach the target"};
  Axis hub{"hub", {}, {}, "", "hub state hosting intermediaries"};
  for (StateIndex h : scenario.hubs())
    hub.labels.push_back(scenario.states[h].code);
  Axis channel{"channel", {"direct", "intermediary", "abstain"}, {}, "", "firm's channel"};
  // The state that ships goods to the target, next to `state` where that is the making state.
  Axis shipper{"shipper", state.labels, {}, "", "shipping state (declared origin)"};
  record_.axes = {time, sector, state, route, hub, channel, shipper};

  const std::vector<SeriesSpec> specs = series_specs();
  record_.series.reserve(specs.size() + kExtraSeries);
  for (const SeriesSpec& spec : specs) {
    Series series{spec.name, spec.units, spec.long_name, spec.dims, {}, spec.integer};
    std::size_t inner = 1;
    for (std::size_t d = 1; d < spec.dims.size(); ++d) {
      for (const Axis& axis : record_.axes)
        if (axis.name == spec.dims[d]) inner *= axis.size();
    }
    series.values.assign(static_cast<std::size_t>(calendar.steps) * inner, 0.0);
    inner_[static_cast<std::size_t>(spec.metric)] = inner;
    record_.series.push_back(std::move(series));
  }
}

std::set<std::string> MetricsBuffer::series_missing_allowed() {
  // Prices are averages over what was delivered, and the premium over what a hub delivered.
  constexpr Metric kRatios[] = {
      Metric::AveragePrice,          Metric::PriceIndex,        Metric::PriceIndexElsewhere,
      Metric::PriceElsewhere,        Metric::HubRiskPremium,    Metric::PriceMaker,
      Metric::PriceMakerRiskPremium, Metric::PriceDistributor,  Metric::PriceLogistics,
      Metric::PriceTraderMarkup,     Metric::PriceScarcityRent, Metric::PriceRiskPremium,
      Metric::PricePaymentFee,       Metric::PriceTariff,       Metric::DeliveredPriceByRoute};
  std::set<std::string> names;
  const std::vector<SeriesSpec> specs = series_specs();
  for (Metric metric : kRatios)
    for (const SeriesSpec& spec : specs)
      if (spec.metric == metric) names.insert(spec.name);
  return names;
}

// A fixed-weight (Laspeyres) index: each controlled sector's price relative to its average in
// the base period, weighted by the sector's share of base-period delivered value. Sectors
// with nothing delivered in a step drop out and the weights of the rest are rescaled. The
// index of the same goods elsewhere uses the same weights over their makers' list prices.
void MetricsBuffer::finish_price_index(const ScenarioDescription& scenario,
                                       std::int32_t steps_run) {
  const std::size_t sectors = scenario.sectors.size();
  const std::int32_t base_end = std::min(scenario.report.price_base_end, steps_run);
  std::vector<double> base_value(sectors, 0.0);
  for (std::size_t k = 0; k < sectors; ++k) {
    if (!scenario.sectors[k].controlled) continue;
    for (std::int32_t t = scenario.report.price_base_start; t < base_end; ++t) {
      const double price = at(Metric::AveragePrice, t, k);
      if (std::isnan(price)) continue;
      base_value[k] += price * (at(Metric::Demand, t, k) - at(Metric::UnmetDemand, t, k));
    }
  }
  const auto fill_index = [&](Metric price_metric, Metric index_metric) {
    std::vector<double> base_price(sectors, 0.0);
    for (std::size_t k = 0; k < sectors; ++k) {
      if (!scenario.sectors[k].controlled) continue;
      double price_sum = 0.0, count = 0.0;
      for (std::int32_t t = scenario.report.price_base_start; t < base_end; ++t) {
        const double price = at(price_metric, t, k);
        if (std::isnan(price)) continue;
        price_sum += price;
        count += 1.0;
      }
      base_price[k] = count > 0.0 ? price_sum / count : 0.0;
    }
    for (std::int32_t t = 0; t < steps_run; ++t) {
      double weighted = 0.0, weight = 0.0;
      for (std::size_t k = 0; k < sectors; ++k) {
        const double price = at(price_metric, t, k);
        if (base_price[k] <= 0.0 || base_value[k] <= 0.0 || std::isnan(price)) continue;
        weighted += base_value[k] * price / base_price[k];
        weight += base_value[k];
      }
      at(index_metric, t) =
          weight > 0.0 ? weighted / weight : std::numeric_limits<double>::quiet_NaN();
    }
  };
  fill_index(Metric::AveragePrice, Metric::PriceIndex);
  fill_index(Metric::PriceElsewhere, Metric::PriceIndexElsewhere);
}

}  // namespace chokepoint
