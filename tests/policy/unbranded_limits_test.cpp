// apply_unbranded_limits: caps from last step's imports, the lower cap when two limits cover
// one sector, nothing outside a limit's span.

#include <catch2/catch.hpp>

#include "chokepoint/policy/policy_state.hpp"
#include "chokepoint/scenario/loader.hpp"

using namespace chokepoint;

namespace {

const std::string kTwoLimits = R"(
name: limits
calendar: {start: 2022-01, steps: 24}
target: RU
states: [{code: RU}, {code: CN}]
sectors:
  - {code: chips, target_demand: 1000, base_price: 5}
  - {code: network, target_demand: 100, base_price: 500}
  - {code: tools, target_demand: 10, base_price: 5000}
policies:
  unbranded_limits:
    - {name: loose, sectors: [chips, network], max_share: 0.5, start: 2022-03}
    - {name: tight, sectors: [network], max_share: 0.2, start: 2022-06, end: 2022-09}
    - {name: ban, sectors: [tools], max_share: 0, start: 2022-01}
)";

ImportHistory history_with(std::vector<double> imports_by_sector) {
  ImportHistory history;
  history.imports_by_sector = std::move(imports_by_sector);
  return history;
}

}  // namespace

TEST_CASE("Unbranded limits cap a share of last step's imports, the lower cap applying",
          "[policy][unbranded]") {
  const ScenarioDescription scenario = load_scenario_text(kTwoLimits, "limits.yaml");
  PolicyState policy = make_policy_state(scenario);
  const ImportHistory history = history_with({800.0, 90.0, 7.0});

  apply_unbranded_limits(scenario, 0, history, policy);  // only the ban
  CHECK(policy.unbranded_active == std::vector<std::uint8_t>{0, 0, 1});
  CHECK(policy.unbranded_cap[2] == 0.0);
  CHECK(policy.any_unbranded_limit);

  apply_unbranded_limits(scenario, 2, history, policy);  // 2022-03: loose as well
  CHECK(policy.unbranded_active == std::vector<std::uint8_t>{1, 1, 1});
  CHECK(policy.unbranded_cap[0] == Approx(400.0));
  CHECK(policy.unbranded_cap[1] == Approx(45.0));

  apply_unbranded_limits(scenario, 6, history, policy);  // 2022-07: tight binds on network
  CHECK(policy.unbranded_cap[0] == Approx(400.0));
  CHECK(policy.unbranded_cap[1] == Approx(18.0));

  apply_unbranded_limits(scenario, 8, history, policy);  // 2022-09: tight has ended
  CHECK(policy.unbranded_cap[1] == Approx(45.0));
}

TEST_CASE("Without unbranded limits nothing is active", "[policy][unbranded]") {
  std::string text = kTwoLimits.substr(0, kTwoLimits.find("policies:"));
  const ScenarioDescription scenario = load_scenario_text(text, "none.yaml");
  PolicyState policy = make_policy_state(scenario);
  apply_unbranded_limits(scenario, 3, history_with({1.0, 1.0, 1.0}), policy);
  CHECK(policy.unbranded_active == std::vector<std::uint8_t>{0, 0, 0});
  CHECK_FALSE(policy.any_unbranded_limit);
}

TEST_CASE("Unbranded limits load with their keys and round-trip", "[scenario][unbranded]") {
  const ScenarioDescription scenario = load_scenario_text(kTwoLimits, "limits.yaml");
  const auto& limits = scenario.policies.unbranded_limits;
  REQUIRE(limits.size() == 3);
  CHECK(limits[0].name == "loose");
  CHECK(limits[0].sectors == std::vector<SectorIndex>{0, 1});
  CHECK(limits[0].max_share == 0.5);
  CHECK(limits[0].span.start == 2);
  CHECK(limits[1].span.end == 8);
  CHECK(limits[2].max_share == 0.0);
  CHECK_THAT(scenario.resolved_yaml, Catch::Contains("unbranded_limits:"));
  const ScenarioDescription again = load_scenario_text(scenario.resolved_yaml, "again.yaml");
  CHECK(again.policies == scenario.policies);
}
