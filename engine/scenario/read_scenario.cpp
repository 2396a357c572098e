#include "scenario/detail/sections.hpp"

namespace chokepoint::scenario_detail {

ScenarioDescription read_scenario(Value root) {
  MapReader top = root.map();
  ScenarioDescription scenario;
  scenario.name = top.required_string("name");
  top.optional_string("description", "", /*allow_empty=*/true);
  if (auto seed = top.find("seed")) {
    scenario.seed = seed->unsigned_integer();
  } else {
    top.write("seed", std::to_string(scenario.seed));
  }
  MapReader calendar = top.required("calendar").map();
  scenario.calendar = load_calendar(calendar);
  // The target is resolved once the states are known, but stays in its place in the output.
  Value target = top.required("target");
  target.string();
  scenario.states = load_states(top.required("states"));
  scenario.sectors = load_sectors(top.required("sectors"));
  const Names names(scenario.states, scenario.sectors);
  scenario.target = names.state(target);

  scenario.firms = load_firms(top.optional_list("firms"), names);
  scenario.intermediaries = load_intermediaries(top.optional_list("intermediaries"), names);
  scenario.buyers = load_buyers(top.optional_list("buyers"), names, scenario.states.size());
  MapReader policies = top.optional_map("policies");
  scenario.policies = load_policies(policies, names, scenario.calendar, scenario.target);
  MapReader behaviour = top.optional_map("behaviour");
  scenario.behaviour = load_behaviour(behaviour);
  MapReader report = top.optional_map("report");
  scenario.report = load_report(report, names, scenario.calendar);
  // Written back only when given: the machine's memory, the default, is no part of a scenario.
  if (auto limits_value = top.find("limits")) {
    MapReader limits = limits_value->map();
    limits.use_flow_style();
    scenario.limits = load_limits(limits);
  }
  top.finish();
  return scenario;
}

}  // namespace chokepoint::scenario_detail
