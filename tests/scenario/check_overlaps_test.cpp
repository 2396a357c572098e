// Overlapping policies: those that contradict each other (the engine would silently pick one
// value) are errors at the later entry's name; those that combine (widest control, tightest
// quota, added hazards and enforcement) load. docs/SCENARIO_FORMAT.md, "Overlapping policies".

#include <catch2/catch.hpp>

#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"

namespace {

using chokepoint::load_scenario_text;
using chokepoint::ScenarioError;

// The first policy entry is on line 13, the second on line 14.
std::string scenario(const std::string& policies, const std::string& calendar = "step: month") {
  return R"(name: t
calendar: {start: 2024-01, steps: 24, )" +
         calendar + R"(}
target: RU
states:
  - {code: RU}
  - {code: CN, blocs: [asia]}
  - {code: KZ, blocs: [asia]}
sectors:
  - {code: chips, target_demand: 1000, base_price: 5}
  - {code: tools, target_demand: 1000, base_price: 5}
policies:
)" + policies;
}

std::string error_of(const std::string& text) {
  try {
    load_scenario_text(text, "t.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("tariffs on the same goods and months with different rates contradict", "[checks]") {
  const std::string text = scenario(R"(  tariffs:
    - {name: duty_a, origins: [CN], sectors: [chips], rate: 0.1, start: 2024-01, end: 2024-07}
    - {name: duty_b, origins: [KZ, CN], sectors: [tools, chips], rate: 0.2, start: 2023-06}
)");
  CHECK(error_of(text) ==
        "t.yaml:14:14: policies.tariffs[1].name: \"duty_b\" overlaps policies.tariffs[0] "
        "(\"duty_a\") on CN/chips from 2024-01 to 2024-06 with a different rate (0.2 vs 0.1); "
        "give one rate per origin and sector, or make their periods not overlap");
}

TEST_CASE("a duplicated tariff would charge twice, so it is refused too", "[checks]") {
  const std::string text = scenario(R"(  tariffs:
    - {name: duty_a, origins: [asia], sectors: [chips], rate: 0.1, start: 2024-01}
    - {name: duty_b, origins: [KZ], sectors: [chips], rate: 0.1, start: 2025-03}
)");
  CHECK(error_of(text) ==
        "t.yaml:14:14: policies.tariffs[1].name: \"duty_b\" overlaps policies.tariffs[0] "
        "(\"duty_a\") on KZ/chips from 2025-03 to 2025-12 with the same rate (0.1), which would "
        "be charged twice (duties in force together add up); give one rate per origin and "
        "sector, or make their periods not overlap");
}

TEST_CASE("tariffs that do not share goods or months load", "[checks]") {
  // One after the other (end is exclusive), on different origins, on different sectors.
  CHECK(error_of(scenario(R"(  tariffs:
    - {name: a, origins: [CN], sectors: [chips], rate: 0.1, start: 2024-01, end: 2024-07}
    - {name: b, origins: [CN], sectors: [chips], rate: 0.2, start: 2024-07}
    - {name: c, origins: [KZ], sectors: [chips], rate: 0.3, start: 2024-01}
    - {name: d, origins: [CN], sectors: [tools], rate: 0.4, start: 2024-01}
)")) == "(no error)");
}

TEST_CASE("two subsidies on one sector at once are refused: whose budget pays?", "[checks]") {
  const std::string text = scenario(R"(  import_substitution_subsidies:
    - {name: first, sectors: [chips, tools], production_rate: 0.2, annual_budget: 1e6, start: 2024-01}
    - {name: second, sectors: [tools], production_rate: 0.2, annual_budget: 1e6, start: 2024-04, end: 2024-05}
)");
  CHECK(error_of(text) ==
        "t.yaml:14:14: policies.import_substitution_subsidies[1].name: \"second\" overlaps "
        "policies.import_substitution_subsidies[0] (\"first\") on tools in 2024-04, but only "
        "one subsidy can pay for a sector at a time (which budget and rates would apply is "
        "ambiguous); merge them into one policy, or make their periods not overlap");
  CHECK(error_of(scenario(R"(  import_substitution_subsidies:
    - {name: first, sectors: [chips], annual_budget: 1e6, start: 2024-01, end: 2025-01}
    - {name: second, sectors: [chips], annual_budget: 1e6, start: 2025-01}
    - {name: third, sectors: [tools], annual_budget: 1e6, start: 2024-01}
)")) == "(no error)");
}

TEST_CASE("equally wide export controls with different end-use checks contradict", "[checks]") {
  const std::string text = scenario(R"(  export_controls:
    - {name: p1, imposers: [CN], sectors: [chips], coverage: 0.8, end_use_checks: 0.3, start: 2024-01}
    - {name: p2, imposers: [CN], sectors: [chips], coverage: 0.8, end_use_checks: 0.6, start: 2024-07}
)");
  CHECK(error_of(text) ==
        "t.yaml:14:14: policies.export_controls[1].name: \"p2\" overlaps "
        "policies.export_controls[0] (\"p1\") on CN/chips from 2024-07 to 2025-12 with the same "
        "coverage (0.8) but different end_use_checks (0.6 vs 0.3); the widest package's checks "
        "apply and neither is wider; give them the same end_use_checks, or make their periods "
        "not overlap");
}

TEST_CASE("overlaps that combine load: wider packages, quotas, sanctions, enforcement",
          "[checks]") {
  CHECK(error_of(scenario(R"(  export_controls:
    - {name: p1, imposers: [CN], sectors: [chips], coverage: 0.5, end_use_checks: 0.3, start: 2024-01}
    - {name: p2, imposers: [CN], sectors: [chips], coverage: 0.9, end_use_checks: 0.6, start: 2024-07}
    - {name: p3, imposers: [CN], sectors: [chips], coverage: 0.9, end_use_checks: 0.6, start: 2025-01}
  import_quotas:
    - {name: q1, origins: [CN], sectors: [chips], share: 0.5, start: 2024-01}
    - {name: q2, origins: [CN], sectors: [chips], share: 0.3, start: 2024-06}
    - {name: q3, origins: [CN], sectors: [chips], volume: 100, start: 2024-06}
  adaptive_quotas:
    - {name: a1, sectors: [chips], threshold: 0.8, cap: 0.7, start: 2024-01}
    - {name: a2, sectors: [chips], threshold: 0.6, cap: 0.5, start: 2024-01}
  secondary_sanctions:
    - {name: s1, imposer: CN, on: [KZ], intensity: 0.1, start: 2024-01}
    - {name: s2, imposer: CN, on: [KZ], intensity: 0.2, penalty_months: 12, start: 2024-01}
  enforcement:
    - {name: e1, hubs: [KZ], intensity: 1, start: 2024-01}
    - {name: e2, hubs: [KZ], intensity: 2, start: 2024-01}
)")) == "(no error)");
}

TEST_CASE("overlapping months follow the calendar's steps", "[checks]") {
  // Quarterly from 2024-01: 2024-05 starts at the next quarter (2024-07), and the overlap runs
  // to the end of the quarter before 2025-01.
  const std::string text = scenario(R"(  tariffs:
    - {name: a, origins: [CN], sectors: [chips], rate: 0.1, start: 2024-01, end: 2025-01}
    - {name: b, origins: [CN], sectors: [chips], rate: 0.2, start: 2024-05}
)",
                                    "step: quarter");
  CHECK_THAT(error_of(text), Catch::Contains("on CN/chips from 2024-07 to 2024-12 with"));
  // Two policies that round to the same quarter boundary do not overlap.
  CHECK(error_of(scenario(R"(  tariffs:
    - {name: a, origins: [CN], sectors: [chips], rate: 0.1, start: 2024-01, end: 2024-05}
    - {name: b, origins: [CN], sectors: [chips], rate: 0.2, start: 2024-06}
)",
                          "step: quarter")) == "(no error)");
}

TEST_CASE("an overlap added by an extending file is reported where it was written", "[checks]") {
  // base.yaml has first_controls on coalition/chips at coverage 0.5 (end-use checks 0.5).
  const std::string child = "extends: " + std::string(CHOKEPOINT_TEST_DATA_DIR) +
                            "/extends/base.yaml\npolicies:\n  export_controls:\n"
                            "    - {name: more, imposers: [US], sectors: [chips], coverage: 0.5, "
                            "end_use_checks: 0.9, start: 2023-01}\n";
  try {
    load_scenario_text(child, "child.yaml");
    FAIL("no error");
  } catch (const ScenarioError& error) {
    CHECK(error.where().file == "child.yaml");
    CHECK(error.where().line == 4);
    CHECK(error.key_path() == "policies.export_controls[2].name");
    CHECK_THAT(error.message(), Catch::StartsWith("\"more\" overlaps policies.export_controls[0] "
                                                  "(\"first_controls\") on US/chips from 2023-01"));
  }
}
