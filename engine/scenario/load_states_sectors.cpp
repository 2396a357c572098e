#include "scenario/detail/sections.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

namespace chokepoint::scenario_detail {

namespace {

// A bloc named like a state would make "imposers: [X]" ambiguous.
void reject_bloc_named_like_state(const std::vector<std::pair<std::string, Value>>& blocs,
                                  const std::unordered_map<std::string, std::size_t>& states) {
  for (const auto& [bloc, where] : blocs)
    if (states.count(bloc) > 0)
      where.fail("bloc \"" + bloc + "\" has the same name as a state; rename one of them");
}

}  // namespace

std::vector<StateDesc> load_states(Value list) {
  std::vector<StateDesc> states;
  std::vector<std::pair<std::string, Value>> bloc_mentions;
  // By hash, so that reading n states costs n steps, not n^2 (a file with 10^5 states once
  // took minutes to validate).
  std::unordered_map<std::string, std::size_t> index_of_code;
  for (Value& item : list.list(/*allow_empty=*/false)) {
    MapReader map = item.map();
    StateDesc state;
    Value code = map.required("code");
    state.code = code.identifier();
    if (const auto seen = index_of_code.find(state.code); seen != index_of_code.end())
      code.fail("duplicate state code \"" + state.code + "\" (also states[" +
                std::to_string(seen->second) + "])");
    index_of_code.emplace(state.code, states.size());
    state.name = map.optional_string("name", state.code);
    for (Value& bloc : map.optional_list("blocs", /*flow=*/true)) {
      const std::string name = bloc.identifier();
      if (std::find(state.blocs.begin(), state.blocs.end(), name) != state.blocs.end())
        bloc.fail("bloc \"" + name + "\" is listed twice");
      state.blocs.push_back(name);
      bloc_mentions.emplace_back(name, bloc);
    }
    map.finish();
    states.push_back(std::move(state));
  }
  reject_bloc_named_like_state(bloc_mentions, index_of_code);
  return states;
}

std::vector<SectorDesc> load_sectors(Value list) {
  std::vector<SectorDesc> sectors;
  std::unordered_map<std::string, std::size_t> index_of_code;
  for (Value& item : list.list(/*allow_empty=*/false)) {
    MapReader map = item.map();
    SectorDesc sector;
    Value code = map.required("code");
    sector.code = code.identifier();
    if (const auto seen = index_of_code.find(sector.code); seen != index_of_code.end())
      code.fail("duplicate sector code \"" + sector.code + "\" (also sectors[" +
                std::to_string(seen->second) + "])");
    index_of_code.emplace(sector.code, sectors.size());
    const SectorDesc defaults;
    sector.name = map.optional_string("name", sector.code);
    sector.controlled = map.optional_bool("controlled", defaults.controlled);
    sector.coalition_ip_dependence = map.optional_number(
        "coalition_ip_dependence", defaults.coalition_ip_dependence, NumberRange::unit());
    sector.target_demand = map.required_number("target_demand", NumberRange::at_least(0.0));
    sector.base_price = map.required_number("base_price", NumberRange::above(0.0));
    sector.price_elasticity = map.optional_number("price_elasticity", defaults.price_elasticity,
                                                  NumberRange::closed(0.0, 10.0));
    sector.learning_rate =
        map.optional_number("learning_rate", defaults.learning_rate, NumberRange::closed(0.0, 0.9));
    sector.capex_per_unit =
        map.optional_number("capex_per_unit", defaults.capex_per_unit, NumberRange::at_least(0.0));
    map.finish();
    sectors.push_back(std::move(sector));
  }
  return sectors;
}

}  // namespace chokepoint::scenario_detail
