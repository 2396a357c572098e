#include "scenario/detail/sections.hpp"

#include "scenario/detail/scalar_text.hpp"

namespace chokepoint::scenario_detail {

namespace {

// Ranges are what the rules can take without breaking: shares and probabilities in [0, 1],
// scales and temperatures > 0 (they divide), counts >= 1, everything else >= 0.
const NumberRange kShare = NumberRange::unit();
const NumberRange kNonNegative = NumberRange::at_least(0.0);
const NumberRange kPositive = NumberRange::above(0.0);

void check_markups(MapReader& map, const Behaviour& behaviour) {
  if (behaviour.markup_min > behaviour.markup_max) {
    Value where = map.has("markup_max") ? map.required("markup_max") : map.required("markup_min");
    where.fail("markup_min " + format_number(behaviour.markup_min) + " is above markup_max " +
               format_number(behaviour.markup_max));
  }
  if (behaviour.initial_markup < behaviour.markup_min ||
      behaviour.initial_markup > behaviour.markup_max) {
    Value where = map.has("initial_markup") ? map.required("initial_markup") : map.self();
    where.fail("initial_markup " + format_number(behaviour.initial_markup) +
               " must lie within [markup_min, markup_max] = [" +
               format_number(behaviour.markup_min) + ", " + format_number(behaviour.markup_max) +
               "]");
  }
}

}  // namespace

Behaviour load_behaviour(MapReader& map) {
  Behaviour b;
  const auto number = [&map](const char* key, double& field, const NumberRange& range) {
    field = map.optional_number(key, field, range);
  };
  // Firms
  number("target_utilisation", b.target_utilisation, NumberRange::open_closed(0.0, 1.0));
  number("markup_adjustment", b.markup_adjustment, kNonNegative);
  number("markup_min", b.markup_min, kNonNegative);
  number("markup_max", b.markup_max, kNonNegative);
  number("initial_markup", b.initial_markup, kNonNegative);
  number("wholesale_discount", b.wholesale_discount, NumberRange::closed_open(0.0, 1.0));
  number("channel_inertia", b.channel_inertia, kNonNegative);
  number("channel_noise", b.channel_noise, kPositive);
  number("visibility_direct", b.visibility_direct, kNonNegative);
  number("visibility_intermediary", b.visibility_intermediary, kNonNegative);
  number("visibility_unbranded", b.visibility_unbranded, kNonNegative);
  number("visibility_volume_scale", b.visibility_volume_scale, kPositive);
  number("all_in_propensity", b.all_in_propensity, kShare);
  number("invest_utilisation", b.invest_utilisation, kShare);
  number("invest_hurdle", b.invest_hurdle, kNonNegative);
  number("invest_growth", b.invest_growth, kNonNegative);
  b.time_to_build =
      static_cast<std::int32_t>(map.optional_integer("time_to_build", b.time_to_build, {0, 1200}));
  number("experience_months", b.experience_months, kNonNegative);
  number("domestic_input_exposure", b.domestic_input_exposure, kShare);
  number("foreign_input_exposure", b.foreign_input_exposure, kShare);
  number("maker_risk_pass_through", b.maker_risk_pass_through, kShare);
  number("maker_risk_premium_max", b.maker_risk_premium_max, NumberRange::closed(0.0, 10.0));
  // Intermediaries
  number("anomaly_weight", b.anomaly_weight, kNonNegative);
  number("intermediary_markup_adjustment", b.intermediary_markup_adjustment, kNonNegative);
  number("distributor_margin", b.distributor_margin, NumberRange::closed(0.0, 10.0));
  number("home_trader_preference", b.home_trader_preference, NumberRange::closed(0.0, 100.0));
  number("risk_premium_weight", b.risk_premium_weight, NumberRange::closed(0.0, 10.0));
  // Buyers
  b.loyal_slots =
      static_cast<std::uint32_t>(map.optional_integer("loyal_slots", b.loyal_slots, {1, 16}));
  b.rationing_rounds = static_cast<std::uint32_t>(
      map.optional_integer("rationing_rounds", b.rationing_rounds, {1, 100}));
  map.finish();
  check_markups(map, b);
  return b;
}

}  // namespace chokepoint::scenario_detail
