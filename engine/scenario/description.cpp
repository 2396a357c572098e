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

namespace {
template <typename Population>
std::size_t total_count(const std::vector<Population>& populations) {
  std::size_t total = 0;
  for (const Population& population : populations)
    total += population.count;
  return total;
}
}  // namespace

std::size_t ScenarioDescription::firm_count() const {
  return total_count(firms);
}
std::size_t ScenarioDescription::local_plant_count() const {
  std::size_t plants = 0;
  for (const FirmPopulation& population : firms) {
    if (population.state == target) continue;
    const bool covered = std::any_of(
        policies.local_content.begin(), policies.local_content.end(),
        [&](const LocalContentRule& rule) {
          return std::count(rule.origins.begin(), rule.origins.end(), population.state) > 0 &&
                 std::count(rule.sectors.begin(), rule.sectors.end(), population.sector) > 0;
        });
    if (covered) plants += population.count;
  }
  return plants;
}

std::size_t ScenarioDescription::intermediary_count() const {
  return total_count(intermediaries);
}
std::size_t ScenarioDescription::buyer_count() const {
  return total_count(buyers);
}

}  // namespace chokepoint
