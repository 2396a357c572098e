// Secondary sanctions on banks: `banks` in applies_to, the `payments` map and its defaults,
// written back into the resolved scenario; intensity optional for banks alone.

#include <catch2/catch.hpp>

#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"

namespace {

using chokepoint::load_scenario_text;
using chokepoint::ScenarioDescription;

const std::string kWorld = R"(
name: banks
calendar: {start: 2023-01, steps: 24}
target: RU
states: [{code: RU}, {code: US}, {code: CN}]
sectors:
  - {code: chips, target_demand: 1000, base_price: 5}
policies:
  secondary_sanctions:
)";

ScenarioDescription load_sanctions(const std::string& sanctions) {
  return load_scenario_text(kWorld + sanctions, "banks.yaml");
}

}  // namespace

TEST_CASE("A sanction on banks alone needs no intensity and gets the payment defaults",
          "[scenario][loader][banks]") {
  const ScenarioDescription s = load_sanctions(R"(
    - {name: order, imposer: US, on: [CN], applies_to: [banks], start: 2024-01}
)");
  const auto& sanction = s.policies.secondary_sanctions.at(0);
  CHECK(sanction.banks);
  CHECK_FALSE(sanction.firms);
  CHECK_FALSE(sanction.intermediaries);
  CHECK(sanction.intensity == 0.0);
  CHECK(sanction.payments.rejection == 0.5);
  CHECK(sanction.payments.extra_cost == 0.05);
  CHECK(sanction.payments.adaptation_months == 6.0);
  CHECK(sanction.payments.agent_premium == 0.0);
  CHECK(sanction.span.start == 12);
  CHECK(sanction.start_month == 2024 * 12);
  CHECK_THAT(s.resolved_yaml, Catch::Contains("applies_to: [banks]"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("intensity: 0"));
  CHECK_THAT(s.resolved_yaml,
             Catch::Contains("payments: {rejection: 0.5, extra_cost: 0.05, adaptation_months: 6, "
                             "agent_premium: 0}"));
  const ScenarioDescription again = load_scenario_text(s.resolved_yaml, "resolved.yaml");
  CHECK(again.policies.secondary_sanctions == s.policies.secondary_sanctions);
  CHECK(again.resolved_yaml == s.resolved_yaml);
}

TEST_CASE("Banks combine with firms, and payments values are read", "[scenario][loader][banks]") {
  const ScenarioDescription s = load_sanctions(R"(
    - name: order
      imposer: US
      on: [CN]
      applies_to: [firms, banks]
      intensity: 0.01
      payments: {rejection: 0.8, extra_cost: 0.1, adaptation_months: 3}
      start: 2024-01
)");
  const auto& sanction = s.policies.secondary_sanctions.at(0);
  CHECK(sanction.firms);
  CHECK(sanction.banks);
  CHECK_FALSE(sanction.intermediaries);
  CHECK(sanction.intensity == 0.01);
  CHECK(sanction.payments.rejection == 0.8);
  CHECK(sanction.payments.extra_cost == 0.1);
  CHECK(sanction.payments.adaptation_months == 3.0);
}

TEST_CASE("Sanctions without banks write no payments and still need an intensity",
          "[scenario][loader][banks]") {
  const ScenarioDescription s = load_sanctions(R"(
    - {name: order, imposer: US, on: [CN], intensity: 0.01, start: 2024-01}
)");
  CHECK_FALSE(s.policies.secondary_sanctions.at(0).banks);
  CHECK_THAT(s.resolved_yaml, !Catch::Contains("payments"));
  REQUIRE_THROWS_WITH(load_sanctions(R"(
    - {name: order, imposer: US, on: [CN], applies_to: [firms, banks], start: 2024-01}
)"),
                      Catch::Contains("missing required key \"intensity\""));
  REQUIRE_THROWS_WITH(load_sanctions(R"(
    - {name: order, imposer: US, on: [CN], applies_to: [banks, banks], start: 2024-01}
)"),
                      Catch::Contains("\"banks\" is listed twice"));
}
