// Combinations of instruments that analysts ask about (issue: "a quota on China with and
// without domestic subsidies"), each asserting the direction an economist would expect.

#include <catch2/catch.hpp>

#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

// Controls on chips only: in network equipment the coalition can still replace China, at a
// price, and domestic producers are costlier than both.
const std::string kControls = R"(  export_controls:
    - {name: controls, imposers: [coalition], sectors: [chips], coverage: 0.95, start: 2021-04}
)";
const std::string kQuota = R"(  import_quotas:
    - {name: quota, origins: [CN], sectors: [network], share: 0.4, start: 2021-10}
)";
const std::string kSubsidy = R"(  import_substitution_subsidies:
    - {name: subsidy, sectors: [network], production_rate: 0.4, investment_rate: 0.9, annual_budget: 1.0e9, start: 2021-04}
)";

struct Outcome {
  double cn_share, shortage, domestic_share;
};

Outcome outcome(const RunRecord& r) {
  const int end = steps_of(r);
  const int from = end - 12;
  return {sum_over(r, "imports_by_shipper", from, end, {"network", "CN"}) /
              sum_over(r, "imports_by_shipper", from, end, {"network"}),
          sum_over(r, "unmet_demand", from, end, {"network"}) /
              sum_over(r, "demand", from, end, {"network"}),
          sum_over(r, "domestic_share", from, end, {"network"}) / 12.0};
}

}  // namespace

TEST_CASE("A quota on China cuts dependence at the cost of shortages, and subsidies soften it",
          "[behaviour][combination]") {
  const Outcome none = outcome(run_small_world(kControls));
  const Outcome quota = outcome(run_small_world(kControls + kQuota));
  const Outcome both = outcome(run_small_world(kControls + kQuota + kSubsidy));
  INFO("CN share: none " << none.cn_share << ", quota " << quota.cn_share << ", quota+subsidy "
                         << both.cn_share);
  INFO("shortage: none " << none.shortage << ", quota " << quota.shortage << ", quota+subsidy "
                         << both.shortage);
  INFO("domestic share: none " << none.domestic_share << ", quota " << quota.domestic_share
                               << ", quota+subsidy " << both.domestic_share);
  // The quota lowers dependence on China...
  CHECK(quota.cn_share < none.cn_share);
  // ...but the others cannot replace it all: shortages rise.
  CHECK(quota.shortage > none.shortage);
  // Subsidised domestic producers fill part of the gap: fewer shortages, a larger domestic
  // share, and dependence stays below the no-quota level.
  CHECK(both.shortage < quota.shortage);
  CHECK(both.domestic_share > quota.domestic_share);
  CHECK(both.cn_share < none.cn_share);
}
