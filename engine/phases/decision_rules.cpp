#include "chokepoint/phases/decision_rules.hpp"

#include <algorithm>
#include <cmath>

namespace chokepoint {

double adapt_markup(double markup, double utilisation, const Behaviour& behaviour) {
  const double next =
      markup + behaviour.markup_adjustment * (utilisation - behaviour.target_utilisation);
  return std::clamp(next, behaviour.markup_min, behaviour.markup_max);
}

double smoothed_utilisation(double previous, double latest) {
  constexpr double kWeightOfLatest = 0.3;
  return (1.0 - kWeightOfLatest) * previous + kWeightOfLatest * latest;
}

double adapt_trader_markup(double markup, double sell_through, double base_markup,
                           const Behaviour& behaviour) {
  const double next = markup + behaviour.intermediary_markup_adjustment *
                                   (sell_through - behaviour.target_utilisation);
  return std::clamp(next, base_markup, std::max(base_markup, behaviour.markup_max));
}

double normal_price(const Firms& firms, std::size_t f, const Behaviour& behaviour) {
  return firms.unit_cost[f] * (1.0 + behaviour.initial_markup);
}

double learning_unit_cost(double base_cost, double cumulative_output, double initial_experience,
                          double learning_rate) {
  if (learning_rate <= 0.0 || initial_experience <= 0.0) return base_cost;
  // Cost multiplies by (1 - rate) per doubling: exponent log2(1 - rate) < 0.
  const double exponent = std::log2(1.0 - learning_rate);
  const double doublings = std::max(cumulative_output, initial_experience) / initial_experience;
  return base_cost * std::pow(doublings, exponent);
}

std::int32_t steps_to_build(std::int32_t time_to_build, double months_per_step) {
  return std::max<std::int32_t>(
      1, static_cast<std::int32_t>(std::ceil(time_to_build / months_per_step)));
}

double designation_probability(double intensity, double visibility, double monthly_value,
                               double volume_scale) {
  if (intensity <= 0.0 || visibility <= 0.0 || monthly_value <= 0.0) return 0.0;
  const double volume_factor = std::log2(1.0 + monthly_value / volume_scale);
  return 1.0 - std::exp(-intensity * visibility * volume_factor);
}

double maker_risk_premium(double expected_loss, double units, double unit_price,
                          double pass_through, double max_share) {
  const double value = units * unit_price;
  if (expected_loss <= 0.0 || pass_through <= 0.0 || value <= 0.0) return 0.0;
  return std::min(max_share, pass_through * expected_loss / value);
}

Channel choose_channel(const ChannelValues& values, Channel current, double potential_revenue,
                       const Behaviour& behaviour, double u) {
  const double scale = std::max(potential_revenue, 1e-9);
  const double temperature = std::max(behaviour.channel_noise * scale, 1e-12);
  std::array<double, kChannelCount> utility{};
  double best = -1e300;
  for (int c = 0; c < kChannelCount; ++c) {
    if (!values.allowed[c]) continue;
    utility[c] = values.profit[c];
    if (static_cast<Channel>(c) == current) utility[c] += behaviour.channel_inertia * scale;
    best = std::max(best, utility[c]);
  }
  std::array<double, kChannelCount> weight{};
  double total = 0.0;
  for (int c = 0; c < kChannelCount; ++c) {
    weight[c] = values.allowed[c] ? std::exp((utility[c] - best) / temperature) : 0.0;
    total += weight[c];
  }
  double cumulative = 0.0;
  for (int c = 0; c < kChannelCount; ++c) {
    cumulative += weight[c];
    if (values.allowed[c] && u * total < cumulative) return static_cast<Channel>(c);
  }
  return Channel::Abstain;  // only reached when nothing is allowed
}

double detection_hazard(double detection_rate, double enforcement, double anomaly,
                        double anomaly_weight, double document_quality, double sanction_intensity) {
  const double hazard =
      (detection_rate * enforcement * (1.0 + anomaly_weight * anomaly) + sanction_intensity) *
      (1.0 - document_quality);
  return std::max(0.0, hazard);
}

double detection_probability(double detection_rate, double enforcement, double anomaly,
                             double anomaly_weight, double document_quality,
                             double sanction_intensity) {
  return hazard_probability(detection_hazard(detection_rate, enforcement, anomaly, anomaly_weight,
                                             document_quality, sanction_intensity));
}

double hazard_probability(double hazard) {
  return hazard <= 0.0 ? 0.0 : 1.0 - std::exp(-hazard);
}

double seizure_risk_premium(double hazard, double weight) {
  // p / (1 - p) with p = 1 - exp(-hazard) is exp(hazard) - 1. Beyond p = 0.99 no price makes
  // the trade worth it; the cap keeps the price finite (and the offer unsold).
  constexpr double kMaxHazard = 4.605170185988091;  // ln(100)
  return weight * std::expm1(std::clamp(hazard, 0.0, kMaxHazard));
}

HopCosts hop_costs(const Pool& pool, double logistics_cost) {
  HopCosts costs;
  if (pool.supply <= 0.0) return costs;
  costs.maker = pool.supply_value / pool.supply;
  costs.maker_risk_premium = pool.supply_maker_premium / pool.supply;
  costs.distributor = pool.supply_distributor / pool.supply;
  costs.logistics = (costs.maker + costs.distributor) * logistics_cost;
  return costs;
}

double landed_cost(const Pool& pool, const IntermediaryPopulation& population) {
  return hop_costs(pool, population.logistics_cost).landed();
}

double expected_entrants(double expected_monthly_margin, const EntryRule& rule) {
  if (rule.rate <= 0.0 || expected_monthly_margin <= 0.0) return 0.0;
  constexpr double kPaybackMonths = 12.0;
  return rule.rate * std::max(0.0, kPaybackMonths * expected_monthly_margin / rule.cost - 1.0);
}

double offer_utility(const BuyerPopulation& buyer, double log_price_ratio, double quality,
                     double reliability, StateIndex shipper, bool loyal) {
  double utility = -buyer.price_sensitivity * log_price_ratio + buyer.quality_weight * quality +
                   buyer.reliability_weight * reliability;
  if (shipper < buyer.origin_aversion.size()) utility -= buyer.origin_aversion[shipper];
  if (loyal) utility += buyer.loyalty;
  return utility;
}

}  // namespace chokepoint
