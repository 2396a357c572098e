// A run's output holds numbers: infinities never, NaN only where a series documents it as
// "no value". The check names the series, the coordinates and the value.

#include "chokepoint/output/finite_values.hpp"

#include <catch2/catch.hpp>

#include <limits>

#include "chokepoint/error.hpp"
#include "chokepoint/sim/metrics.hpp"

using namespace chokepoint;

namespace {

RunRecord two_by_two(double corner) {
  RunRecord record;
  record.axes = {Axis{"time", {"2022-01", "2022-02"}, {}, "", ""},
                 Axis{"sector", {"chips", "tools"}, {}, "", ""}};
  record.series = {Series{"price", "USD/unit", "", {"time", "sector"}, {1, 2, 3, corner}, false}};
  return record;
}

}  // namespace

TEST_CASE("an infinity anywhere is refused with where it is", "[output][finite]") {
  const double inf = std::numeric_limits<double>::infinity();
  REQUIRE_THROWS_AS(check_finite_values(two_by_two(inf), {"price"}), Error);
  REQUIRE_THROWS_WITH(check_finite_values(two_by_two(-inf), {}),
                      Catch::StartsWith("the run produced a value that is not a number: "
                                        "price[time=2022-02, sector=tools] = -inf; no file"));
}

TEST_CASE("NaN is refused except where it means no value", "[output][finite]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_NOTHROW(check_finite_values(two_by_two(nan), {"price"}));
  REQUIRE_THROWS_WITH(check_finite_values(two_by_two(nan), {}),
                      Catch::Contains("price[time=2022-02, sector=tools] = nan"));
  CHECK_NOTHROW(check_finite_values(two_by_two(4.0), {}));
}

TEST_CASE("the series where NaN means no value are the prices and the hubs' premium",
          "[output][finite]") {
  const auto names = MetricsBuffer::series_missing_allowed();
  CHECK(names.count("average_price") == 1);
  CHECK(names.count("delivered_price") == 1);
  CHECK(names.count("price_maker") == 1);
  CHECK(names.count("hub_risk_premium") == 1);
  CHECK(names.count("price_index") == 1);
  CHECK(names.count("imports") == 0);
  CHECK(names.count("focus_share") == 0);
  CHECK(names.count("price_maker_risk_premium") == 1);
  CHECK(names.size() == 15);
}
