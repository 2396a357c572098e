// headline_outcomes over a chosen period, on a real small-world run: the default is unchanged
// and a period's means agree with sums taken independently by the test support.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chokepoint/analysis/outcomes.hpp"
#include "support/small_world.hpp"

namespace chokepoint {

namespace {

double value_of(const std::vector<Outcome>& outcomes, const std::string& name) {
  for (const Outcome& o : outcomes)
    if (o.name == name) return o.value;
  FAIL("no outcome " << name);
  return 0.0;
}

}  // namespace

TEST_CASE("headline_outcomes over a period of a small-world run", "[compare]") {
  const RunRecord run = testing::run_small_world(testing::kCoalitionControls);
  const int steps = testing::steps_of(run);
  REQUIRE(steps == 36);
  CHECK(last_year_of(run) == StepRange{24, 36});

  const std::vector<Outcome> by_default = headline_outcomes(run);
  const std::vector<Outcome> last_year = headline_outcomes(run, {24, 36});
  REQUIRE(by_default.size() == last_year.size());
  for (std::size_t i = 0; i < by_default.size(); ++i) {
    CHECK(by_default[i].name == last_year[i].name);
    CHECK(by_default[i].value == last_year[i].value);
  }
  CHECK(value_of(by_default, "price_index_last_year") ==
        Approx(testing::last_year(run, "price_index") / 12.0));

  // The second year, steps 12..23: means and shares from the test support's own sums.
  const std::vector<Outcome> second = headline_outcomes(run, {12, 24});
  CHECK(value_of(second, "price_index_period") ==
        Approx(testing::sum_over(run, "price_index", 12, 24) / 12.0));
  CHECK(value_of(second, "hub_volume_period") ==
        Approx(testing::sum_over(run, "hub_volume", 12, 24) / 12.0));
  CHECK(value_of(second, "shortage_period") ==
        Approx(testing::sum_over(run, "unmet_demand", 12, 24) /
               testing::sum_over(run, "demand", 12, 24)));
  // Whole-run outcomes do not depend on the period.
  CHECK(value_of(second, "shortage_cumulative") == value_of(by_default, "shortage_cumulative"));
  // Controls start in 2021-07: the hubs carry more in the second year than in the first half.
  CHECK(value_of(second, "hub_volume_period") >
        value_of(headline_outcomes(run, {0, 6}), "hub_volume_period"));
}

}  // namespace chokepoint
