#pragma once

// Per-step series of a run (MODEL.md section 7), buffered in memory (steps x a few hundred
// numbers) and handed to the writer as a RunRecord when the run ends.

#include <array>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "chokepoint/output/run_record.hpp"
#include "chokepoint/scenario/description.hpp"

namespace chokepoint {

enum class Metric : std::size_t {
  Imports,                     // [time, sector, origin, route] units/month by making state
  ImportsValue,                // same, USD/month
  ImportsByShipper,            // [time, sector, state] units/month by declared origin
  ImportsByShipperValue,       // same, USD/month
  ShipperShareControlled,      // [time, state] share of controlled-import value
  MakerShareControlled,        // [time, state]
  FocusShare,                  // [time] shipper basis
  FocusMakerShare,             // [time]
  Hhi,                         // [time] over shippers of controlled imports
  AveragePrice,                // [time, sector] USD/unit delivered
  PriceIndex,                  // [time] controlled goods, base period = 1 (filled at the end)
  Demand,                      // [time, sector]
  UnmetDemand,                 // [time, sector]
  DomesticShare,               // [time, sector]
  DomesticCapacity,            // [time, sector] effective units/month
  SubsidyOutlays,              // [time, sector] USD/month
  ContractPurchases,           // [time, sector] units/month bought under long-term contracts
  IntermediariesActive,        // [time, hub]
  IntermediariesEntered,       // [time, hub]
  IntermediariesDesignated,    // [time, hub]
  HubVolume,                   // [time, hub] units/month delivered through the hub
  HubSeized,                   // [time, hub] units/month seized
  CoalitionExportsToHub,       // [time, hub] units/month of coalition-made goods bought by hubs
  CoalitionExportsToHubValue,  // [time, hub] USD/month
  FirmsServing,                // [time, state, channel]
  FirmDesignations,            // [time, state] new designations
  FirmsDesignatedTotal,        // [time, state]
  CoalitionRevenueLost,        // [time] USD/month
  TariffRevenue,               // [time, sector] USD/month
  EnforcementIntensity,        // [time, hub] multiplier of the detection hazard
  EnforcementSpending,         // [time] USD/month
  PaymentRejection,            // [time, state] share of payments the state's banks reject
  RelocatedCapacity,           // [time, sector] units/month of foreign firms' local plants
  RelocationInvestment,        // [time] USD/month committed to local plants
  UnbrandedShare,              // [time, sector] share of imports (units) that were unbranded
  ImportsByMakerShipper,       // [time, sector, state, shipper] units/month, making x shipping
  ImportsByMakerShipperValue,  // same, USD/month
  // The delivered price by hop (docs/MODEL_CHOICES.md, "Price of each hop"): USD/unit, means
  // over the units delivered by each route, [time, sector, route]; NaN where none were.
  PriceMaker,             // what the maker was paid, less its risk premium
  PriceMakerRiskPremium,  // the maker's premium for its own risk of designation
  PriceDistributor,       // distributors' margin on covered goods
  PriceLogistics,         // transshipment and logistics from the hub
  PriceTraderMarkup,      // the trader's own markup (its drawn floor: cost of doing business)
  PriceScarcityRent,      // the trader's markup above its floor: what scarce goods fetch
  PriceRiskPremium,       // the trader's premium for the expected loss of seized goods
  PricePaymentFee,        // payment agents' and rerouted payments' fees
  PriceTariff,            // the target's duty
  DeliveredPriceByRoute,  // their sum: what buyers paid
  PriceElsewhere,         // [time, sector] the same goods at their makers' normal prices
  PriceIndexElsewhere,    // [time] of PriceElsewhere, weighted like PriceIndex
  HubRiskPremium,         // [time, hub] traders' risk premium, share of landed cost
  Count
};

class MetricsBuffer {
 public:
  explicit MetricsBuffer(const ScenarioDescription& scenario);

  // Element `index` (row-major over the series' non-time dims) of `metric` at `step`.
  double& at(Metric metric, std::int32_t step, std::size_t index = 0) {
    Series& s = record_.series[static_cast<std::size_t>(metric)];
    return s
        .values[static_cast<std::size_t>(step) * inner_[static_cast<std::size_t>(metric)] + index];
  }
  double at(Metric metric, std::int32_t step, std::size_t index = 0) const {
    const Series& s = record_.series[static_cast<std::size_t>(metric)];
    return s
        .values[static_cast<std::size_t>(step) * inner_[static_cast<std::size_t>(metric)] + index];
  }
  std::size_t inner_size(Metric metric) const { return inner_[static_cast<std::size_t>(metric)]; }
  const RunRecord& record() const { return record_; }
  RunRecord& record() { return record_; }
  // Fills the price indices (the target's, and the same goods' elsewhere) from the average
  // prices, once the base period has been run.
  void finish_price_index(const ScenarioDescription& scenario, std::int32_t steps_run);

  // The series in which NaN means "no value" (a price where nothing was delivered); every
  // other series must hold finite numbers (chokepoint/output/finite_values.hpp).
  static std::set<std::string> series_missing_allowed();

  // Heap bytes a buffer for `scenario` will hold, worked out without building it; and what
  // this one holds (capacities times element sizes, names and labels included).
  static std::uint64_t bytes_needed(const ScenarioDescription& scenario);
  std::uint64_t bytes_held() const;

 private:
  RunRecord record_;
  std::array<std::size_t, static_cast<std::size_t>(Metric::Count)> inner_{};
};

}  // namespace chokepoint
