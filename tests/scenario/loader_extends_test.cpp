// `extends:`: the merge rules (maps by key, lists replaced, policy lists appended, replaced and
// removed by name), chains, cycles, missing files, and errors located in the file, base or
// extending, where the offending text was written. Data in tests/data/extends/.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "support/temporary_folder.hpp"

namespace {

namespace fs = std::filesystem;
using chokepoint::load_scenario_file;
using chokepoint::ScenarioDescription;
using chokepoint::ScenarioError;

const std::string kExtends = std::string(CHOKEPOINT_TEST_DATA_DIR) + "/extends";

std::vector<std::string> control_names(const ScenarioDescription& s) {
  std::vector<std::string> names;
  for (const auto& control : s.policies.export_controls)
    names.push_back(control.name);
  return names;
}

ScenarioError error_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const ScenarioError& error) {
    return error;
  }
  FAIL("no ScenarioError");
  throw;  // unreachable: FAIL throws
}

// A folder of scenario files written by the test, removed afterwards.
class TempFolder : public TemporaryFolder {
 public:
  TempFolder() : TemporaryFolder("chokepoint_extends_") {}
};

const std::string kBase = R"(name: base
calendar: {start: 2022-01, steps: 24}
target: RU
states:
  - {code: RU}
  - {code: CN}
  - {code: US}
sectors:
  - {code: chips, target_demand: 1000, base_price: 5}
policies:
  export_controls:
    - {name: first, imposers: [US], sectors: [chips], coverage: 2, start: 2022-03}
)";

}  // namespace

TEST_CASE("extends merges maps by key and replaces lists", "[scenario][extends]") {
  const ScenarioDescription base = load_scenario_file(kExtends + "/base.yaml");
  const ScenarioDescription child = load_scenario_file(kExtends + "/child.yaml");
  CHECK(child.name == "child");               // a scalar replaced
  CHECK(child.seed == base.seed);             // a key the child does not mention
  CHECK(child.calendar.steps == 36);          // calendar: {steps: 36} merged into...
  CHECK(child.calendar.start_year == 2022);   // ...the base's calendar map
  CHECK(child.behaviour.time_to_build == 9);  // behaviour merged key by key
  CHECK(child.behaviour.target_utilisation == 0.8);
  REQUIRE(base.sectors.size() == 2);
  REQUIRE(child.sectors.size() == 1);  // a list is replaced, not appended
  CHECK(child.sectors[0].base_price == 6);
  CHECK(child.firms == base.firms);  // a list the child does not mention
  CHECK(child.source_path == kExtends + "/child.yaml");
}

TEST_CASE("extends appends policy lists, replacing and removing entries by name",
          "[scenario][extends]") {
  const ScenarioDescription base = load_scenario_file(kExtends + "/base.yaml");
  const ScenarioDescription child = load_scenario_file(kExtends + "/child.yaml");
  CHECK(control_names(base) == std::vector<std::string>{"first_controls", "second_controls"});
  // second_controls replaced in place, third_controls appended.
  REQUIRE(control_names(child) ==
          std::vector<std::string>{"first_controls", "second_controls", "third_controls"});
  CHECK(child.policies.export_controls[0] == base.policies.export_controls[0]);
  CHECK(child.policies.export_controls[1].coverage == 0.9);
  CHECK(child.policies.export_controls[1].span.start == 8);  // 2022-09: the child's entry whole
  CHECK(base.policies.secondary_sanctions.size() == 1);
  CHECK(child.policies.secondary_sanctions.empty());  // {name: us_secondary, remove: true}
  CHECK(child.policies.import_quotas.size() == 1);    // a list the base does not have
}

TEST_CASE("extends chains: each file overrides the one it extends", "[scenario][extends]") {
  const ScenarioDescription s = load_scenario_file(kExtends + "/grandchild.yaml");
  CHECK(s.name == "child");       // from child.yaml
  CHECK(s.seed == 3);             // from grandchild.yaml
  CHECK(s.calendar.steps == 36);  // from child.yaml
  CHECK(s.firms.size() == 2);     // from base.yaml
  CHECK(control_names(s) == std::vector<std::string>{"second_controls", "third_controls"});
}

