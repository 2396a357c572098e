// Policy dates against the run's calendar: a start at or after the end is an error (the
// policy would never act); a start before the calendar means active from step 0; an end after
// the calendar is clamped.

#include <catch2/catch.hpp>

#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"

namespace {

std::string scenario(const std::string& calendar, const std::string& dates) {
  return "name: t\ncalendar: " + calendar +
         "\ntarget: RU\nstates:\n  - {code: RU}\n  - {code: US}\nsectors:\n"
         "  - {code: chips, target_demand: 1000, base_price: 5}\npolicies:\n  export_controls:\n"
         "    - {name: c, imposers: [US], sectors: [chips], " +
         dates + "}\n";
}

std::string error_of(const std::string& text) {
  try {
    chokepoint::load_scenario_text(text, "t.yaml");
  } catch (const chokepoint::ScenarioError& error) {
    return error.what();
  }
  return "(no error)";
}

const std::string kMonthly = "{start: 2022-01, steps: 24}";  // 2022-01 to 2023-12

}  // namespace

TEST_CASE("a policy starting after the run ends is an error", "[scenario][dates]") {
  CHECK(error_of(scenario(kMonthly, "start: 2030-01")) ==
        "t.yaml:11:58: policies.export_controls[0].start: starts 2030-01, after the run ends "
        "(2023-12); move the start inside the calendar or lengthen the calendar");
  // The month after the last one is the first that is too late.
  CHECK_THAT(error_of(scenario(kMonthly, "start: 2024-01")),
             Catch::Contains("starts 2024-01, after the run ends (2023-12)"));
  CHECK(error_of(scenario(kMonthly, "start: 2023-12")) == "(no error)");
}

TEST_CASE("a policy starting inside the last quarter would never act", "[scenario][dates]") {
  // Quarterly from 2022-01, 4 steps: the last step begins 2022-10; a start in 2022-11 rounds
  // up to the (nonexistent) fifth step.
  CHECK_THAT(error_of(scenario("{start: 2022-01, steps: 4, step: quarter}", "start: 2022-11")),
             Catch::Contains("starts 2022-11, after the last step begins (2022-10), so it would "
                             "never act; steps are 3 months long"));
}

TEST_CASE("a start before the calendar and an end after it are fine", "[scenario][dates]") {
  const auto s =
      chokepoint::load_scenario_text(scenario(kMonthly, "start: 2020-01, end: 2031-01"), "t.yaml");
  CHECK(s.policies.export_controls.at(0).span.start == 0);
  CHECK(s.policies.export_controls.at(0).span.end >= 24);
}
