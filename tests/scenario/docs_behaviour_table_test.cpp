// Keeps docs/SCENARIO_FORMAT.md's table of behaviour defaults true: every constant the loader
// reads (as the resolved YAML of a scenario with no behaviour block shows it) is documented,
// with its actual default, and nothing else is.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "chokepoint/scenario/loader.hpp"

using namespace chokepoint;

namespace {

std::map<std::string, double> documented_defaults() {
  std::ifstream in(std::string(CHOKEPOINT_SOURCE_DIR) + "/docs/SCENARIO_FORMAT.md");
  REQUIRE(in);
  std::map<std::string, double> defaults;
  bool in_section = false;
  const std::regex row(R"(^\| `([a-z_]+)` \|.*\| `([-0-9.e+]+)` \|\s*$)");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Behaviour";
    std::smatch m;
    if (in_section && std::regex_match(line, m, row)) defaults[m[1]] = std::stod(m[2]);
  }
  return defaults;
}

std::map<std::string, double> resolved_defaults() {
  const ScenarioDescription s = load_scenario_text(R"(name: t
calendar: {start: 2021-01, steps: 2}
target: A
states: [{code: A}]
sectors: [{code: s, target_demand: 1, base_price: 1}]
)",
                                                   "<test>");
  std::istringstream in(s.resolved_yaml);
  std::map<std::string, double> values;
  bool in_block = false;
  const std::regex entry(R"(^  ([a-z_]+): ([-0-9.e+]+)\s*$)");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != ' ') in_block = line == "behaviour:";
    std::smatch m;
    if (in_block && std::regex_match(line, m, entry)) values[m[1]] = std::stod(m[2]);
  }
  return values;
}

}  // namespace

TEST_CASE("The documented behaviour defaults are the loader's defaults", "[scenario][docs]") {
  const auto documented = documented_defaults();
  const auto resolved = resolved_defaults();
  REQUIRE(resolved.size() >= 20);
  for (const auto& [key, value] : resolved) {
    INFO(key);
    REQUIRE(documented.count(key) == 1);
    CHECK(documented.at(key) == Approx(value));
  }
  for (const auto& [key, value] : documented) {
    INFO(key);
    CHECK(resolved.count(key) == 1);
  }
}
