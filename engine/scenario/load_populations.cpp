#include "scenario/detail/sections.hpp"

#include "scenario/detail/distribution.hpp"

namespace chokepoint::scenario_detail {

namespace {

// Agents are indexed with 32 bits downstream; a hundred million of one kind is far beyond
// any calibration we know of, so a larger count is a typo.
const IntegerRange kCountRange{0, 100000000};
const IntegerRange kBuyerCountRange{1, 100000000};

std::uint32_t read_count(MapReader& map, const IntegerRange& range) {
  return static_cast<std::uint32_t>(map.required_integer("count", range));
}

EntryRule read_entry(MapReader& map, std::uint32_t count) {
  EntryRule entry;
  entry.rate = map.optional_number("rate", 0.0, NumberRange::at_least(0.0));
  entry.cost = map.optional_number("cost", 1e5, NumberRange::above(0.0));
  // By default as many entrants can appear as there are incumbents.
  entry.reserve = static_cast<std::uint32_t>(map.optional_integer("reserve", count, kCountRange));
  map.finish();
  return entry;
}

}  // namespace

std::vector<FirmPopulation> load_firms(std::vector<Value> items, const Names& names) {
  std::vector<FirmPopulation> firms;
  for (Value& item : items) {
    MapReader map = item.map();
    FirmPopulation firm;
    Value state = map.required("state");
    firm.state = names.state(state);
    Value sector = map.required("sector");
    firm.sector = names.sector(sector);
    firm.count = read_count(map, kCountRange);
    firm.capacity = required_distribution(map, "capacity", NumberRange::above(0.0));
    firm.unit_cost = required_distribution(map, "unit_cost", NumberRange::above(0.0));
    firm.quality = optional_distribution(map, "quality", 0.7, NumberRange::unit());
    firm.coalition_revenue =
        optional_distribution(map, "coalition_revenue", 0.0, NumberRange::at_least(0.0));
    firm.risk_aversion =
        optional_distribution(map, "risk_aversion", 1.0, NumberRange::at_least(0.0));
    firm.compliance = optional_distribution(map, "compliance", 0.0, NumberRange::unit());
    firm.branded_share = map.optional_number("branded_share", 1.0, NumberRange::unit());
    map.finish();
    firms.push_back(firm);
  }
  return firms;
}

std::vector<IntermediaryPopulation> load_intermediaries(std::vector<Value> items,
                                                        const Names& names) {
  std::vector<IntermediaryPopulation> intermediaries;
  for (Value& item : items) {
    MapReader map = item.map();
    IntermediaryPopulation population;
    Value hub = map.required("hub");
    population.hub = names.state(hub);
    Value sector = map.required("sector");
    population.sector = names.sector(sector);
    population.count = read_count(map, kCountRange);
    population.capacity = required_distribution(map, "capacity", NumberRange::above(0.0));
    population.markup = optional_distribution(map, "markup", 0.15, NumberRange::at_least(0.0));
    population.document_quality =
        optional_distribution(map, "document_quality", 0.5, NumberRange::unit());
    population.detection_rate = map.optional_number("detection_rate", 0.01, NumberRange::unit());
    population.logistics_cost =
        map.optional_number("logistics_cost", 0.0, NumberRange::closed(0.0, 10.0));
    population.end_use_screening =
        map.optional_number("end_use_screening", 1.0, NumberRange::unit());
    population.home_to = names.optional_states_or_blocs(map, "home_to");
    MapReader entry = map.optional_map("entry");
    entry.use_flow_style();
    population.entry = read_entry(entry, population.count);
    map.finish();
    intermediaries.push_back(population);
  }
  return intermediaries;
}

std::vector<BuyerPopulation> load_buyers(std::vector<Value> items, const Names& names,
                                         std::size_t state_count) {
  std::vector<BuyerPopulation> buyers;
  for (Value& item : items) {
    MapReader map = item.map();
    BuyerPopulation buyer;
    Value sector = map.required("sector");
    buyer.sector = names.sector(sector);
    buyer.count = read_count(map, kBuyerCountRange);
    const BuyerPopulation defaults;
    buyer.demand_dispersion = map.optional_number("demand_dispersion", defaults.demand_dispersion,
                                                  NumberRange::closed(0.0, 5.0));
    buyer.price_sensitivity = map.optional_number("price_sensitivity", defaults.price_sensitivity,
                                                  NumberRange::closed(0.0, 50.0));
    buyer.quality_weight = map.optional_number("quality_weight", defaults.quality_weight,
                                               NumberRange::closed(0.0, 50.0));
    buyer.reliability_weight = map.optional_number(
        "reliability_weight", defaults.reliability_weight, NumberRange::closed(0.0, 50.0));
    buyer.loyalty =
        map.optional_number("loyalty", defaults.loyalty, NumberRange::closed(0.0, 20.0));
    buyer.search =
        static_cast<std::uint32_t>(map.optional_integer("search", defaults.search, {1, 16}));
    buyer.origin_aversion.assign(state_count, 0.0);
    MapReader aversion = map.optional_map("origin_aversion");
    aversion.use_flow_style();
    for (MapReader::Item& entry : aversion.items()) {
      const StateIndex state = names.state(entry.key);
      buyer.origin_aversion[state] = entry.value.number(NumberRange::closed(-50.0, 50.0));
    }
    map.finish();
    buyers.push_back(std::move(buyer));
  }
  return buyers;
}

}  // namespace chokepoint::scenario_detail
