// Behaviour tests: each instrument moves the economics the way an economist expects, against
// the same world and seed without it. Policies start at step 6 (2021-07); outcomes are
// compared over the last 12 steps, long after the switch.

#include <catch2/catch.hpp>

#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {
const std::string& kControls = kCoalitionControls;
}  // namespace

TEST_CASE("Export controls cut direct coalition supply, raise hub volume and prices",
          "[behaviour]") {
  const RunRecord base = run_small_world();
  const RunRecord controlled = run_small_world(kControls);
  for (const char* coalition : {"US", "EU"}) {
    const double before = last_year(base, "imports", {"chips", coalition, "direct"});
    const double after = last_year(controlled, "imports", {"chips", coalition, "direct"});
    INFO(coalition << " direct chips: " << before << " -> " << after);
    CHECK(before > 0.0);
    CHECK(after < 0.5 * before);
  }
  const double hub_before = last_year(base, "hub_volume");
  const double hub_after = last_year(controlled, "hub_volume");
  INFO("hub volume " << hub_before << " -> " << hub_after);
  CHECK(hub_after > hub_before);
  const double coalition_to_hubs = last_year(controlled, "coalition_exports_to_hub");
  CHECK(coalition_to_hubs > last_year(base, "coalition_exports_to_hub"));
  const double price_before = last_year(base, "price_index");
  const double price_after = last_year(controlled, "price_index");
  INFO("price index (sum of 12 steps) " << price_before << " -> " << price_after);
  CHECK(price_after > price_before);
}

TEST_CASE("A secondary-sanction threat lowers what Chinese firms ship directly", "[behaviour]") {
  const std::string threat = std::string(kControls) + R"(  secondary_sanctions:
    - {name: threat, imposer: US, on: [CN, HK], intensity: 0.05, penalty_months: 24, start: 2021-07}
)";
  const RunRecord without = run_small_world(kControls);
  const RunRecord with = run_small_world(threat);
  const double before = last_year(without, "imports", {"CN", "direct"});
  const double after = last_year(with, "imports", {"CN", "direct"});
  INFO("CN direct: " << before << " -> " << after);
  CHECK(after < before);
  CHECK(sum_over(with, "firm_designations", 0, steps_of(with), {"CN"}) > 0.0);
  CHECK(sum_over(without, "firm_designations", 0, steps_of(without)) == 0.0);
}

TEST_CASE("A secondary sanction scoped to some sectors leaves the others' trade alone",
          "[behaviour]") {
  const std::string scoped = std::string(kControls) + R"(  secondary_sanctions:
    - {name: threat, imposer: US, on: [CN, HK], sectors: [chips], intensity: 0.05, penalty_months: 24, start: 2021-07}
)";
  const std::string everywhere = std::string(kControls) + R"(  secondary_sanctions:
    - {name: threat, imposer: US, on: [CN, HK], intensity: 0.05, penalty_months: 24, start: 2021-07}
)";
  const RunRecord without = run_small_world(kControls);
  const RunRecord with_scoped = run_small_world(scoped);
  const RunRecord with_everywhere = run_small_world(everywhere);
  const double chips_without = last_year(without, "imports", {"chips", "CN", "direct"});
  const double chips_scoped = last_year(with_scoped, "imports", {"chips", "CN", "direct"});
  const double consumer_without = last_year(without, "imports", {"consumer", "CN", "direct"});
  const double consumer_scoped = last_year(with_scoped, "imports", {"consumer", "CN", "direct"});
  const double consumer_everywhere =
      last_year(with_everywhere, "imports", {"consumer", "CN", "direct"});
  INFO("CN direct chips " << chips_without << " -> " << chips_scoped << "; consumer "
                          << consumer_without << " -> " << consumer_scoped << " (scoped), "
                          << consumer_everywhere << " (every sector)");
  CHECK(chips_scoped < chips_without);
  // The unscoped sanction reaches consumer goods; the scoped one leaves Chinese firms'
  // consumer sales where a sanction on chips alone puts them (within 10%: buyers and prices
  // still move with the chips market).
  CHECK(consumer_everywhere < 0.9 * consumer_without);
  CHECK(consumer_scoped > 0.9 * consumer_without);
}

TEST_CASE("An import-substitution subsidy raises domestic capacity", "[behaviour]") {
  const std::string subsidy = std::string(kControls) + R"(  import_substitution_subsidies:
    - {name: subsidy, sectors: [chips], production_rate: 0.3, investment_rate: 0.5, annual_budget: 1.0e9, start: 2021-07}
)";
  const RunRecord without = run_small_world(kControls);
  const RunRecord with = run_small_world(subsidy);
  const int end = steps_of(with);
  const double before = sum_over(without, "domestic_capacity", end - 1, end, {"chips"});
  const double after = sum_over(with, "domestic_capacity", end - 1, end, {"chips"});
  INFO("domestic chip capacity at the end: " << before << " -> " << after);
  CHECK(after > before);
  CHECK(last_year(with, "subsidy_outlays", {"chips"}) > 0.0);
  CHECK(last_year(without, "subsidy_outlays") == 0.0);
}

