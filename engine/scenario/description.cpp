#include "chokepoint/scenario/description.hpp"

#include <algorithm>

namespace chokepoint {

bool ScenarioDescription::in_bloc(StateIndex state, const std::string& bloc) const {
  if (state >= states.size()) return false;
  const std::vector<std::string>& blocs = states[state].blocs;
  return std::find(blocs.begin(), blocs.end(), bloc) != blocs.end();
}

std::vector<StateIndex> ScenarioDescription::hubs() const {
  std::vector<StateIndex> result;
  for (const IntermediaryPopulation& population : intermediaries) {
    if (std::find(result.begin(), result.end(), population.hub) == result.end())
      result.push_back(population.hub);
  }
  return result;
}

}  // namespace chokepoint
