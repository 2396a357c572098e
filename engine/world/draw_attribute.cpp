#include <algorithm>
#include <cmath>

#include "chokepoint/random/stream.hpp"
#include "chokepoint/world/world.hpp"

namespace chokepoint {

double draw_attribute(const Distribution& distribution, std::uint64_t seed, std::uint64_t agent,
                      AttributeId attribute) {
  RandomStream stream(seed, agent, static_cast<std::uint32_t>(attribute), Purpose::Attribute);
  double value = distribution.a;
  switch (distribution.kind) {
    case Distribution::Kind::Fixed:
      break;
    case Distribution::Kind::Uniform:
      value = distribution.a + (distribution.b - distribution.a) * stream.uniform();
      break;
    case Distribution::Kind::Normal:
      value = distribution.a + distribution.b * stream.normal();
      break;
    case Distribution::Kind::LogNormal:
      value = distribution.a * std::exp(distribution.b * stream.normal());
      break;
  }
  return std::clamp(value, distribution.min, distribution.max);
}

}  // namespace chokepoint