TEST_CASE("A subsidy stops paying when its annual budget is spent", "[behaviour]") {
  const std::string small_budget = std::string(kControls) + R"(  import_substitution_subsidies:
    - {name: subsidy, sectors: [chips], production_rate: 0.3, investment_rate: 0.5, annual_budget: 1000, start: 2021-07}
)";
  const RunRecord r = run_small_world(small_budget);
  // Each calendar year pays at most its budget.
  for (int year = 0; year < 3; ++year) {
    const double paid = sum_over(r, "subsidy_outlays", 12 * year, 12 * year + 12);
    INFO("year " << year << " paid " << paid);
    CHECK(paid <= 1000.0 * (1 + 1e-12));
  }
}

TEST_CASE("A share quota caps the quota'd origin's share of the sector's imports", "[behaviour]") {
  const std::string quota = std::string(kControls) + R"(  import_quotas:
    - {name: quota, origins: [CN], sectors: [network], share: 0.3, start: 2021-07}
)";
  const RunRecord without = run_small_world(kControls);
  const RunRecord with = run_small_world(quota);
  const auto cn_share = [&](const RunRecord& r) {
    const double cn = last_year(r, "imports_by_shipper", {"network", "CN"});
    const double all = last_year(r, "imports_by_shipper", {"network"});
    return cn / all;
  };
  INFO("CN share of network imports: " << cn_share(without) << " -> " << cn_share(with));
  CHECK(cn_share(without) > 0.3);
  // The cap is 30% of last step's imports; the share converges to it from above.
  CHECK(cn_share(with) <= 0.3 + 0.02);
}

TEST_CASE("A volume quota is never exceeded", "[behaviour]") {
  const std::string quota = std::string(kControls) + R"(  import_quotas:
    - {name: quota, origins: [CN], sectors: [chips], volume: 5000, start: 2021-07}
)";
  const RunRecord r = run_small_world(quota);
  for (int t = 6; t < steps_of(r); ++t)
    REQUIRE(sum_over(r, "imports_by_shipper", t, t + 1, {"chips", "CN"}) <= 5000.0 * (1 + 1e-9));
}

TEST_CASE("The target caps a supplier once its share passes the threshold", "[behaviour]") {
  const std::string rule = std::string(kControls) + R"(  adaptive_quotas:
    - {name: dependence_rule, sectors: [network], threshold: 0.4, cap: 0.3, start: 2021-01}
)";
  const RunRecord without = run_small_world(kControls);
  const RunRecord with = run_small_world(rule);
  const auto cn_share = [&](const RunRecord& r) {
    return last_year(r, "imports_by_shipper", {"network", "CN"}) /
           last_year(r, "imports_by_shipper", {"network"});
  };
  INFO("CN share of network imports: " << cn_share(without) << " -> " << cn_share(with));
  REQUIRE(cn_share(without) > 0.4);  // the rule has something to react to
  CHECK(cn_share(with) <= 0.3 + 0.02);
  // Chips are not covered by the rule.
  const double chips_without = last_year(without, "imports_by_shipper", {"chips", "CN"});
  CHECK(last_year(with, "imports_by_shipper", {"chips", "CN"}) ==
        Approx(chips_without).epsilon(0.2));
}

TEST_CASE("Each wider export-control package cuts direct coalition supply further", "[behaviour]") {
  const std::string first = R"(  export_controls:
    - {name: package_1, imposers: [coalition], sectors: [chips], coverage: 0.5, start: 2021-04}
)";
  const std::string phased =
      first +
      R"(    - {name: package_2, imposers: [coalition], sectors: [chips], coverage: 0.95, start: 2022-01}
)";
  const RunRecord one = run_small_world(first);
  const RunRecord two = run_small_world(phased);
  const auto direct = [](const RunRecord& r, int from, int to) {
    return sum_over(r, "imports", from, to, {"chips", "US", "direct"}) +
           sum_over(r, "imports", from, to, {"chips", "EU", "direct"});
  };
  // Second half of 2021 (package 1 only) against second half of 2022 (package 2 in force).
  INFO("direct coalition chips: 2021H2 " << direct(two, 6, 12) << ", 2022H2 " << direct(two, 18, 24)
                                         << "; without package 2: " << direct(one, 18, 24));
  CHECK(direct(two, 18, 24) < 0.5 * direct(two, 6, 12));
  CHECK(direct(two, 18, 24) < 0.5 * direct(one, 18, 24));
}

TEST_CASE("Direct supply returns when a control package ends", "[behaviour]") {
  const RunRecord r = run_small_world(R"(  export_controls:
    - {name: temporary, imposers: [coalition], sectors: [chips], coverage: 0.95, start: 2021-04, end: 2022-01}
)");
  const auto direct = [&](int from, int to) {
    return sum_over(r, "imports", from, to, {"chips", "US", "direct"}) +
           sum_over(r, "imports", from, to, {"chips", "EU", "direct"});
  };
  INFO("direct coalition chips: under control " << direct(6, 12) << ", after " << direct(24, 36));
  CHECK(direct(24, 36) > 2.0 * direct(6, 12));
}
