// Errors built in the test rather than read from tests/data/bad: inputs too large to keep as
// files, messages that depend on a whole scenario, and a check that arbitrary damage to a
// valid file never produces anything but a ScenarioError.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"

namespace {

using chokepoint::load_scenario_text;
using chokepoint::ScenarioError;

const std::string kHead = R"(name: t
calendar: {start: 2022-01, steps: 24}
target: RU
states:
  - {code: RU}
  - {code: CN}
sectors:
  - {code: chips, target_demand: 1000, base_price: 5}
)";

std::string error_of(const std::string& text) {
  try {
    load_scenario_text(text, "t.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "(no error)";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("errors are one line: file, line, column, key path, message", "[scenario][loader]") {
  const std::string text = kHead + "firms:\n  - {state: CN, sector: chips, count: x}\n";
  REQUIRE_THROWS_AS(load_scenario_text(text, "dir/x.yaml"), ScenarioError);
  REQUIRE_THROWS_WITH(load_scenario_text(text, "dir/x.yaml"),
                      "dir/x.yaml:10:39: firms[0].count: expected an integer in [0, 100000000], "
                      "found \"x\"");
  try {
    load_scenario_text(text, "dir/x.yaml");
  } catch (const ScenarioError& error) {
    CHECK(error.where().line == 10);
    CHECK(error.where().column == 39);
    CHECK(error.key_path() == "firms[0].count");
  }
}

TEST_CASE("deep block nesting is refused without overflowing the stack", "[scenario][loader]") {
  std::string dashes;
  for (int i = 0; i < 100000; ++i)
    dashes += "- ";
  CHECK_THAT(error_of("name: x\nstates:\n  " + dashes + "x\n"),
             Catch::Contains("nesting is too deep"));
  std::string maps = "name: x\n";
  std::string indent;
  for (int i = 0; i < 3000; ++i) {
    maps += indent + "k:\n";
    indent += " ";
  }
  CHECK_THAT(error_of(maps), Catch::StartsWith("t.yaml:"));
}

TEST_CASE("flow nesting at the limit parses, one more level does not", "[scenario][loader]") {
  // 64 levels are allowed by the pre-scan (the value is then simply the wrong type).
  const std::string ok =
      kHead + "report: {focus_name: " + std::string(63, '[') + std::string(63, ']') + "}\n";
  CHECK_THAT(error_of(ok), Catch::Contains("report.focus_name: expected a string"));
  const std::string deep =
      kHead + "report: {focus_name: " + std::string(64, '[') + std::string(64, ']') + "}\n";
  CHECK_THAT(error_of(deep), Catch::Contains("t.yaml:9:85: nesting is too deep"));
  // Brackets inside quoted strings and comments do not count.
  const std::string quoted =
      kHead + "description: \"" + std::string(100, '[') + "\"  # " + std::string(100, '{') + "\n";
  CHECK_NOTHROW(load_scenario_text(quoted, "t.yaml"));
}

TEST_CASE("text that is not UTF-8 or has control bytes is refused", "[scenario][loader]") {
  CHECK_THAT(error_of(kHead + "description: \"a\xff\"\n"),
             Catch::Contains("t.yaml:9:16: not a text file: found byte 0xFF"));
  CHECK_THAT(error_of(kHead + std::string("description: a\0b\n", 17)),
             Catch::Contains("t.yaml:9:15: not a text file: found control byte 0x00"));
  // Well-formed UTF-8 is fine, also in names.
  CHECK_NOTHROW(load_scenario_text(kHead + "description: \"Türkiye – 土耳其\"\n", "t.yaml"));
}

TEST_CASE("a misspelt required key is reported as the misspelling", "[scenario][loader]") {
  std::string text = kHead;
  text.replace(text.find("base_price"), 10, "base_prise");
  CHECK_THAT(
      error_of(text),
      Catch::EndsWith("sectors[0]: unknown key \"base_prise\"; did you mean \"base_price\"?"));
}

TEST_CASE("unknown keys far from any valid one list the valid keys", "[scenario][loader]") {
  CHECK_THAT(error_of(kHead + "report: {colour: red}\n"),
             Catch::Contains("report: unknown key \"colour\"; valid keys are: focus_group, "
                             "focus_name, price_base"));
}

TEST_CASE("unknown names far from any valid one list the valid names", "[scenario][loader]") {
  CHECK_THAT(error_of(kHead + "buyers: [{sector: steel, count: 1}]\n"),
             Catch::Contains("unknown sector \"steel\"; the sectors are: chips"));
  CHECK_THAT(error_of(kHead + "firms: [{state: ru, sector: chips, count: 1, capacity: 1, "
                              "unit_cost: 1}]\n"),
             Catch::Contains("unknown state \"ru\"; did you mean \"RU\"?"));
}

TEST_CASE("distribution checks", "[scenario][loader]") {
  const auto firm_with = [](const std::string& attribute) {
    return kHead + "firms:\n  - {state: CN, sector: chips, count: 1, capacity: 1, unit_cost: 1, " +
           attribute + "}\n";
  };
  CHECK_THAT(error_of(firm_with("quality: {normal: {mean: 5, sd: 0.1}}")),
             Catch::Contains("firms[0].quality: practically every draw"));
  CHECK_THAT(error_of(firm_with("risk_aversion: {uniform: [1, 2, 3]}")),
             Catch::Contains("expected [low, high], found a list of 3 values"));
  CHECK_THAT(error_of(firm_with("risk_aversion: {uniform: [1, 2], min: 3, max: 2}")),
             Catch::Contains("firms[0].risk_aversion.max: max 2 is below min 3"));
  CHECK_THAT(error_of(firm_with("quality: {uniform: [0, 1], min: 2}")),
             Catch::Contains("firms[0].quality.min: expected a number in [0, 1], found 2"));
  CHECK_THAT(error_of(firm_with("quality: {uniform: [0.2, 0.4], min: 0.5}")),
             Catch::Contains("narrowed by min/max"));
  CHECK_THAT(error_of(firm_with("risk_aversion: {min: 1}")),
             Catch::Contains("a distribution needs one of uniform"));
  CHECK_THAT(error_of(firm_with("risk_aversion: [1, 2]")),
             Catch::Contains("expected a number >= 0 or a distribution"));
  CHECK_THAT(error_of(firm_with("risk_aversion: {lognormal: {median: 1, sigma: .nan}}")),
             Catch::Contains("firms[0].risk_aversion.lognormal.sigma: expected a number >= 0, "
                             "found .nan"));
  // A normal whose tails reach into the valid range is a choice, not a mistake.
  CHECK_NOTHROW(load_scenario_text(firm_with("quality: {normal: {mean: 1.2, sd: 0.1}}"), "t"));
}

TEST_CASE("cross-field checks point at the right value", "[scenario][loader]") {
  CHECK_THAT(error_of(kHead + "behaviour: {initial_markup: 2}\n"),
             Catch::Contains("behaviour.initial_markup: initial_markup 2 must lie within "
                             "[markup_min, markup_max] = [0.1, 1]"));
  CHECK_THAT(error_of(kHead + "report: {price_base: {from: 2022-06, to: 2022-03}}\n"),
             Catch::Contains("report.price_base.to: to 2022-03 is before from 2022-06"));
  CHECK_THAT(error_of(kHead + "report: {price_base: {from: 2022-06, to: 2024-01}}\n"),
             Catch::Contains("to 2024-01 is beyond the last step, which starts 2023-12"));
  CHECK_THAT(error_of(kHead + "policies: {import_quotas: [{name: q, origins: [CN], "
                              "sectors: [chips], shares: 0.5, start: 2022-01}]}\n"),
             Catch::Contains("unknown key \"shares\"; did you mean \"share\"?"));
  CHECK_THAT(error_of(kHead + "policies: {export_controls: [{name: c, imposers: [CN, CN], "
                              "sectors: [chips], start: 2022-01}]}\n"),
             Catch::Contains("imposers[1]: \"CN\" is listed twice"));
}

TEST_CASE("numbers: integers, exponents, signs and overflow", "[scenario][loader]") {
  const auto buyers = [](const std::string& count) {
    return kHead + "buyers: [{sector: chips, count: " + count + "}]\n";
  };
  CHECK(load_scenario_text(buyers("+12"), "t").buyers[0].count == 12);
  CHECK(load_scenario_text(buyers("1.2e3"), "t").buyers[0].count == 1200);
  CHECK_THAT(error_of(buyers("99999999999999999999")), Catch::Contains("too large"));
  CHECK_THAT(error_of(buyers("1e20")), Catch::Contains("found 1e20"));
  CHECK_THAT(error_of(buyers("0")), Catch::Contains("expected an integer in [1, 100000000]"));
  CHECK_THAT(error_of(buyers("true")), Catch::Contains("found true"));
  CHECK_THAT(error_of(kHead + "seed: 18446744073709551616\n"),
             Catch::Contains("the largest is 18446744073709551615"));
  CHECK_THAT(error_of(kHead + "seed: 1.5\n"), Catch::Contains("expected a non-negative integer"));
}

TEST_CASE("a document that is not a map, or nothing, is refused", "[scenario][loader]") {
  CHECK(error_of("") ==
        "t.yaml:1:1: the scenario is empty; expected a map with at least name, "
        "calendar, target, states and sectors");
  CHECK_THAT(error_of("---\n...\n"), Catch::Contains("the scenario is empty"));
  CHECK(error_of("just text") ==
        "t.yaml:1:1: expected a map of keys and values, found \"just "
        "text\"");
  CHECK(error_of("42") == "t.yaml:1:1: expected a map of keys and values, found 42");
}

TEST_CASE("damaged scenarios only ever raise ScenarioError", "[scenario][loader][robustness]") {
  const std::string text = read_text(std::string(CHOKEPOINT_TEST_DATA_DIR) + "/good/full.yaml");
  REQUIRE(text.size() > 1000);
  // Every prefix, and the text with each byte in a sample replaced by YAML punctuation.
  std::size_t refused = 0;
  std::size_t accepted = 0;
  const auto attempt = [&](const std::string& damaged) {
    try {
      load_scenario_text(damaged, "damaged.yaml");
      ++accepted;
    } catch (const ScenarioError&) {
      ++refused;
    }
  };
  for (std::size_t length = 0; length < text.size(); length += 11)
    attempt(text.substr(0, length));
  for (std::size_t i = 0; i < text.size(); i += 17) {
    for (const char c : {'[', '{', ':', '-', '&', '*', '"', '\'', '!', '#', '\t', '|'}) {
      std::string damaged = text;
      damaged[i] = c;
      attempt(damaged);
    }
  }
  CHECK(refused > 0);
  CHECK(accepted > 0);  // comment edits, for one, are harmless
}
