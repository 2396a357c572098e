// The local_content policy list: defaults written into the resolved scenario, the phase-in's
// origin kept even when the rule starts before the calendar, and the rules on origins.

#include <catch2/catch.hpp>

#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/policy/policy_state.hpp"
#include "chokepoint/scenario/loader.hpp"

namespace {

std::string scenario(const std::string& rule) {
  return "name: t\ncalendar: {start: 2022-01, steps: 36}\ntarget: RU\nstates:\n"
         "  - {code: RU}\n  - {code: CN}\n  - {code: US, blocs: [coalition]}\nsectors:\n"
         "  - {code: network, target_demand: 1000, base_price: 500}\npolicies:\n"
         "  local_content:\n    - {name: lc, sectors: [network], " +
         rule + "}\n";
}

std::string error_of(const std::string& text) {
  try {
    chokepoint::load_scenario_text(text, "t.yaml");
  } catch (const chokepoint::ScenarioError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("local_content writes its defaults and round-trips", "[scenario][local-content]") {
  const auto s = chokepoint::load_scenario_text(scenario("share: 0.4, start: 2023-01"), "t.yaml");
  REQUIRE(s.policies.local_content.size() == 1);
  const chokepoint::LocalContentRule& rule = s.policies.local_content[0];
  CHECK(rule.share == 0.4);
  CHECK(rule.phase_in_months == 12.0);
  CHECK(rule.cost_premium == 0.15);
  CHECK(rule.origins == std::vector<chokepoint::StateIndex>{1, 2});  // every state but RU
  CHECK(rule.span.start == 12);
  CHECK_THAT(s.resolved_yaml, Catch::Contains("origins: [CN, US]"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("phase_in_months: 12"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("cost_premium: 0.15"));
  const auto again = chokepoint::load_scenario_text(s.resolved_yaml, "resolved.yaml");
  CHECK(again.policies.local_content == s.policies.local_content);
  CHECK(again.resolved_yaml == s.resolved_yaml);
}

TEST_CASE("the required share ramps from the start month, even before the calendar",
          "[scenario][local-content]") {
  // Started 2021-07 with a 12-month phase-in: at the first step (2022-01) half phased in.
  const auto s = chokepoint::load_scenario_text(
      scenario("origins: [CN], share: 0.6, phase_in_months: 12, start: 2021-07, end: 2023-01"),
      "t.yaml");
  const chokepoint::LocalContentRule& rule = s.policies.local_content.at(0);
  CHECK(rule.span.start == 0);
  CHECK(chokepoint::local_content_share(rule, s.calendar, 0) == Approx(0.3));
  CHECK(chokepoint::local_content_share(rule, s.calendar, 3) == Approx(0.45));
  CHECK(chokepoint::local_content_share(rule, s.calendar, 6) == Approx(0.6));
  CHECK(chokepoint::local_content_share(rule, s.calendar, 11) == Approx(0.6));
  CHECK(chokepoint::local_content_share(rule, s.calendar, 12) == 0.0);  // ended 2023-01

  // Resolved per (origin, sector); the planned share looks `lookahead` steps ahead.
  chokepoint::PolicyState policy = chokepoint::make_policy_state(s);
  chokepoint::apply_local_content(s, 0, 3, policy);
  CHECK(policy.local_content_required[policy.at(1, 0)] == Approx(0.3));
  CHECK(policy.local_content_planned[policy.at(1, 0)] == Approx(0.45));
  CHECK(policy.local_content_required[policy.at(2, 0)] == 0.0);  // US not covered
  chokepoint::apply_local_content(s, 10, 3, policy);
  CHECK(policy.local_content_planned[policy.at(1, 0)] == 0.0);  // the rule will have ended
}

TEST_CASE("a phase-in of 0 requires the full share at once", "[scenario][local-content]") {
  const auto s = chokepoint::load_scenario_text(
      scenario("share: 0.5, phase_in_months: 0, start: 2022-03"), "t.yaml");
  const chokepoint::LocalContentRule& rule = s.policies.local_content.at(0);
  CHECK(chokepoint::local_content_share(rule, s.calendar, 1) == 0.0);
  CHECK(chokepoint::local_content_share(rule, s.calendar, 2) == 0.5);
}

TEST_CASE("local_content rejects the target as an origin and a zero share",
          "[scenario][local-content]") {
  CHECK_THAT(error_of(scenario("origins: [CN, RU], share: 0.5, start: 2022-03")),
             Catch::Contains("policies.local_content[0].origins: origins include the target RU: "
                             "a local-content rule covers foreign firms only; remove RU"));
  CHECK_THAT(error_of(scenario("share: 0, start: 2022-03")),
             Catch::Contains("policies.local_content[0].share: expected a number in (0, 1]"));
  CHECK_THAT(error_of(scenario("share: 0.5, phase_in_month: 6, start: 2022-03")),
             Catch::Contains("did you mean \"phase_in_months\"?"));
}
