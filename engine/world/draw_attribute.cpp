#include <algorithm>
#include <cmath>

#include "chokepoint/random/stream.hpp"
#include "chokepoint/world/world.hpp"

namespace chokepoint {

double distribution_mean(const Distribution& distribution) {
  switch (distribution.kind) {
    case Distribution::Kind::Uniform:
      return 0.5 * (distribution.a + distribution.b);
    case Distribution::Kind::LogNormal:
      return distribution.a * std::exp(0.5 * distribution.b * distribution.b);
    case Distribution::Kind::Fixed:
    case Distribution::Kind::Normal:
      break;
  }
  return distribution.a;
}

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
