#include <catch2/catch.hpp>

#include "chokepoint/policy/policy_state.hpp"

using namespace chokepoint;

namespace {

// Two sectors under one subsidy policy with `left` USD of this year's budget.
PolicyState one_budget_two_sectors(double left) {
  PolicyState policy;
  policy.sectors = 2;
  policy.subsidy_policy = {0, 0};
  policy.subsidy_budget_left = {left};
  policy.subsidy_claims = {0.0};
  return policy;
}

}  // namespace

TEST_CASE("Claims within the budget are paid in full", "[policy]") {
  PolicyState policy = one_budget_two_sectors(1000.0);
  std::vector<double> paid(2, 0.0);
  pay_subsidy_claims(policy, {300.0, 100.0}, paid);
  CHECK(paid[0] == 300.0);
  CHECK(paid[1] == 100.0);
  CHECK(policy.subsidy_budget_left[0] == 600.0);
  CHECK(subsidy_available(policy, 0));
}

TEST_CASE("Claims beyond the budget are paid pro rata, whatever the sector order", "[policy]") {
  PolicyState policy = one_budget_two_sectors(200.0);
  std::vector<double> paid(2, 0.0);
  pay_subsidy_claims(policy, {300.0, 100.0}, paid);
  CHECK(paid[0] == Approx(150.0));
  CHECK(paid[1] == Approx(50.0));
  CHECK(policy.subsidy_budget_left[0] == 0.0);
  CHECK_FALSE(subsidy_available(policy, 0));
  pay_subsidy_claims(policy, {300.0, 100.0}, paid);  // nothing left until next year
  CHECK(paid[0] == 0.0);
  CHECK(paid[1] == 0.0);
}

TEST_CASE("Sectors without a subsidy are paid nothing", "[policy]") {
  PolicyState policy = one_budget_two_sectors(1000.0);
  policy.subsidy_policy = {0, -1};
  std::vector<double> paid(2, 0.0);
  pay_subsidy_claims(policy, {300.0, 100.0}, paid);
  CHECK(paid[0] == 300.0);
  CHECK(paid[1] == 0.0);
  CHECK(policy.subsidy_budget_left[0] == 700.0);
}
