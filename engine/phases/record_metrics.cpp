#include <cmath>
#include <limits>

#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/step_context.hpp"
#include "chokepoint/sim/metrics.hpp"

namespace chokepoint {

namespace {

// Deliveries by making state and route, from each firm's sales. What went through a pool is
// attributed to its suppliers pro rata; seized goods never arrived and are not counted.
void record_deliveries(const StepContext& context, MetricsBuffer& metrics) {
  const World& world = context.world;
  const Firms& firms = world.firms;
  const std::int32_t t = context.step;
  const std::size_t states = world.state_count;
  const double discount = 1.0 - context.scenario.behaviour.wholesale_discount;
  for (std::size_t f = 0; f < firms.count; ++f) {
    const SectorIndex k = firms.sector[f];
    const StateIndex s = firms.state[f];
    double units = 0.0, value = 0.0;
    Route route = firms.domestic[f] ? Route::Domestic : Route::Direct;
    if (firms.channel[f] == Channel::Direct) {
      units = world.offers.sold[f];
      value = units * world.offers.price[f];  // what buyers paid, payment costs included
    } else if (firms.channel[f] == Channel::Intermediary) {
      route = Route::Intermediary;
      const Pool& pool = world.pools[static_cast<std::size_t>(firms.pool[f])];
      double share = pool.supply > 0.0 ? firms.offered[f] / pool.supply : 0.0;
      // Under a limit on unbranded equipment the pool sold its suppliers' goods in unequal
      // proportions: each firm's part of the deliveries is its part of the pool's purchases.
      if (context.policy.unbranded_active[k])
        share = pool.sales > 0.0 ? firms.sales[f] / pool.sales : 0.0;
      units = share * pool.delivered;
      value = share * pool.delivered_value;
      if (world.is_coalition[s] && context.scenario.sectors[k].controlled)
        context.history.coalition_exports_by_state[pool.hub] += firms.sales[f];
      if (world.is_coalition[s]) {
        metrics.at(Metric::CoalitionExportsToHub, t, pool.hub_index) += firms.sales[f];
        metrics.at(Metric::CoalitionExportsToHubValue, t, pool.hub_index) +=
            firms.sales[f] * firms.price[f] * discount;
      }
    }
    const std::size_t cell = (k * states + s) * kRouteCount + static_cast<std::size_t>(route);
    metrics.at(Metric::Imports, t, cell) += units;
    metrics.at(Metric::ImportsValue, t, cell) += value;
    if (route != Route::Domestic && units > 0.0) {
      // Making and shipping state of the same flow: a hub's traders ship what makers of any
      // state sent them.
      const StateIndex shipper = route == Route::Intermediary
                                     ? world.pools[static_cast<std::size_t>(firms.pool[f])].hub
                                     : s;
      const std::size_t pair_cell = (k * states + s) * states + shipper;
      metrics.at(Metric::ImportsByMakerShipper, t, pair_cell) += units;
      metrics.at(Metric::ImportsByMakerShipperValue, t, pair_cell) += value;
    }
    // A local plant is a firm of the target once it has capacity; dormant, it is not a firm.
    const bool local_plant = firms.owner[f] >= 0;
    if (local_plant) metrics.at(Metric::RelocatedCapacity, t, k) += firms.capacity[f];
    if (!local_plant || firms.capacity[f] > 0.0)
      metrics.at(Metric::FirmsServing, t,
                 s * kChannelCount + static_cast<std::size_t>(firms.channel[f])) += 1.0;
    if (firms.newly_designated[f]) metrics.at(Metric::FirmDesignations, t, s) += 1.0;
    if (firms.designated[f]) {
      metrics.at(Metric::FirmsDesignatedTotal, t, s) += 1.0;
      metrics.at(Metric::CoalitionRevenueLost, t) += firms.coalition_revenue[f];
    }
    if (firms.domestic[f])
      metrics.at(Metric::DomesticCapacity, t, k) += firms.effective_capacity[f];
  }
}

// Imports by declared origin: what customs statistics of the target would show.
void record_shippers(const StepContext& context, MetricsBuffer& metrics) {
  const World& world = context.world;
  const Offers& offers = world.offers;
  const std::int32_t t = context.step;
  for (std::size_t o = 0; o < offers.count; ++o) {
    if (offers.route[o] == Route::Domestic || offers.seized[o] || offers.sold[o] <= 0.0) continue;
    const std::size_t cell = offers.sector[o] * world.state_count + offers.shipper[o];
    metrics.at(Metric::ImportsByShipper, t, cell) += offers.sold[o];
    metrics.at(Metric::ImportsByShipperValue, t, cell) += offers.sold[o] * offers.price[o];
    metrics.at(Metric::TariffRevenue, t, offers.sector[o]) +=
        offers.sold[o] * (offers.delivered_price[o] - offers.price[o]);
    // Units for now; record_sectors turns them into a share of the sector's imports.
    metrics.at(Metric::UnbrandedShare, t, offers.sector[o]) += offers.sold_unbranded[o];
  }
}

// The delivered price by hop, per sector and route: each component summed over the units
// that arrived (seized goods did not), then divided by them; and the same goods at their
// makers' list prices, the control group of what the goods cost buyers elsewhere.
void record_price_components(const StepContext& context, MetricsBuffer& metrics) {
  const World& world = context.world;
  const Firms& firms = world.firms;
  const Offers& offers = world.offers;
  const Intermediaries& intermediaries = world.intermediaries;
  const std::int32_t t = context.step;
  std::vector<double>& units = context.totals.units_by_sector_route;
  std::fill(units.begin(), units.end(), 0.0);
  const auto add = [&](Metric metric, std::size_t cell, double amount) {
    metrics.at(metric, t, cell) += amount;
  };
  for (std::size_t f = 0; f < firms.count; ++f) {
    const double sold = offers.sold[f];
    if (sold <= 0.0) continue;
    const std::size_t cell =
        offers.sector[f] * kRouteCount + static_cast<std::size_t>(offers.route[f]);
    units[cell] += sold;
    add(Metric::PriceMaker, cell, sold * (firms.price[f] - firms.risk_premium[f]));
    add(Metric::PriceMakerRiskPremium, cell, sold * firms.risk_premium[f]);
    // As firm_offer charges it: the target's own producers are paid at home.
    const double payment_cost =
        offers.route[f] == Route::Domestic ? 0.0 : context.policy.payment_cost[firms.state[f]];
    add(Metric::PricePaymentFee, cell, sold * firms.price[f] * payment_cost);
    add(Metric::PriceTariff, cell, sold * (offers.delivered_price[f] - offers.price[f]));
    add(Metric::DeliveredPriceByRoute, cell, sold * offers.delivered_price[f]);
    metrics.at(Metric::PriceElsewhere, t, offers.sector[f]) +=
        sold * normal_price(firms, f, context.scenario.behaviour);
  }
  for (std::size_t i = 0; i < intermediaries.count; ++i) {
    const std::size_t o = world.intermediary_offer(i);
    const double sold = offers.sold[o];
    if (sold <= 0.0 || offers.seized[o]) continue;
    const Pool& pool = world.pools[intermediaries.pool[i]];
    const HopCosts costs =
        hop_costs(pool, context.scenario.intermediaries[pool.population].logistics_cost);
    const double landed = costs.landed();
    const double floor = landed * intermediaries.base_markup[i];
    const double scarcity = landed * (intermediaries.markup[i] - intermediaries.base_markup[i]);
    const double risk = landed * intermediaries.risk_premium[i];
    const double before_fee = landed + floor + scarcity + risk;
    const std::size_t cell =
        pool.sector * kRouteCount + static_cast<std::size_t>(Route::Intermediary);
    units[cell] += sold;
    add(Metric::PriceMaker, cell, sold * (costs.maker - costs.maker_risk_premium));
    add(Metric::PriceMakerRiskPremium, cell, sold * costs.maker_risk_premium);
    add(Metric::PriceDistributor, cell, sold * costs.distributor);
    add(Metric::PriceLogistics, cell, sold * costs.logistics);
    add(Metric::PriceTraderMarkup, cell, sold * floor);
    add(Metric::PriceScarcityRent, cell, sold * scarcity);
    add(Metric::PriceRiskPremium, cell, sold * risk);
    add(Metric::PricePaymentFee, cell, sold * before_fee * context.policy.payment_cost[pool.hub]);
    add(Metric::PriceTariff, cell, sold * (offers.delivered_price[o] - offers.price[o]));
    add(Metric::DeliveredPriceByRoute, cell, sold * offers.delivered_price[o]);
    metrics.at(Metric::PriceElsewhere, t, pool.sector) +=
        pool.supply > 0.0 ? sold * pool.supply_normal_value / pool.supply : 0.0;
    // Divided by the hub's deliveries in record_hubs.
    metrics.at(Metric::HubRiskPremium, t, pool.hub_index) += sold * intermediaries.risk_premium[i];
  }
  constexpr Metric kComponents[] = {Metric::PriceMaker,        Metric::PriceMakerRiskPremium,
                                    Metric::PriceDistributor,  Metric::PriceLogistics,
                                    Metric::PriceTraderMarkup, Metric::PriceScarcityRent,
                                    Metric::PriceRiskPremium,  Metric::PricePaymentFee,
                                    Metric::PriceTariff,       Metric::DeliveredPriceByRoute};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t cell = 0; cell < units.size(); ++cell)
    for (Metric metric : kComponents) {
      double& value = metrics.at(metric, t, cell);
      value = units[cell] > 0.0 ? value / units[cell] : nan;
    }
  for (std::size_t k = 0; k < world.sector_count; ++k) {
    double delivered = 0.0;
    for (int r = 0; r < kRouteCount; ++r)
      delivered += units[k * kRouteCount + static_cast<std::size_t>(r)];
    double& elsewhere = metrics.at(Metric::PriceElsewhere, t, k);
    elsewhere = delivered > 0.0 ? elsewhere / delivered : nan;
  }
}

void record_dependence(const StepContext& context, MetricsBuffer& metrics) {
  const ScenarioDescription& scenario = context.scenario;
  const std::size_t states = context.world.state_count;
  const std::int32_t t = context.step;
  std::vector<double>& imports = context.history.imports_by_sector;
  std::fill(imports.begin(), imports.end(), 0.0);
  double shipper_total = 0.0, maker_total = 0.0;
  for (std::size_t k = 0; k < scenario.sectors.size(); ++k) {
    for (std::size_t s = 0; s < states; ++s) {
      const double shipped_units = metrics.at(Metric::ImportsByShipper, t, k * states + s);
      imports[k] += shipped_units;
      context.history.imports_by_sector_origin[k * states + s] = shipped_units;
      if (!scenario.sectors[k].controlled) continue;
      const double shipped = metrics.at(Metric::ImportsByShipperValue, t, k * states + s);
      const std::size_t cell = (k * states + s) * kRouteCount;
      const double made = metrics.at(Metric::ImportsValue, t, cell + 0) +
                          metrics.at(Metric::ImportsValue, t, cell + 1);
      metrics.at(Metric::ShipperShareControlled, t, s) += shipped;
      metrics.at(Metric::MakerShareControlled, t, s) += made;
      shipper_total += shipped;
      maker_total += made;
    }
  }
  double hhi = 0.0, focus = 0.0, focus_maker = 0.0;
  for (std::size_t s = 0; s < states; ++s) {
    double& shipper_share = metrics.at(Metric::ShipperShareControlled, t, s);
    double& maker_share = metrics.at(Metric::MakerShareControlled, t, s);
    shipper_share = shipper_total > 0.0 ? shipper_share / shipper_total : 0.0;
    maker_share = maker_total > 0.0 ? maker_share / maker_total : 0.0;
    hhi += shipper_share * shipper_share;
  }
  for (StateIndex s : scenario.report.focus_group) {
    focus += metrics.at(Metric::ShipperShareControlled, t, s);
    focus_maker += metrics.at(Metric::MakerShareControlled, t, s);
  }
  metrics.at(Metric::FocusShare, t) = focus;
  metrics.at(Metric::FocusMakerShare, t) = focus_maker;
  metrics.at(Metric::Hhi, t) = hhi;
}

void record_sectors(const StepContext& context, MetricsBuffer& metrics) {
  const World& world = context.world;
  const std::size_t states = world.state_count;
  const std::int32_t t = context.step;
  for (std::size_t b = 0; b < world.buyers.count; ++b)
    metrics.at(Metric::Demand, t, world.buyers.sector[b]) += world.buyers.demand[b];
  for (std::size_t k = 0; k < world.sector_count; ++k) {
    double units = 0.0, value = 0.0, domestic = 0.0;
    for (std::size_t s = 0; s < states; ++s)
      for (int r = 0; r < kRouteCount; ++r) {
        const std::size_t cell = (k * states + s) * kRouteCount + static_cast<std::size_t>(r);
        units += metrics.at(Metric::Imports, t, cell);
        value += metrics.at(Metric::ImportsValue, t, cell);
        if (r == static_cast<int>(Route::Domestic))
          domestic += metrics.at(Metric::Imports, t, cell);
      }
    // What buyers paid: the sellers' prices plus the target's duties.
    value += metrics.at(Metric::TariffRevenue, t, k);
    metrics.at(Metric::AveragePrice, t, k) =
        units > 0.0 ? value / units : std::numeric_limits<double>::quiet_NaN();
    if (units > 0.0) context.history.average_price[k] = value / units;
    metrics.at(Metric::DomesticShare, t, k) = units > 0.0 ? domestic / units : 0.0;
    const double imported = context.history.imports_by_sector[k];  // this step's, by now
    double& unbranded = metrics.at(Metric::UnbrandedShare, t, k);
    unbranded = imported > 0.0 ? unbranded / imported : 0.0;
    metrics.at(Metric::UnmetDemand, t, k) = context.totals.unmet_by_sector[k];
    // Paid per step; recorded as a monthly rate like every other flow.
    metrics.at(Metric::SubsidyOutlays, t, k) = context.totals.subsidy_paid[k] / context.months;
  }
  const Firms& firms = context.world.firms;
  for (std::size_t f = 0; f < firms.count; ++f)
    if (firms.contract_units[f] > 0.0)
      metrics.at(Metric::ContractPurchases, t, firms.sector[f]) += firms.contract_units[f];
}

void record_hubs(const StepContext& context, MetricsBuffer& metrics) {
  const World& world = context.world;
  const std::int32_t t = context.step;
  for (const Pool& pool : world.pools) {
    metrics.at(Metric::IntermediariesActive, t, pool.hub_index) += pool.active;
    metrics.at(Metric::HubVolume, t, pool.hub_index) += pool.delivered;
    metrics.at(Metric::HubSeized, t, pool.hub_index) += pool.sales - pool.delivered;
  }
  for (std::size_t h = 0; h < world.hubs.size(); ++h) {
    const double delivered = metrics.at(Metric::HubVolume, t, h);
    double& premium = metrics.at(Metric::HubRiskPremium, t, h);
    premium = delivered > 0.0 ? premium / delivered : std::numeric_limits<double>::quiet_NaN();
    metrics.at(Metric::EnforcementIntensity, t, h) = context.policy.enforcement[world.hubs[h]];
    metrics.at(Metric::IntermediariesEntered, t, h) = context.totals.entered_by_hub[h];
    metrics.at(Metric::IntermediariesDesignated, t, h) = context.totals.designated_by_hub[h];
  }
}

}  // namespace

