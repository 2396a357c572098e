#include "chokepoint/phases/decision_rules.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace chokepoint;

TEST_CASE("Markup rises with utilisation above target and stays in bounds", "[firms]") {
  Behaviour b;
  CHECK(adapt_markup(0.2, b.target_utilisation + 0.1, b) > 0.2);
  CHECK(adapt_markup(0.2, b.target_utilisation - 0.1, b) < 0.2);
  CHECK(adapt_markup(0.2, b.target_utilisation, b) == Approx(0.2));
  CHECK(adapt_markup(b.markup_max, 1e6, b) == b.markup_max);
  CHECK(adapt_markup(b.markup_min, -1e6, b) == b.markup_min);
}

TEST_CASE("A trader's markup rises while its goods sell out, never below its draw",
          "[intermediaries]") {
  const Behaviour b;
  const double base = 0.12;
  // Sold out: up by the adjustment times the gap to the target (0.3 x 0.15).
  CHECK(adapt_trader_markup(0.2, 1.0, base, b) ==
        Approx(0.2 + b.intermediary_markup_adjustment * (1.0 - b.target_utilisation)));
  CHECK(adapt_trader_markup(0.2, 0.5, base, b) < 0.2);
  CHECK(adapt_trader_markup(0.2, b.target_utilisation, base, b) == Approx(0.2));
  // The draw covers the trader's costs: it never sells below it, however little sells.
  CHECK(adapt_trader_markup(0.13, 0.0, base, b) == base);
  CHECK(adapt_trader_markup(b.markup_max, 1.0, base, b) == b.markup_max);
  // A trader drawn above markup_max stays at its draw.
  CHECK(adapt_trader_markup(1.5, 1.0, 1.5, b) == 1.5);
  Behaviour fixed;
  fixed.intermediary_markup_adjustment = 0.0;
  CHECK(adapt_trader_markup(base, 1.0, base, fixed) == base);
}

TEST_CASE("Utilisation is smoothed with weight 0.3 on the latest step", "[firms]") {
  CHECK(smoothed_utilisation(0.5, 1.0) == Approx(0.65));
  CHECK(smoothed_utilisation(0.8, 0.8) == Approx(0.8));
}

TEST_CASE("Unit cost falls by the learning rate per doubling of output", "[firms]") {
  CHECK(learning_unit_cost(100.0, 1000.0, 1000.0, 0.1) == Approx(100.0));
  CHECK(learning_unit_cost(100.0, 2000.0, 1000.0, 0.1) == Approx(90.0));
  CHECK(learning_unit_cost(100.0, 4000.0, 1000.0, 0.1) == Approx(81.0));
  CHECK(learning_unit_cost(100.0, 4000.0, 1000.0, 0.0) == 100.0);
}

TEST_CASE("Designation probability grows with intensity, visibility and volume", "[firms]") {
  const double base = designation_probability(0.1, 1.0, 1e5, 1e5);
  CHECK(base == Approx(1.0 - std::exp(-0.1)));  // volume factor is 1 at the scale
  CHECK(designation_probability(0.2, 1.0, 1e5, 1e5) > base);
  CHECK(designation_probability(0.1, 0.25, 1e5, 1e5) < base);
  CHECK(designation_probability(0.1, 1.0, 1e6, 1e5) > base);
  CHECK(designation_probability(0.0, 1.0, 1e6, 1e5) == 0.0);
  CHECK(designation_probability(0.1, 1.0, 0.0, 1e5) == 0.0);
  CHECK(designation_probability(1e9, 1.0, 1e9, 1e5) <= 1.0);
}

TEST_CASE("Channel choice follows expected profit and respects what is allowed", "[firms]") {
  Behaviour b;
  ChannelValues v;
  v.allowed = {true, true, true};
  v.profit = {5000.0, 500.0, 0.0};
  // The temperature is channel_noise x potential revenue = 500 here: a lead of 4500 (9
  // temperatures) makes the best channel win for almost every draw.
  int direct = 0;
  for (int i = 0; i < 100; ++i)
    direct += choose_channel(v, Channel::Abstain, 10000.0, b, (i + 0.5) / 100.0) == Channel::Direct;
  CHECK(direct >= 95);
  v.allowed[0] = false;
  for (int i = 0; i < 100; ++i)
    CHECK(choose_channel(v, Channel::Direct, 10000.0, b, (i + 0.5) / 100.0) != Channel::Direct);
  // A large expected sanction loss makes abstaining the choice.
  v.allowed = {true, true, true};
  v.profit = {-1e6, -1e5, 0.0};
  CHECK(choose_channel(v, Channel::Direct, 10000.0, b, 0.5) == Channel::Abstain);
}

TEST_CASE("Detection rises with enforcement and anomaly, falls with document quality",
          "[intermediaries]") {
  const double base = detection_probability(0.05, 1.0, 0.0, 1.0, 0.5, 0.0);
  CHECK(base > 0.0);
  CHECK(detection_probability(0.05, 2.0, 0.0, 1.0, 0.5, 0.0) > base);
  CHECK(detection_probability(0.05, 1.0, 1.0, 1.0, 0.5, 0.0) > base);
  CHECK(detection_probability(0.05, 1.0, 0.0, 1.0, 0.9, 0.0) < base);
  CHECK(detection_probability(0.05, 1.0, 0.0, 1.0, 0.5, 0.1) > base);
  CHECK(detection_probability(0.05, 1.0, 0.0, 1.0, 1.0, 0.1) == 0.0);
}