TEST_CASE("the resolved scenario of an extended one is merged and loads back the same",
          "[scenario][extends]") {
  const ScenarioDescription s = load_scenario_file(kExtends + "/grandchild.yaml");
  CHECK_THAT(s.resolved_yaml, !Catch::Contains("extends"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("name: third_controls"));
  ScenarioDescription again = chokepoint::load_scenario_text(s.resolved_yaml, "resolved.yaml");
  CHECK(again.resolved_yaml == s.resolved_yaml);
  again.source_path = s.source_path;
  CHECK(again == s);
}

TEST_CASE("an extends cycle is an error naming the cycle", "[scenario][extends]") {
  const std::string a = kExtends + "/cycle_a.yaml";
  const ScenarioError error = error_of([&] { load_scenario_file(a); });
  CHECK(std::string(error.what()) ==
        a + ":2:10: extends: extends cycle: cycle_a.yaml -> cycle_b.yaml -> cycle_a.yaml");
  CHECK(error.where().file == a);
}

TEST_CASE("a missing base file is an error at the extends key", "[scenario][extends]") {
  TempFolder folder;
  const std::string child = folder.write("child.yaml", "name: x\nextends: nowhere/base.yaml\n");
  const ScenarioError error = error_of([&] { load_scenario_file(child); });
  CHECK(error.where().file == child);
  CHECK(error.where().line == 2);
  CHECK(error.where().column == 10);
  CHECK_THAT(error.message(), Catch::StartsWith("cannot read the base scenario "
                                                "\"nowhere/base.yaml\""));
}

TEST_CASE("an error in a base file is reported in the base file", "[scenario][extends]") {
  const ScenarioError error =
      error_of([] { load_scenario_file(kExtends + "/extends_broken.yaml"); });
  CHECK(std::string(error.what()) ==
        kExtends +
            "/broken_base.yaml:9:52: sectors[0].base_price: expected a number > 0, "
            "found \"abc\"");
}

TEST_CASE("an error in the extending file is reported there", "[scenario][extends]") {
  const ScenarioError error = error_of([] { load_scenario_file(kExtends + "/child_typo.yaml"); });
  CHECK(std::string(error.what()) ==
        kExtends +
            "/child_typo.yaml:4:3: behaviour: unknown key \"time_to_biuld\"; did you "
            "mean \"time_to_build\"?");
}

TEST_CASE("errors in a merged policy list point at the file of each entry", "[scenario][extends]") {
  TempFolder folder;
  const std::string base = folder.write("base.yaml", kBase);  // coverage: 2 on line 12
  SECTION("an entry kept from the base") {
    const std::string child = folder.write(
        "child.yaml",
        "extends: base.yaml\npolicies:\n  export_controls:\n"
        "    - {name: second, imposers: [US], sectors: [chips], coverage: 0.5, start: 2022-03}\n");
    const ScenarioError error = error_of([&] { load_scenario_file(child); });
    CHECK(error.where().file == base);
    CHECK(error.where().line == 12);
    CHECK(error.key_path() == "policies.export_controls[0].coverage");
  }
  SECTION("an entry of the extending file, after the base's") {
    const std::string child = folder.write(
        "child.yaml",
        "extends: base.yaml\npolicies:\n  export_controls:\n"
        "    - {name: first, imposers: [US], sectors: [chips], coverage: 0.5, start: 2022-03}\n"
        "    - {name: second, imposers: [USA], sectors: [chips], start: 2022-03}\n");
    const ScenarioError error = error_of([&] { load_scenario_file(child); });
    CHECK(error.where().file == child);
    CHECK(error.where().line == 5);
    CHECK(error.key_path() == "policies.export_controls[1].imposers[0]");
  }
}

TEST_CASE("extends in text is relative to the current directory", "[scenario][extends]") {
  const fs::path before = fs::current_path();
  fs::current_path(kExtends);
  ScenarioDescription s;
  const auto load = [&] {
    s = chokepoint::load_scenario_text("extends: child.yaml\nname: from_text\n", "text.yaml");
  };
  CHECK_NOTHROW(load());
  fs::current_path(before);
  CHECK(s.name == "from_text");
  CHECK(s.calendar.steps == 36);
}

TEST_CASE("an extends chain deeper than the limit is refused", "[scenario][extends]") {
  TempFolder folder;
  folder.write("f0.yaml", kBase);
  for (int i = 1; i <= 16; ++i)
    folder.write("f" + std::to_string(i) + ".yaml",
                 "extends: f" + std::to_string(i - 1) + ".yaml\n");
  // 16 levels of extends is the longest chain allowed...
  const ScenarioError base_error =
      error_of([&] { load_scenario_file((folder.path() / "f16.yaml").string()); });
  CHECK_THAT(base_error.message(), Catch::Contains("expected a number in (0, 1], found 2"));
  // ...one more is refused.
  const std::string top = folder.write("f17.yaml", "extends: f16.yaml\n");
  const ScenarioError error = error_of([&] { load_scenario_file(top); });
  CHECK_THAT(error.message(), Catch::StartsWith("the extends chain has more than 16 levels"));
  CHECK(error.where().file == (folder.path() / "f1.yaml").string());
}

TEST_CASE("a map with a repeated key is refused before merging", "[scenario][extends]") {
  TempFolder folder;
  folder.write("base.yaml", kBase);
  const std::string child = folder.write("child.yaml", "extends: base.yaml\nname: a\nname: b\n");
  const ScenarioError error = error_of([&] { load_scenario_file(child); });
  CHECK(std::string(error.what()) ==
        child + ":3:1: duplicate key \"name\" (first given at line 2)");
}

TEST_CASE("the extends example in SCENARIO_FORMAT.md is tests/data/extends/child.yaml",
          "[scenario][extends][docs]") {
  // The doc cannot load its example from text (the base is a file), so it shows this file,
  // which the tests above load; here the two are kept identical.
  const auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::string text, line;
    while (std::getline(in, line))
      if (line.rfind("#", 0) != 0) text += line + "\n";
    return text;
  };
  const std::string child = read(kExtends + "/child.yaml");
  const std::string doc = read(std::string(CHOKEPOINT_SOURCE_DIR) + "/docs/SCENARIO_FORMAT.md");
  REQUIRE(child.rfind("extends: base.yaml\n", 0) == 0);
  CHECK_THAT(doc, Catch::Contains("```text\n" + child + "```\n"));
}
