// Behaviour tests: what circumvention costs, hop by hop (docs/MODEL_CHOICES.md, "Price of each
// hop"). Tighter end-use checks on coalition makers leave fewer of their goods in the hub
// channels and make the goods dearer; sanctions on Chinese banks raise payment agents' fees
// and the delivered price; stronger enforcement on a hub raises its traders' risk premium.

#include <catch2/catch.hpp>
#include <cmath>

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

std::string controls_with_checks(const char* checks) {
  return std::string(
             "  export_controls:\n"
             "    - {name: controls, imposers: [coalition], sectors: [chips, network], "
             "coverage: 0.9, end_use_checks: ") +
         checks + ", start: 2021-07}\n";
}

// Mean over steps [from, to) of one element of a per-step series, skipping NaN (a price or a
// hub's premium when nothing was delivered).
double mean_over(const RunRecord& record, const std::string& name, int from, int to,
                 const std::vector<std::string>& labels) {
  double sum = 0.0;
  int count = 0;
  for (int t = from; t < to; ++t) {
    const double v = sum_over(record, name, t, t + 1, labels);
    if (std::isnan(v)) continue;
    sum += v;
    ++count;
  }
  return count > 0 ? sum / count : std::nan("");
}

// Coalition-made chips delivered through hubs, as a share of the target's chip imports
// (value). In the small world the hubs carry only coalition goods (Chinese makers sell
// direct), so their share of the hub trade alone would say nothing.
double coalition_made_share_through_hubs(const RunRecord& record) {
  const double coalition = last_year(record, "imports_value", {"chips", "US", "intermediary"}) +
                           last_year(record, "imports_value", {"chips", "EU", "intermediary"});
  return coalition / (last_year(record, "imports_value", {"chips", "direct"}) +
                      last_year(record, "imports_value", {"chips", "intermediary"}));
}

// What the target's buyers paid per chip over the last year (USD/unit).
double chip_price(const RunRecord& record) {
  return last_year(record, "imports_value", {"chips"}) / last_year(record, "imports", {"chips"});
}

}  // namespace

TEST_CASE("Tighter end-use checks leave fewer Western goods in the hub channels, dearer",
          "[behaviour]") {
  const RunRecord weak = run_small_world(controls_with_checks("0.2"));
  const RunRecord tight = run_small_world(controls_with_checks("0.7"));
  const double weak_share = coalition_made_share_through_hubs(weak);
  const double tight_share = coalition_made_share_through_hubs(tight);
  INFO("coalition-made chips through hubs, share of chip imports: "
       << weak_share << " with checks 0.2, " << tight_share << " with 0.7; price "
       << chip_price(weak) << " -> " << chip_price(tight) << " USD/unit");
  CHECK(weak_share > 0.0);
  CHECK(tight_share < 0.9 * weak_share);
  CHECK(chip_price(tight) > chip_price(weak));
}

TEST_CASE("Screening that misses a hub's traders sends the Western goods there", "[behaviour]") {
  // Hong Kong's traders buy among a large legitimate market: the checks see little of it.
  std::string yaml_policies = controls_with_checks("0.6");
  const RunRecord even = run_small_world(yaml_policies);
  std::string screened = small_world_yaml(yaml_policies);
  const std::string hk = "{hub: HK, sector: chips,";
  screened.replace(screened.find(hk), hk.size(),
                   "{hub: HK, sector: chips, end_use_screening: 0.2,");
  const RunRecord hong_kong =
      run_scenario(load_scenario_text(screened, "<small_world>"), RunOptions{});
  const auto coalition_via_hk = [](const RunRecord& r) {
    return last_year(r, "imports_by_maker_shipper_value", {"chips", "US", "HK"}) +
           last_year(r, "imports_by_maker_shipper_value", {"chips", "EU", "HK"});
  };
  INFO("coalition-made chips shipped from HK, last year (USD): " << coalition_via_hk(even) << " -> "
                                                                 << coalition_via_hk(hong_kong));
  CHECK(coalition_via_hk(hong_kong) > 1.2 * coalition_via_hk(even));
}

