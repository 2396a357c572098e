#include "chokepoint/world/world.hpp"

namespace chokepoint {

void activate_intermediary(World& world, const ScenarioDescription& scenario,
                           const IntermediaryPopulation& population, std::size_t slot) {
  Intermediaries& intermediaries = world.intermediaries;
  const std::uint64_t seed = scenario.seed;
  const std::uint64_t id = world.intermediary_id(slot);
  intermediaries.status[slot] = IntermediaryStatus::Active;
  intermediaries.capacity[slot] =
      draw_attribute(population.capacity, seed, id, AttributeId::IntermediaryCapacity);
  intermediaries.base_markup[slot] =
      draw_attribute(population.markup, seed, id, AttributeId::IntermediaryMarkup);
  intermediaries.markup[slot] = intermediaries.base_markup[slot];
  intermediaries.sell_through[slot] = scenario.behaviour.target_utilisation;
  intermediaries.document_quality[slot] = draw_attribute(population.document_quality, seed, id,
                                                         AttributeId::IntermediaryDocumentQuality);
}

}  // namespace chokepoint
