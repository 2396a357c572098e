#pragma once

#include <cstdint>

#include "chokepoint/random/stream.hpp"
#include "chokepoint/world/world.hpp"

namespace chokepoint {

// Rebuilds a sector's table for drawing offers in proportion to the quantity offered.
void rebuild_sampler(SectorSampler& sampler, const Offers& offers);
// An offer id drawn in proportion to quantity, or -1 when nothing is on offer.
std::int32_t sample_offer(const SectorSampler& sampler, RandomStream& stream);

}  // namespace chokepoint
