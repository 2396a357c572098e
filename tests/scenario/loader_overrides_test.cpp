// --set overrides: values replaced by path (keys, list indexes, entry names) after `extends`
// and before the checks, errors naming the override, and the resolved scenario showing the
// values used.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"

namespace {

using chokepoint::load_scenario_file;
using chokepoint::ScenarioDescription;
using chokepoint::ScenarioError;

const std::string kFull = std::string(CHOKEPOINT_TEST_DATA_DIR) + "/good/full.yaml";
const std::string kChild = std::string(CHOKEPOINT_TEST_DATA_DIR) + "/extends/child.yaml";

std::string error_of(const std::string& file, const std::vector<std::string>& overrides) {
  try {
    load_scenario_file(file, overrides);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("override: --set replaces a value by key path and list index", "[scenario][overrides]") {
  const ScenarioDescription plain = load_scenario_file(kFull);
  const ScenarioDescription s =
      load_scenario_file(kFull, {"seed=7", "sectors[1].base_price=130", "calendar.steps=20"});
  CHECK(plain.seed == 42);
  CHECK(s.seed == 7);
  CHECK(s.sectors[1].base_price == 130);
  CHECK(s.sectors[0].base_price == plain.sectors[0].base_price);
  CHECK(s.calendar.steps == 20);
  CHECK(s.calendar.start_year == plain.calendar.start_year);  // the rest of the map stays
  CHECK_THAT(s.resolved_yaml, Catch::Contains("seed: 7\n"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("base_price: 130\n"));
}

TEST_CASE("override: --set selects list entries by name or code", "[scenario][overrides]") {
  const ScenarioDescription s =
      load_scenario_file(kFull, {"policies.export_controls[coalition_chips].coverage=0.25",
                                 "sectors[bearings].base_price=99"});
  CHECK(s.policies.export_controls.at(0).coverage == 0.25);
  CHECK(s.sectors.at(1).base_price == 99);
}

TEST_CASE("override: --set values are YAML: lists, maps, quoted strings", "[scenario][overrides]") {
  const ScenarioDescription s = load_scenario_file(
      kFull, {"report.focus_group=[CN]", "behaviour={loyal_slots: 2}", "name='a: b'"});
  CHECK(s.report.focus_group.size() == 1);
  CHECK(s.behaviour.loyal_slots == 2);
  CHECK(s.behaviour.time_to_build == ScenarioDescription().behaviour.time_to_build);  // replaced
  CHECK(s.name == "a: b");
}

TEST_CASE("override: --set applies after extends, later overrides winning",
          "[scenario][overrides]") {
  const ScenarioDescription s =
      load_scenario_file(kChild, {"policies.export_controls[first_controls].coverage=0.3",
                                  "calendar.steps=30", "calendar.steps=31"});
  CHECK(s.policies.export_controls.at(0).name == "first_controls");  // an entry of the base
  CHECK(s.policies.export_controls.at(0).coverage == 0.3);
  CHECK(s.calendar.steps == 31);
  const ScenarioDescription again = chokepoint::load_scenario_text(s.resolved_yaml, "r.yaml");
  CHECK(again.policies == s.policies);
  CHECK(again.calendar == s.calendar);
}

TEST_CASE("override: --set can add a key the scenario leaves out", "[scenario][overrides]") {
  const ScenarioDescription s = load_scenario_file(kChild, {"description=added"});
  CHECK_THAT(s.resolved_yaml, Catch::Contains("description: added\n"));
}

TEST_CASE("a bad --set path is an error naming the override", "[scenario][overrides]") {
  CHECK(error_of(kFull, {"sectors[9].base_price=3"}) ==
        "--set sectors[9].base_price=3: sectors has 2 entries, numbered 0 to 1");
  CHECK(error_of(kFull, {"seed"}) ==
        "--set seed: expected PATH=VALUE, e.g. --set sectors[0].base_price=6");
  CHECK(error_of(kFull, {"polcies.import_quotas[0].volume=1"}) ==
        "--set polcies.import_quotas[0].volume=1: no key \"polcies\" in the scenario; did you "
        "mean \"policies\"?");
  CHECK(error_of(kFull, {"policies.export_controls[coalition_chip].coverage=1"}) ==
        "--set policies.export_controls[coalition_chip].coverage=1: policies.export_controls has "
        "no entry named \"coalition_chip\"; did you mean \"coalition_chips\"?");
  CHECK(error_of(kFull, {"calendar[0]=1"}) ==
        "--set calendar[0]=1: calendar is a map, not a list; [0] selects a list entry");
  CHECK(error_of(kFull, {"sectors.base_price=1"}) ==
        "--set sectors.base_price=1: sectors is a list, not a map; it has no key \"base_price\"");
  CHECK(error_of(kFull, {"sectors[0]..base_price=1"}) ==
        "--set sectors[0]..base_price=1: empty key in the path \"sectors[0]..base_price\"; keys "
        "are separated by one dot");
  CHECK(error_of(kFull, {"sectors[0.base_price=1"}) ==
        "--set sectors[0.base_price=1: missing ] in the path \"sectors[0.base_price\"");
  CHECK_THAT(error_of(kFull, {"name=[a"}),
             Catch::StartsWith("--set name=[a: cannot read the value as YAML: "));
}

TEST_CASE("a --set value the checks refuse is reported as the override", "[scenario][overrides]") {
  CHECK(error_of(kFull, {"sectors[1].base_price=abc"}) ==
        "--set sectors[1].base_price=abc: sectors[1].base_price: expected a number > 0, found "
        "\"abc\"");
  // A new key is checked like any other: a misspelt one is unknown.
  CHECK(error_of(kFull, {"behaviour.loyal_slot=2"}) ==
        "--set behaviour.loyal_slot=2: behaviour: unknown key \"loyal_slot\"; did you mean "
        "\"loyal_slots\"?");
}
