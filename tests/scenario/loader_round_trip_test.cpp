// The resolved scenario is complete: loading it again gives the same description, and it
// shows the seed actually used. The examples in docs/SCENARIO_FORMAT.md load as written.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "chokepoint/scenario/loader.hpp"

namespace {

using chokepoint::ScenarioDescription;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The bodies of the ```yaml blocks of a Markdown file.
std::vector<std::string> yaml_blocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  std::istringstream lines(markdown);
  std::string line;
  std::string block;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (!inside && line == "```yaml") {
      inside = true;
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  REQUIRE_FALSE(inside);  // an unclosed block would silently be skipped
  return blocks;
}

// Section by section with the description's defaulted comparisons: complete by construction
// (a field added later is compared too), and a failure names the section.
void check_same(const ScenarioDescription& a, const ScenarioDescription& b) {
  CHECK(a.name == b.name);
  CHECK(a.seed == b.seed);
  CHECK(a.target == b.target);
  CHECK(a.calendar == b.calendar);
  CHECK(a.states == b.states);
  CHECK(a.sectors == b.sectors);
  CHECK(a.firms == b.firms);
  CHECK(a.intermediaries == b.intermediaries);
  CHECK(a.buyers == b.buyers);
  CHECK(a.policies.export_controls == b.policies.export_controls);
  CHECK(a.policies.secondary_sanctions == b.policies.secondary_sanctions);
  CHECK(a.policies.import_quotas == b.policies.import_quotas);
  CHECK(a.policies.import_subsidies == b.policies.import_subsidies);
  CHECK(a.policies.local_content == b.policies.local_content);
  CHECK(a.behaviour == b.behaviour);
  CHECK(a.report == b.report);
  CHECK(a.limits == b.limits);
}

void check_round_trip(const ScenarioDescription& original) {
  const ScenarioDescription again =
      chokepoint::load_scenario_text(original.resolved_yaml, "resolved.yaml");
  check_same(original, again);
  // Resolving is a fixed point: nothing is added or changed the second time.
  CHECK(again.resolved_yaml == original.resolved_yaml);
}

const std::string kData = CHOKEPOINT_TEST_DATA_DIR;

}  // namespace

TEST_CASE("resolved_yaml loads back to the same description", "[scenario][loader]") {
  for (const char* name : {"minimal.yaml", "full.yaml"}) {
    INFO(name);
    check_round_trip(chokepoint::load_scenario_file(kData + "/good/" + name));
  }
}

TEST_CASE("resolved_yaml spells out defaults and keeps numbers exact", "[scenario][loader]") {
  const ScenarioDescription s = chokepoint::load_scenario_text(R"(
name: exact
description: "line one\nline two: with a colon"
calendar: {start: 2022-01, steps: 3}
target: RU
states: [{code: RU, name: "~"}, {code: CN, name: "true"}]
sectors:
  - {code: chips, target_demand: 0.1, base_price: 3.141592653589793, capex_per_unit: 1e-7}
firms:
  - state: CN
    sector: chips
    count: 1
    capacity: 123456789.123
    unit_cost: {lognormal: {median: 0.3, sigma: 0.1}}
)",
                                                               "exact.yaml");
  CHECK_THAT(s.resolved_yaml, Catch::Contains("price_elasticity: 0.5"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("seed: 1"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("to: 2022-03"));  // price base: all 3 steps
  check_round_trip(s);
  const ScenarioDescription again =
      chokepoint::load_scenario_text(s.resolved_yaml, "resolved.yaml");
  CHECK(again.states[0].name == "~");
  CHECK(again.states[1].name == "true");
  CHECK(again.sectors[0].base_price == 3.141592653589793);
  CHECK(again.sectors[0].capex_per_unit == 1e-7);
}

TEST_CASE("override_seed changes the seed and the recorded scenario", "[scenario][loader]") {
  ScenarioDescription s = chokepoint::load_scenario_file(kData + "/good/full.yaml");
  REQUIRE(s.seed == 42);
  REQUIRE_THAT(s.resolved_yaml, Catch::Contains("seed: 42\n"));
  const std::string before = s.resolved_yaml;
  chokepoint::override_seed(s, 987654321987654321ull);
  CHECK(s.seed == 987654321987654321ull);
  CHECK_THAT(s.resolved_yaml, Catch::Contains("seed: 987654321987654321\n"));
  CHECK_THAT(s.resolved_yaml, !Catch::Contains("seed: 42\n"));
  const ScenarioDescription again = chokepoint::load_scenario_text(s.resolved_yaml, "r.yaml");
  CHECK(again.seed == 987654321987654321ull);
  ScenarioDescription expected = chokepoint::load_scenario_text(before, "before.yaml");
  expected.seed = again.seed;
  check_same(expected, again);
}

TEST_CASE("override_seed on a description built in code sets the seed", "[scenario]") {
  ScenarioDescription s;
  chokepoint::override_seed(s, 7);
  CHECK(s.seed == 7);
  CHECK(s.resolved_yaml.empty());
}

TEST_CASE("every yaml example in SCENARIO_FORMAT.md loads and round-trips",
          "[scenario][loader][docs]") {
  const std::string doc = std::string(CHOKEPOINT_SOURCE_DIR) + "/docs/SCENARIO_FORMAT.md";
  const std::vector<std::string> blocks = yaml_blocks(read_text(doc));
  REQUIRE(blocks.size() >= 2);  // the minimal and the complete example
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    INFO("yaml block " << i + 1 << " of " << doc);
    ScenarioDescription s;
    REQUIRE_NOTHROW(s = chokepoint::load_scenario_text(blocks[i], doc));
    check_round_trip(s);
  }
}

TEST_CASE("the complete example means what the doc says", "[scenario][loader][docs]") {
  const std::string doc = std::string(CHOKEPOINT_SOURCE_DIR) + "/docs/SCENARIO_FORMAT.md";
  const std::vector<std::string> blocks = yaml_blocks(read_text(doc));
  REQUIRE_FALSE(blocks.empty());
  const ScenarioDescription s = chokepoint::load_scenario_text(blocks.back(), doc);
  // The sentences after the example: controls from step 5, sanctions over steps 8 to 11,
  // price base steps 0 to 3.
  CHECK(s.policies.export_controls.at(0).span.start == 5);
  CHECK(s.policies.secondary_sanctions.at(0).span.start == 8);
  CHECK(s.policies.secondary_sanctions.at(0).span.end == 12);
  CHECK(s.report.price_base_start == 0);
  CHECK(s.report.price_base_end == 4);
}
