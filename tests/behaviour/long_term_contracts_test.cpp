// Long-term contracts (a guaranteed offtake for domestic producers) against the same subsidy
// without them: the state buys what the market leaves, producers learn and invest on that
// volume, and over the run they win a larger part of the market.

#include <catch2/catch.hpp>

#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

std::string subsidy(const std::string& extra) {
  return kCoalitionControls + R"(  import_substitution_subsidies:
    - {name: subsidy, sectors: [chips], production_rate: 0.2, investment_rate: 0.5, annual_budget: 1.0e9, start: 2021-07)" +
         extra + "}\n";
}

double at_end(const RunRecord& r, const std::string& series, const std::string& sector) {
  const int end = steps_of(r);
  return sum_over(r, series, end - 1, end, {sector});
}

}  // namespace

TEST_CASE("Long-term contracts grow domestic producers beyond the subsidy alone",
          "[behaviour][contracts]") {
  const RunRecord without = run_small_world(subsidy(""));
  const RunRecord with = run_small_world(subsidy(", guaranteed_offtake: 0.9"));

  const double bought = last_year(with, "contract_purchases", {"chips"});
  INFO("contract purchases in the last year: " << bought << " units");
  CHECK(bought > 0.0);
  CHECK(last_year(without, "contract_purchases") == 0.0);

  const double capacity_without = at_end(without, "domestic_capacity", "chips");
  const double capacity_with = at_end(with, "domestic_capacity", "chips");
  INFO("domestic chip capacity at the end: " << capacity_without << " -> " << capacity_with);
  CHECK(capacity_with > capacity_without);

  const double share_without = last_year(without, "domestic_share", {"chips"});
  const double share_with = last_year(with, "domestic_share", {"chips"});
  INFO("domestic share of chips, last year (sum of months): " << share_without << " -> "
                                                              << share_with);
  CHECK(share_with > share_without);

  const double paid_without = sum_over(without, "subsidy_outlays", 0, steps_of(without));
  const double paid_with = sum_over(with, "subsidy_outlays", 0, steps_of(with));
  INFO("subsidy outlays over the run: " << paid_without << " -> " << paid_with);
  CHECK(paid_with > paid_without);
}

TEST_CASE("A contract buys only what the budget pays for", "[behaviour][contracts]") {
  const std::string tight = kCoalitionControls + R"(  import_substitution_subsidies:
    - {name: subsidy, sectors: [chips], guaranteed_offtake: 1.0, annual_budget: 5000, start: 2021-07}
)";
  const RunRecord r = run_small_world(tight);
  for (int year = 0; year < 3; ++year) {
    const double paid = sum_over(r, "subsidy_outlays", 12 * year, 12 * year + 12);
    INFO("year " << year << " paid " << paid);
    CHECK(paid <= 5000.0 * (1 + 1e-12));
  }
  // Once the year's budget is spent, nothing more is bought until January.
  CHECK(sum_over(r, "contract_purchases", 23, 24) == 0.0);
  CHECK(sum_over(r, "contract_purchases", 24, 25) > 0.0);
}
