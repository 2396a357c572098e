#pragma once

// The agents' decision rules as pure functions of their inputs, so that each can be tested on
// its own. The phases apply them to every agent.

#include <array>
#include <cstdint>

#include "chokepoint/scenario/description.hpp"
#include "chokepoint/world/world.hpp"

namespace chokepoint {

// --- Firms -------------------------------------------------------------------------------

// Markup moves with capacity utilisation: up when the firm sells more than its target
// utilisation, down when it has idle capacity.
double adapt_markup(double markup, double utilisation, const Behaviour& behaviour);

// Utilisation (a firm's sales over what it offered, a trader's sell-through) smoothed over
// steps, so that one odd month does not swing a price: weight 0.3 on the latest step.
double smoothed_utilisation(double previous, double latest);

// What a maker charges buyers in markets where it sells at its normal markup (its unit cost
// times 1 + initial_markup): the price of the same goods sold elsewhere, against which the
// target's prices are compared. Its markup in the target's market moves with scarcity there.
double normal_price(const Firms& firms, std::size_t f, const Behaviour& behaviour);

// Unit cost on the learning curve: falls by `learning_rate` per doubling of cumulative output.
double learning_unit_cost(double base_cost, double cumulative_output, double initial_experience,
                          double learning_rate);

// Steps a capacity project takes: `time_to_build` months rounded up to whole steps, at least
// one (investment and relocation alike).
std::int32_t steps_to_build(std::int32_t time_to_build, double months_per_step);

// Per-step probability that a sanctioning state designates a firm or intermediary. Hazard is
// intensity x visibility x a volume factor that is 1 at `volume_scale` USD/month of target
// sales and grows with its log (large, regular shippers are noticed first).
double designation_probability(double intensity, double visibility, double monthly_value,
                               double volume_scale);

// The premium a maker adds to its price on a channel to the target for its own risk of
// designation, as a share of that price: `pass_through` x the expected loss per unit at the
// expected volume (USD/month over units/month x USD/unit), at most `max_share`. Zero when no
// volume is expected.
double maker_risk_premium(double expected_loss, double units, double unit_price,
                          double pass_through, double max_share);

struct ChannelValues {
  std::array<double, kChannelCount> profit{};  // expected USD/month, net of sanction risk
  std::array<bool, kChannelCount> allowed{};
};

// Logit choice among allowed channels. The temperature and the bonus for staying on the
// current channel are shares of the firm's potential revenue, so the rule is scale-free.
// `u` is a uniform draw from the firm's ChannelChoice stream.
Channel choose_channel(const ChannelValues& values, Channel current, double potential_revenue,
                       const Behaviour& behaviour, double u);

// --- Intermediaries ----------------------------------------------------------------------

// Per-step hazard that an intermediary's shipments are caught: rises with enforcement and
// with how far its volume stands out from its pool's average, falls with document quality.
double detection_hazard(double detection_rate, double enforcement, double anomaly,
                        double anomaly_weight, double document_quality, double sanction_intensity);

// A per-step hazard as a probability: 1 - exp(-hazard), 0 for none.
double hazard_probability(double hazard);

// The same as a probability: 1 - exp(-hazard).
double detection_probability(double detection_rate, double enforcement, double anomaly,
                             double anomaly_weight, double document_quality,
                             double sanction_intensity);

// Share of its landed cost a trader adds so that, with shipments seized at per-step hazard
// `hazard`, it breaks even on the goods it loses: weight x p / (1 - p), p = 1 - exp(-hazard),
// capped at p = 0.99. Rises with enforcement, designation intensity and weak papers.
double seizure_risk_premium(double hazard, double weight);

// What one unit of a pool's goods costs its traders at the hub, by hop (USD/unit): the makers'
// wholesale price (of which `maker_risk_premium` is the makers' premium for their own risk of
// designation), the distributors' margin on covered goods, and transshipment and logistics
// (a share `logistics_cost` of the goods' value).
struct HopCosts {
  double maker = 0.0;
  double maker_risk_premium = 0.0;  // part of `maker`, not added again to the landed cost
  double distributor = 0.0;
  double logistics = 0.0;
  double landed() const { return maker + distributor + logistics; }
};
HopCosts hop_costs(const Pool& pool, double logistics_cost);
double landed_cost(const Pool& pool, const IntermediaryPopulation& population);

// A trader's markup over the wholesale price: rises while its goods sell out (sell-through
// above target_utilisation) and falls back when they do not, never below its drawn markup,
// which covers its costs, nor above markup_max. When a hub channel is short of throughput the
// scarcity rent goes to the traders who own the throughput, not to the buyers who get there
// first: rerouted goods are priced at what buyers will pay for them (docs/MODEL_CHOICES.md,
// "Trader markups", has the measured prices).
double adapt_trader_markup(double markup, double sell_through, double base_markup,
                           const Behaviour& behaviour);

// Expected number of entrants into a pool this step: positive when a year of the expected
// margin of one more intermediary exceeds the sunk cost of setting one up.
double expected_entrants(double expected_monthly_margin, const EntryRule& rule);

// --- Buyers --------------------------------------------------------------------------------

// Logit utility of an offer to a buyer (MODEL.md 4.4): price relative to the sector's base
// price on a log scale (`log_price_ratio` = ln(price / base price), computed once per offer),
// quality, reliability, aversion to the declared origin, loyalty.
double offer_utility(const BuyerPopulation& buyer, double log_price_ratio, double quality,
                     double reliability, StateIndex shipper, bool loyal);

}  // namespace chokepoint
