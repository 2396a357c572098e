#include "chokepoint/world/world.hpp"

namespace chokepoint {

void activate_intermediary(World& world, const IntermediaryPopulation& population,
                           std::uint64_t seed, std::size_t slot) {
  Intermediaries& intermediaries = world.intermediaries;
  const std::uint64_t id = world.intermediary_id(slot);
  intermediaries.status[slot] = IntermediaryStatus::Active;
  intermediaries.capacity[slot] =
      draw_attribute(population.capacity, seed, id, AttributeId::IntermediaryCapacity);
  intermediaries.markup[slot] =
      draw_attribute(population.markup, seed, id, AttributeId::IntermediaryMarkup);
  intermediaries.document_quality[slot] = draw_attribute(population.document_quality, seed, id,
                                                         AttributeId::IntermediaryDocumentQuality);
}

}  // namespace chokepoint