TEST_CASE("The risk premium breaks a trader even on the goods it expects to lose",
          "[intermediaries]") {
  CHECK(seizure_risk_premium(0.0, 1.0) == 0.0);
  // Hazard h gives p = 1 - exp(-h): the premium p / (1 - p) of the landed cost recovers, on
  // the (1 - p) of shipments that arrive, the value of the p that are seized.
  const double hazard = 0.1;
  const double p = 1.0 - std::exp(-hazard);
  const double premium = seizure_risk_premium(hazard, 1.0);
  CHECK(premium == Approx(p / (1.0 - p)));
  CHECK((1.0 + premium) * (1.0 - p) == Approx(1.0));
  CHECK(seizure_risk_premium(hazard, 2.0) == Approx(2.0 * premium));
  CHECK(seizure_risk_premium(hazard, 0.0) == 0.0);
  CHECK(seizure_risk_premium(2 * hazard, 1.0) > premium);
  // Past p = 0.99 it stays at 99 times the landed cost: finite, and nothing sells at it.
  CHECK(seizure_risk_premium(50.0, 1.0) == Approx(99.0));
  // The hazard is the detection probability's: the same inputs, before 1 - exp(-h).
  CHECK(1.0 - std::exp(-detection_hazard(0.05, 2.0, 0.5, 1.0, 0.4, 0.01)) ==
        Approx(detection_probability(0.05, 2.0, 0.5, 1.0, 0.4, 0.01)));
}

TEST_CASE("A maker's risk premium charges buyers its expected designation loss per unit",
          "[firms]") {
  // Expected loss 20,000 USD a month on 1,000 units at 50 USD: 40% of the price at full
  // pass-through, half of that at 0.5, none at 0.
  CHECK(maker_risk_premium(20000.0, 1000.0, 50.0, 1.0, 1.0) == Approx(0.4));
  CHECK(maker_risk_premium(20000.0, 1000.0, 50.0, 0.5, 1.0) == Approx(0.2));
  CHECK(maker_risk_premium(20000.0, 1000.0, 50.0, 0.0, 1.0) == 0.0);
  // Beyond the cap the maker bears the rest.
  CHECK(maker_risk_premium(200000.0, 1000.0, 50.0, 1.0, 1.0) == Approx(1.0));
  CHECK(maker_risk_premium(200000.0, 1000.0, 50.0, 1.0, 0.3) == Approx(0.3));
  // No risk, or no volume to spread it over: no premium (and no division by zero).
  CHECK(maker_risk_premium(0.0, 1000.0, 50.0, 1.0, 1.0) == 0.0);
  CHECK(maker_risk_premium(20000.0, 0.0, 50.0, 1.0, 1.0) == 0.0);
}

TEST_CASE("A unit's landed cost at the hub adds the distributor and logistics hops",
          "[intermediaries]") {
  Pool pool;
  CHECK(hop_costs(pool, 0.1).landed() == 0.0);  // nothing supplied: nothing to price
  pool.supply = 10.0;
  pool.supply_value = 400.0;       // makers were paid 40 USD/unit
  pool.supply_distributor = 20.0;  // distributors added 2 USD/unit on covered goods
  const HopCosts costs = hop_costs(pool, 0.1);
  CHECK(costs.maker == Approx(40.0));
  CHECK(costs.distributor == Approx(2.0));
  CHECK(costs.logistics == Approx(4.2));  // 10% of the goods' value at the hub
  CHECK(costs.landed() == Approx(46.2));
  CHECK(hop_costs(pool, 0.0).landed() == Approx(42.0));
  // The makers' risk premium is part of what they were paid, not a hop on top of it.
  pool.supply_maker_premium = 50.0;
  CHECK(hop_costs(pool, 0.1).maker_risk_premium == Approx(5.0));
  CHECK(hop_costs(pool, 0.1).landed() == Approx(46.2));
}

TEST_CASE("A maker's normal price is its unit cost at the initial markup", "[firms]") {
  Firms firms;
  firms.unit_cost = {80.0, 100.0};
  Behaviour b;
  b.initial_markup = 0.25;
  CHECK(normal_price(firms, 1, b) == Approx(125.0));
  CHECK(normal_price(firms, 0, b) == Approx(100.0));
}

TEST_CASE("Entry starts only when a year of margin beats the set-up cost", "[intermediaries]") {
  EntryRule rule;
  rule.rate = 2.0;
  rule.cost = 12000.0;
  CHECK(expected_entrants(500.0, rule) == 0.0);           // 6000 a year < 12000
  CHECK(expected_entrants(1000.0, rule) == 0.0);          // break-even
  CHECK(expected_entrants(2000.0, rule) == Approx(2.0));  // 24000/12000 - 1 = 1, x rate 2
  rule.rate = 0.0;
  CHECK(expected_entrants(1e9, rule) == 0.0);
}

TEST_CASE("Buyers prefer cheaper, better, more reliable offers and avoid averse origins",
          "[buyers]") {
  BuyerPopulation buyer;
  buyer.origin_aversion = {0.0, 2.0};
  const double base = offer_utility(buyer, std::log(100.0 / 100.0), 0.5, 0.5, 0, false);
  CHECK(base == Approx(buyer.quality_weight * 0.5 + buyer.reliability_weight * 0.5));
  CHECK(offer_utility(buyer, std::log(90.0 / 100.0), 0.5, 0.5, 0, false) > base);
  CHECK(offer_utility(buyer, 0.0, 0.9, 0.5, 0, false) > base);
  CHECK(offer_utility(buyer, 0.0, 0.5, 0.9, 0, false) > base);
  CHECK(offer_utility(buyer, 0.0, 0.5, 0.5, 1, false) == Approx(base - 2.0));
  CHECK(offer_utility(buyer, 0.0, 0.5, 0.5, 0, true) == Approx(base + buyer.loyalty));
}
