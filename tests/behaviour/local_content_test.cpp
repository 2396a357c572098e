// The target's local-content rule (MODEL.md 4.2, 6): against the same small world and seed
// without it, Chinese network-equipment makers move capacity into the target, the sector's
// domestic share rises and China's direct imports fall. Outcomes are compared over the
// last 12 steps, long after the rule is phased in.

#include <catch2/catch.hpp>

#include "support/same_bits.hpp"

#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

// Half of what Chinese network makers sell directly must be made in the target, phased in
// over 6 months from 2021-07 (with the default 12-month time to build).
const std::string kLocalContent = R"(  local_content:
    - {name: localise, origins: [CN], sectors: [network], share: 0.5, phase_in_months: 6, start: 2021-07}
)";

}  // namespace

TEST_CASE("A local-content rule relocates capacity and cuts direct imports from the origin",
          "[behaviour][local-content]") {
  const RunRecord without = run_small_world(kCoalitionControls);
  const RunRecord with = run_small_world(kCoalitionControls + kLocalContent);
  const int end = steps_of(with);

  const double relocated = sum_over(with, "relocated_capacity", end - 1, end, {"network"});
  INFO("relocated network capacity at the end: " << relocated);
  CHECK(relocated > 0.0);
  CHECK(sum_over(with, "relocated_capacity", 0, end, {"chips"}) == 0.0);
  CHECK(sum_over(with, "relocation_investment", 0, end) > 0.0);
  CHECK(sum_over(without, "relocated_capacity", 0, end) == 0.0);
  CHECK(sum_over(without, "relocation_investment", 0, end) == 0.0);

  const double share_before = last_year(without, "domestic_share", {"network"}) / 12.0;
  const double share_after = last_year(with, "domestic_share", {"network"}) / 12.0;
  INFO("network domestic share, last year: " << share_before << " -> " << share_after);
  CHECK(share_after > share_before);

  const double direct_before = last_year(without, "imports", {"network", "CN", "direct"});
  const double direct_after = last_year(with, "imports", {"network", "CN", "direct"});
  INFO("CN direct network imports, last year: " << direct_before << " -> " << direct_after);
  CHECK(direct_after < direct_before);

  // Compliance: what Chinese makers still ship directly is at most (1 - s) / s = 1 times what
  // their plants in the target deliver, up to the gap between plants' capacity and sales.
  const double plants_capacity = last_year(with, "relocated_capacity", {"network"});
  INFO("CN direct " << direct_after << " vs relocated capacity " << plants_capacity);
  CHECK(direct_after <= plants_capacity * (1.0 + 1e-9));
}

TEST_CASE("A local-content rule leaves uncovered sectors and origins to themselves",
          "[behaviour][local-content]") {
  const RunRecord with = run_small_world(kCoalitionControls + kLocalContent);
  const int end = steps_of(with);
  // Before the rule starts (step 6), nothing is relocated or committed.
  CHECK(sum_over(with, "relocated_capacity", 0, 6) == 0.0);
  CHECK(sum_over(with, "relocation_investment", 0, 6) == 0.0);
  // Firms of the target are counted as its firms: the plants that opened join them.
  const double target_firms_start = sum_over(with, "firms_serving", 0, 1, {"RU"});
  const double target_firms_end = sum_over(with, "firms_serving", end - 1, end, {"RU"});
  INFO("firms of the target serving it: " << target_firms_start << " -> " << target_firms_end);
  CHECK(target_firms_start == 30.0);
  CHECK(target_firms_end > target_firms_start);
}

TEST_CASE("A run with a local-content rule is bit-identical at 1 and 2 threads",
          "[behaviour][local-content][determinism]") {
  const std::string policies = kCoalitionControls + kLocalContent;
  const RunRecord one = run_small_world(policies, 1);
  const RunRecord two = run_small_world(policies, 2);
  for (const char* name : {"relocated_capacity", "relocation_investment", "imports",
                           "domestic_share", "firms_serving", "unmet_demand"}) {
    INFO(name);
    CHECK(same_bits(one.find_series(name)->values, two.find_series(name)->values));
  }
}

// A rule's local plants exist from the start, dormant: before the rule starts, the run must
// be the same run as without it, draw for draw.
TEST_CASE("A local-content rule changes nothing before it starts", "[behaviour][local-content]") {
  const std::string late = R"(  local_content:
    - {name: late_rule, origins: [CN], sectors: [network], share: 0.5, start: 2022-07}
)";
  const RunRecord without = run_small_world(kCoalitionControls);
  const RunRecord with = run_small_world(kCoalitionControls + late);
  const int before_start = 18;  // 2021-01 + 18 months = 2022-07
  for (const char* series : {"imports", "price_index", "hub_volume", "unmet_demand"}) {
    INFO(series);
    CHECK(sum_over(with, series, 0, before_start) == sum_over(without, series, 0, before_start));
  }
  CHECK(sum_over(with, "imports", before_start, steps_of(with)) !=
        sum_over(without, "imports", before_start, steps_of(without)));
}
