#include "scenario/detail/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "scenario/detail/scalar_text.hpp"

namespace chokepoint::scenario_detail {

namespace {

// Draws are clamped to the numbers a file may give, so no agent gets a value no file could.
constexpr double kUnboundedLow = -kLargestMagnitude;
constexpr double kUnboundedHigh = kLargestMagnitude;

// Draws beyond this many standard deviations (of the log, for lognormal) are so rare that a
// distribution whose mean +- this lies outside the valid range is a mistake, not a choice.
constexpr double kPracticalSds = 4.0;

struct Interval {
  double lo;
  double hi;
};

// The closed interval of clamp values for a valid range: an open bound becomes the nearest
// representable value inside it (kSmallestMagnitude for "> 0", so 1/x stays finite).
Interval clamp_bounds(const NumberRange& valid) {
  Interval bounds{kUnboundedLow, kUnboundedHigh};
  if (valid.lo > kUnboundedLow) {
    if (!valid.lo_open) {
      bounds.lo = valid.lo;
    } else if (valid.lo == 0.0) {
      bounds.lo = kSmallestMagnitude;
    } else {
      bounds.lo = std::nextafter(valid.lo, kUnboundedHigh);
    }
  }
  if (valid.hi < kUnboundedHigh)
    bounds.hi = valid.hi_open ? std::nextafter(valid.hi, kUnboundedLow) : valid.hi;
  return bounds;
}

Distribution fixed_distribution(Value& value, const NumberRange& valid) {
  Distribution d = Distribution::fixed(value.number(valid));
  const Interval bounds = clamp_bounds(valid);
  d.min = bounds.lo;
  d.max = bounds.hi;
  return d;
}

// Reads the one shape key (uniform, normal or lognormal); returns where its draws practically
// fall.
Interval read_shape(MapReader& map, Distribution& d) {
  int given = 0;
  for (const char* shape : {"uniform", "normal", "lognormal"}) {
    if (!map.has(shape)) continue;
    if (++given > 1) {
      map.required(shape).fail("give only one of uniform, normal or lognormal in a distribution");
    }
  }
  if (given == 0) {
    // Unknown keys first: "unifrom" is better reported as a typo than as a missing shape.
    for (const char* key : {"uniform", "normal", "lognormal", "min", "max"})
      map.find(key);
    map.finish();
    map.fail(
        "a distribution needs one of uniform: [low, high], normal: {mean, sd} or "
        "lognormal: {median, sigma}");
  }
  if (auto uniform = map.find("uniform")) {
    std::vector<Value> bounds = uniform->list(/*allow_empty=*/false, /*flow=*/true);
    if (bounds.size() != 2)
      uniform->fail("expected [low, high], found a list of " + std::to_string(bounds.size()) +
                    " values");
    d.kind = Distribution::Kind::Uniform;
    d.a = bounds[0].number(NumberRange::any());
    d.b = bounds[1].number(NumberRange::any());
    if (d.a > d.b)
      uniform->fail("low " + format_number(d.a) + " is above high " + format_number(d.b));
    return {d.a, d.b};
  }
  if (auto normal = map.find("normal")) {
    MapReader params = normal->map();
    normal->out().SetStyle(YAML::EmitterStyle::Flow);
    d.kind = Distribution::Kind::Normal;
    d.a = params.required_number("mean", NumberRange::any());
    d.b = params.required_number("sd", NumberRange::at_least(0.0));
    params.finish();
    return {d.a - kPracticalSds * d.b, d.a + kPracticalSds * d.b};
  }
  Value lognormal = map.required("lognormal");
  MapReader params = lognormal.map();
  lognormal.out().SetStyle(YAML::EmitterStyle::Flow);
  d.kind = Distribution::Kind::LogNormal;
  d.a = params.required_number("median", NumberRange::above(0.0));
  d.b = params.required_number("sigma", NumberRange::at_least(0.0));
  params.finish();
  return {d.a * std::exp(-kPracticalSds * d.b), d.a * std::exp(kPracticalSds * d.b)};
}

Distribution shaped_distribution(Value& value, const NumberRange& valid) {
  MapReader map = value.map();
  value.out().SetStyle(YAML::EmitterStyle::Flow);
  Distribution d;
  const Interval support = read_shape(map, d);
  const Interval bounds = clamp_bounds(valid);
  d.min = bounds.lo;
  d.max = bounds.hi;
  auto user_min = map.find("min");
  auto user_max = map.find("max");
  double clamp_lo = -std::numeric_limits<double>::infinity();
  double clamp_hi = std::numeric_limits<double>::infinity();
  if (user_min) clamp_lo = user_min->number(NumberRange::any());
  if (user_max) clamp_hi = user_max->number(NumberRange::any());
  map.finish();
  if (clamp_lo > clamp_hi)
    user_max->fail("max " + format_number(clamp_hi) + " is below min " + format_number(clamp_lo));
  // A clamp outside the valid range would leave no value to draw.
  if (user_min && clamp_lo > bounds.hi) user_min->fail_expected(valid.describe());
  if (user_max && clamp_hi < bounds.lo) user_max->fail_expected(valid.describe());
  d.min = std::max(d.min, clamp_lo);
  d.max = std::min(d.max, clamp_hi);
  if (support.hi < d.min || support.lo > d.max) {
    value.fail("practically every draw of this distribution lies outside the valid range (" +
               valid.describe() + (user_min || user_max ? ", narrowed by min/max" : "") +
               "), so nearly every agent would get the clamped value; check its parameters");
  }
  return d;
}

}  // namespace

Distribution read_distribution(Value& value, const NumberRange& valid) {
  if (value.is_map()) return shaped_distribution(value, valid);
  if (value.is_scalar()) return fixed_distribution(value, valid);
  value.fail_expected(valid.describe() +
                      " or a distribution (a map with uniform, normal or lognormal)");
}

Distribution required_distribution(MapReader& map, std::string_view key, const NumberRange& valid) {
  Value value = map.required(key);
  return read_distribution(value, valid);
}

Distribution optional_distribution(MapReader& map, std::string_view key, double fallback,
                                   const NumberRange& valid) {
  if (auto value = map.find(key)) return read_distribution(*value, valid);
  Distribution d = Distribution::fixed(fallback);
  const Interval bounds = clamp_bounds(valid);
  d.min = bounds.lo;
  d.max = bounds.hi;
  map.write(key, format_number(fallback));
  return d;
}

}  // namespace chokepoint::scenario_detail
