// Directional tests for tariffs and enforcement against circumvention, each against the same
// small world and seed without the instrument.

#include <catch2/catch.hpp>

#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {
const std::string& kControls = kCoalitionControls;
}  // namespace

TEST_CASE("A tariff on one origin cuts its share, raises prices and collects duties",
          "[behaviour][tariffs]") {
  const std::string tariff = kControls + R"(  tariffs:
    - {name: duty, origins: [CN], sectors: [consumer], rate: 0.5, start: 2021-07}
)";
  const RunRecord without = run_small_world(kControls);
  const RunRecord with = run_small_world(tariff);
  const auto cn_share = [](const RunRecord& r) {
    return last_year(r, "imports_by_shipper", {"consumer", "CN"}) /
           last_year(r, "imports_by_shipper", {"consumer"});
  };
  INFO("CN share of consumer imports: " << cn_share(without) << " -> " << cn_share(with));
  CHECK(cn_share(with) < cn_share(without));
  const double price_before = last_year(without, "average_price", {"consumer"});
  const double price_after = last_year(with, "average_price", {"consumer"});
  CHECK(price_after > price_before);
  CHECK(last_year(with, "tariff_revenue", {"consumer"}) > 0.0);
  CHECK(last_year(with, "tariff_revenue", {"chips"}) == 0.0);
  CHECK(last_year(without, "tariff_revenue") == 0.0);
}

TEST_CASE("Enforcement on hubs designates more intermediaries and squeezes hub volume",
          "[behaviour][enforcement]") {
  const std::string enforced = kControls + R"(  enforcement:
    - {name: crackdown, hubs: [KZ, HK], intensity: 20, start: 2021-10}
)";
  const RunRecord without = run_small_world(kControls);
  const RunRecord with = run_small_world(enforced);
  const int end = steps_of(with);
  const double designated_before = sum_over(without, "intermediaries_designated", 0, end);
  const double designated_after = sum_over(with, "intermediaries_designated", 0, end);
  INFO("intermediaries designated: " << designated_before << " -> " << designated_after);
  CHECK(designated_after > designated_before);
  const double volume_before = last_year(without, "hub_volume");
  const double volume_after = last_year(with, "hub_volume");
  INFO("hub volume, last year: " << volume_before << " -> " << volume_after);
  CHECK(volume_after < volume_before);
  CHECK(sum_over(with, "enforcement_intensity", end - 1, end, {"KZ"}) == Approx(21.0));
  CHECK(sum_over(without, "enforcement_intensity", end - 1, end, {"KZ"}) == Approx(1.0));
}

TEST_CASE("An enforcement budget caps spending and intensity within each year",
          "[behaviour][enforcement]") {
  // 2 hubs x intensity 4 x 1000 USD/month = 8000 a month wanted; 24000 a year buys 3 months.
  const std::string budgeted = kControls + R"(  enforcement:
    - {name: crackdown, hubs: [KZ, HK], intensity: 4, cost: 1000, annual_budget: 24000, start: 2021-01}
)";
  const RunRecord r = run_small_world(budgeted);
  for (int year = 0; year < 3; ++year) {
    const double spent = sum_over(r, "enforcement_spending", 12 * year, 12 * year + 12);
    INFO("year " << year << " spent " << spent);
    CHECK(spent == Approx(24000.0));
  }
  CHECK(sum_over(r, "enforcement_intensity", 0, 1, {"KZ"}) == Approx(5.0));    // funded
  CHECK(sum_over(r, "enforcement_intensity", 11, 12, {"KZ"}) == Approx(1.0));  // spent
  CHECK(sum_over(r, "enforcement_intensity", 12, 13, {"KZ"}) == Approx(5.0));  // new year
}

TEST_CASE("Escalation raises enforcement where hubs buy coalition goods above trend",
          "[behaviour][enforcement]") {
  const std::string escalating = kControls + R"(  enforcement:
    - {name: watch, hubs: [KZ, HK], intensity: 0, escalation: {trigger_ratio: 2, trigger_floor: 100, increment: 0.5, max_extra: 3}, start: 2021-01}
)";
  const RunRecord r = run_small_world(escalating);
  const int end = steps_of(r);
  // Controls from 2021-07 push coalition chips through the hubs: the signature appears and
  // enforcement climbs to its cap.
  CHECK(sum_over(r, "enforcement_intensity", 0, 1, {"KZ"}) == Approx(1.0));
  CHECK(sum_over(r, "enforcement_intensity", end - 1, end, {"KZ"}) == Approx(4.0));
  // Without controls nothing is rerouted and nothing escalates.
  const RunRecord quiet = run_small_world(R"(  enforcement:
    - {name: watch, hubs: [KZ, HK], intensity: 0, escalation: {trigger_ratio: 2, trigger_floor: 100, increment: 0.5, max_extra: 3}, start: 2021-01}
)");
  CHECK(sum_over(quiet, "enforcement_intensity", end - 1, end, {"KZ"}) == Approx(1.0));
}