// Phase 6: the step's series, computed serially in agent order so that every sum is
// reproducible to the bit.
void record_metrics(StepContext& context, MetricsBuffer& metrics) {
  ImportHistory& history = context.history;
  std::fill(history.coalition_exports_by_state.begin(), history.coalition_exports_by_state.end(),
            0.0);
  record_deliveries(context, metrics);
  // The base period of the price index is also the trend that enforcement escalation
  // compares hubs' purchases of coalition goods against.
  const Report& report = context.scenario.report;
  if (context.step >= report.price_base_start && context.step < report.price_base_end) {
    for (std::size_t s = 0; s < history.coalition_exports_by_state.size(); ++s)
      history.coalition_exports_base_sum[s] += history.coalition_exports_by_state[s];
    ++history.base_steps;
  }
  metrics.at(Metric::EnforcementSpending, context.step) =
      context.policy.enforcement_spending / context.months;
  const std::vector<double>& rejection = context.policy.payment_rejection;
  for (std::size_t s = 0; s < rejection.size(); ++s)
    metrics.at(Metric::PaymentRejection, context.step, s) = rejection[s];
  metrics.at(Metric::RelocationInvestment, context.step) =
      context.totals.relocation_investment / context.months;
  record_shippers(context, metrics);
  record_price_components(context, metrics);
  record_dependence(context, metrics);
  record_sectors(context, metrics);
  record_hubs(context, metrics);
}

}  // namespace chokepoint
