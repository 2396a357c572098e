#pragma once

// One reader per section of a scenario file. read_scenario() calls them in file order; each
// checks its own keys and ranges and resolves names through Names.

#include <vector>

#include "chokepoint/scenario/description.hpp"
#include "scenario/detail/names.hpp"
#include "scenario/detail/node_reader.hpp"

namespace chokepoint::scenario_detail {

// The whole scenario from the document's root (which must be a map).
ScenarioDescription read_scenario(Value root);

Calendar load_calendar(MapReader& calendar);
std::vector<StateDesc> load_states(Value states);
std::vector<SectorDesc> load_sectors(Value sectors);
std::vector<FirmPopulation> load_firms(std::vector<Value> items, const Names& names);
std::vector<IntermediaryPopulation> load_intermediaries(std::vector<Value> items,
                                                        const Names& names);
std::vector<BuyerPopulation> load_buyers(std::vector<Value> items, const Names& names,
                                         std::size_t state_count);
// `target` is needed by the instruments that only the target imposes on foreign firms.
Policies load_policies(MapReader& policies, const Names& names, const Calendar& calendar,
                       StateIndex target);
Behaviour load_behaviour(MapReader& behaviour);
Report load_report(MapReader& report, const Names& names, const Calendar& calendar);
Limits load_limits(MapReader& limits);

}  // namespace chokepoint::scenario_detail
