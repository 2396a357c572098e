// The payment disruption of a secondary sanction on banks, resolved per step into
// PolicyState: the rejected share halves every `adaptation_months` from the sanction's start
// month, the extra cost holds while it is in force, and several sanctions take the maximum.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "chokepoint/policy/policy_state.hpp"
#include "chokepoint/scenario/loader.hpp"

using namespace chokepoint;

namespace {

// States: RU 0, US 1, CN 2, HK 3.
const StateIndex kCN = 2;
const StateIndex kHK = 3;

ScenarioDescription world_with(const std::string& calendar, const std::string& sanctions) {
  return load_scenario_text(R"(name: banks
calendar: )" + calendar + R"(
target: RU
states: [{code: RU}, {code: US}, {code: CN}, {code: HK}]
sectors:
  - {code: chips, target_demand: 1000, base_price: 5}
policies:
  secondary_sanctions:
)" + sanctions,
                            "banks.yaml");
}

struct Payments {
  double rejection;
  double cost;
};

Payments at_step(const ScenarioDescription& scenario, std::int32_t step, StateIndex state) {
  PolicyState policy = make_policy_state(scenario);
  apply_secondary_sanctions(scenario, step, policy);
  return {policy.payment_rejection[state], policy.payment_cost[state]};
}

}  // namespace

TEST_CASE("The rejected share halves every adaptation_months", "[policy][banks]") {
  CHECK(payment_rejection_share(0.5, 0.0, 6.0) == 0.5);
  CHECK(payment_rejection_share(0.5, 6.0, 6.0) == Approx(0.25));
  CHECK(payment_rejection_share(0.5, 12.0, 6.0) == Approx(0.125));
  CHECK(payment_rejection_share(0.5, 3.0, 6.0) == Approx(0.5 / std::sqrt(2.0)));
}

TEST_CASE("A bank sanction rejects payments from its start, decaying, until its end",
          "[policy][banks]") {
  // Monthly from 2023-01: the sanction is in force over steps 12 (2024-01) to 29 (2025-06).
  const ScenarioDescription s = world_with("{start: 2023-01, steps: 36}", R"(
    - {name: order, imposer: US, on: [CN], applies_to: [banks], payments: {rejection: 0.6, extra_cost: 0.05, adaptation_months: 4}, start: 2024-01, end: 2025-07}
)");
  CHECK(at_step(s, 11, kCN).rejection == 0.0);
  CHECK(at_step(s, 11, kCN).cost == 0.0);
  CHECK(at_step(s, 12, kCN).rejection == Approx(0.6));
  CHECK(at_step(s, 12, kCN).cost == Approx(0.05));
  CHECK(at_step(s, 14, kCN).rejection == Approx(0.6 / std::sqrt(2.0)));
  CHECK(at_step(s, 16, kCN).rejection == Approx(0.3));
  CHECK(at_step(s, 20, kCN).rejection == Approx(0.15));
  CHECK(at_step(s, 29, kCN).cost == Approx(0.05));  // the extra cost does not fade
  CHECK(at_step(s, 30, kCN).rejection == 0.0);
  CHECK(at_step(s, 30, kCN).cost == 0.0);
  CHECK(at_step(s, 12, kHK).rejection == 0.0);  // only the states named in `on`
  // A bank sanction designates no one.
  PolicyState policy = make_policy_state(s);
  apply_secondary_sanctions(s, 12, policy);
  for (SectorIndex k = 0; k < policy.sectors; ++k) {
    CHECK(policy.firm_sanction_intensity[policy.at(kCN, k)] == 0.0);
    CHECK(policy.intermediary_sanction_intensity[policy.at(kCN, k)] == 0.0);
  }
}

TEST_CASE("The adaptation clock runs in months from the dated start", "[policy][banks]") {
  const std::string sanction = R"(
    - {name: order, imposer: US, on: [CN], applies_to: [banks], payments: {rejection: 0.6, adaptation_months: 4}, start: 2024-02}
)";
  // Quarterly from 2023-01: dated inside a quarter, the sanction acts from step 5 (2024-04),
  // two months after its start; every step is three months.
  const ScenarioDescription quarterly =
      world_with("{start: 2023-01, steps: 8, step: quarter}", sanction);
  CHECK(at_step(quarterly, 4, kCN).rejection == 0.0);
  CHECK(at_step(quarterly, 5, kCN).rejection == Approx(0.6 * std::exp2(-2.0 / 4.0)));
  CHECK(at_step(quarterly, 6, kCN).rejection == Approx(0.6 * std::exp2(-5.0 / 4.0)));
  // Dated before the run: already six months old at step 0 (2024-08).
  const ScenarioDescription later = world_with("{start: 2024-08, steps: 12}", sanction);
  CHECK(at_step(later, 0, kCN).rejection == Approx(0.6 * std::exp2(-6.0 / 4.0)));
}

TEST_CASE("Bank sanctions on one state take the largest rejection and cost", "[policy][banks]") {
  const ScenarioDescription s = world_with("{start: 2024-01, steps: 24}", R"(
    - {name: strict, imposer: US, on: [CN], applies_to: [banks], payments: {rejection: 0.6, extra_cost: 0.02, adaptation_months: 2}, start: 2024-01}
    - {name: slow, imposer: US, on: [CN, HK], applies_to: [banks, firms], intensity: 0.01, payments: {rejection: 0.3, extra_cost: 0.1, adaptation_months: 12}, start: 2024-01}
)");
  CHECK(at_step(s, 0, kCN).rejection == Approx(0.6));  // strict, not 0.9
  CHECK(at_step(s, 0, kCN).cost == Approx(0.1));
  // Six months on the fast decay is below the slow one: the slow one binds.
  CHECK(at_step(s, 6, kCN).rejection == Approx(0.3 * std::exp2(-0.5)));
  CHECK(at_step(s, 0, kHK).rejection == Approx(0.3));
  CHECK(at_step(s, 0, kHK).cost == Approx(0.1));
}

TEST_CASE("Payment agents' fees rise with the share of payments the banks reject",
          "[policy][banks]") {
  CHECK(payment_agent_fee(0.03, 0.2, 0.0) == Approx(0.03));
  CHECK(payment_agent_fee(0.03, 0.2, 0.5) == Approx(0.13));
  // Monthly from 2024-01, half-life 4 months: the fee fades with the rejection behind it, to
  // the rerouted payment's own cost.
  const ScenarioDescription s = world_with("{start: 2024-01, steps: 48}", R"(
    - {name: order, imposer: US, on: [CN], applies_to: [banks], payments: {rejection: 0.6, extra_cost: 0.03, adaptation_months: 4, agent_premium: 0.25}, start: 2024-01}
)");
  CHECK(at_step(s, 0, kCN).cost == Approx(0.03 + 0.25 * 0.6));
  CHECK(at_step(s, 4, kCN).cost == Approx(0.03 + 0.25 * 0.3));
  CHECK(at_step(s, 4, kCN).cost < at_step(s, 0, kCN).cost);
  CHECK(at_step(s, 47, kCN).cost == Approx(0.03).margin(1e-4));
  // Without agent_premium the fee is the extra cost alone, as before agents priced the risk.
  const ScenarioDescription flat = world_with("{start: 2024-01, steps: 12}", R"(
    - {name: order, imposer: US, on: [CN], applies_to: [banks], payments: {rejection: 0.6, extra_cost: 0.03, adaptation_months: 4}, start: 2024-01}
)");
  CHECK(at_step(flat, 0, kCN).cost == Approx(0.03));
}