TEST_CASE("Sanctions on Chinese banks raise payment agents' fees and the delivered price",
          "[behaviour]") {
  const std::string banks =
      "  secondary_sanctions:\n"
      "    - {name: banks, imposer: US, on: [CN], applies_to: [banks], payments: {rejection: "
      "0.5, extra_cost: 0.02, adaptation_months: 6, agent_premium: 0.2}, start: 2022-01}\n";
  const RunRecord without = run_small_world(kCoalitionControls);
  const RunRecord with = run_small_world(kCoalitionControls + banks);
  // The first half-year of the sanction (steps 12..17), chips sold straight from China.
  const double fee_without = mean_over(without, "price_payment_fee", 12, 18, {"chips", "direct"});
  const double fee_with = mean_over(with, "price_payment_fee", 12, 18, {"chips", "direct"});
  const double price_without = mean_over(without, "average_price", 12, 18, {"chips"});
  const double price_with = mean_over(with, "average_price", 12, 18, {"chips"});
  INFO("payment fee on direct chips: " << fee_without << " -> " << fee_with
                                       << " USD/unit; average price " << price_without << " -> "
                                       << price_with);
  CHECK(fee_without == 0.0);
  CHECK(fee_with > 0.05 * 30.0);  // over 5% of a Chinese chip's ~30-40 USD
  CHECK(price_with > price_without);
  // The agents' part fades with the rejections: a year and a half on, the fee is lower.
  CHECK(mean_over(with, "price_payment_fee", 30, 36, {"chips", "direct"}) < fee_with);
}

TEST_CASE("Stronger enforcement on a hub raises its traders' risk premium", "[behaviour]") {
  const std::string enforcement =
      "  enforcement:\n"
      "    - {name: press_kz, hubs: [KZ], intensity: 3, start: 2021-07}\n";
  const RunRecord without = run_small_world(kCoalitionControls);
  const RunRecord with = run_small_world(kCoalitionControls + enforcement);
  const int steps = steps_of(with);
  const double kz_without = mean_over(without, "hub_risk_premium", 12, steps, {"KZ"});
  const double kz_with = mean_over(with, "hub_risk_premium", 12, steps, {"KZ"});
  const double hk_without = mean_over(without, "hub_risk_premium", 12, steps, {"HK"});
  const double hk_with = mean_over(with, "hub_risk_premium", 12, steps, {"HK"});
  INFO("risk premium, share of landed cost: KZ " << kz_without << " -> " << kz_with << ", HK "
                                                 << hk_without << " -> " << hk_with);
  CHECK(kz_without > 0.0);
  CHECK(kz_with > 2.0 * kz_without);
  // Only the pressed hub's route: Hong Kong's traders face the same hazard as before.
  CHECK(hk_with == Approx(hk_without).epsilon(0.05));
  // And the route through Kazakhstan costs more per unit delivered.
  CHECK(mean_over(with, "price_risk_premium", 12, steps, {"chips", "intermediary"}) >
        mean_over(without, "price_risk_premium", 12, steps, {"chips", "intermediary"}));
}

TEST_CASE("Makers who charge for their risk of designation sell dearer and stay in the trade",
          "[behaviour]") {
  // US designations of Chinese sellers of chips from mid-2021; the same world with makers
  // bearing the risk (the default) and charging buyers for it.
  const std::string threat =
      "  secondary_sanctions:\n"
      "    - {name: threat, imposer: US, on: [CN], applies_to: [firms], sectors: [chips], "
      "intensity: 0.01, penalty_months: 24, start: 2021-07}\n";
  const RunRecord bear = run_small_world(kCoalitionControls + threat);
  const std::string charging =
      small_world_yaml(kCoalitionControls + threat) + "behaviour: {maker_risk_pass_through: 1}\n";
  const RunRecord charge =
      run_scenario(load_scenario_text(charging, "<small_world>"), RunOptions{});
  const int steps = steps_of(charge);
  const double premium_bear =
      mean_over(bear, "price_maker_risk_premium", 12, steps, {"chips", "direct"});
  const double premium_charge =
      mean_over(charge, "price_maker_risk_premium", 12, steps, {"chips", "direct"});
  const double abstaining_bear = last_year(bear, "firms_serving", {"CN", "abstain"});
  const double abstaining_charge = last_year(charge, "firms_serving", {"CN", "abstain"});
  INFO("maker's risk premium on direct chips: " << premium_bear << " -> " << premium_charge
                                                << " USD/unit; Chinese firms abstaining "
                                                << abstaining_bear << " -> " << abstaining_charge);
  CHECK(premium_bear == 0.0);
  CHECK(premium_charge > 0.02 * 30.0);  // over 2% of a Chinese chip's ~30-40 USD
  // The hops still add up to what buyers paid.
  double sum = 0.0;
  for (const char* hop :
       {"price_maker", "price_maker_risk_premium", "price_payment_fee", "price_tariff"})
    sum += mean_over(charge, hop, 12, steps, {"chips", "direct"});
  CHECK(sum == Approx(mean_over(charge, "delivered_price", 12, steps, {"chips", "direct"})));
  // A maker that is paid for its risk has less reason to leave the market.
  CHECK(abstaining_charge < abstaining_bear);
}
