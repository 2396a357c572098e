// `limits: {memory: SIZE}` and the memory check at load time: a scenario whose run would need
// more than the limit is refused before anything is built, at the count to lower.

#include <catch2/catch.hpp>

#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/world/memory_estimate.hpp"

namespace {

using chokepoint::load_scenario_text;
using chokepoint::ScenarioError;

const std::string kWorld = R"(name: t
calendar: {start: 2022-01, steps: 24}
target: RU
states:
  - {code: RU}
  - {code: CN}
sectors:
  - {code: chips, target_demand: 1000, base_price: 5}
firms:
  - {state: CN, sector: chips, count: 100, capacity: 10, unit_cost: 1}
buyers:
  - {sector: chips, count: 20}
  - {sector: chips, count: 1e8}
)";

std::string error_of(const std::string& text, std::optional<std::uint64_t> max_memory = {}) {
  try {
    load_scenario_text(text, "t.yaml", max_memory);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("limits.memory is read with its unit and kept as written", "[checks][memory]") {
  const std::string small =
      "name: t\ncalendar: {start: 2022-01, steps: 2}\ntarget: A\n"
      "states: [{code: A}]\n"
      "sectors: [{code: s, target_demand: 1, base_price: 1}]\n";
  const auto s = load_scenario_text(small + "limits: {memory: 1.5 GiB}\n", "t.yaml");
  CHECK(s.limits.memory == 3ull << 29);
  CHECK_THAT(s.resolved_yaml, Catch::Contains("limits: {memory: 1.5 GiB}"));
  const auto again = load_scenario_text(s.resolved_yaml, "resolved.yaml");
  CHECK(again.limits == s.limits);
  // Without a limit nothing is written: the machine's memory is no part of the scenario.
  const auto plain = load_scenario_text(small, "t.yaml");
  CHECK(plain.limits.memory == 0);
  CHECK_THAT(plain.resolved_yaml, !Catch::Contains("\nlimits:"));
}

TEST_CASE("a size without a unit or with a decimal unit is an error", "[checks][memory]") {
  const std::string small =
      "name: t\ncalendar: {start: 2022-01, steps: 2}\ntarget: A\n"
      "states: [{code: A}]\n"
      "sectors: [{code: s, target_demand: 1, base_price: 1}]\n";
  CHECK(error_of(small + "limits: {memory: 8}\n") ==
        "t.yaml:6:18: limits.memory: expected a size with a unit, e.g. \"8 GiB\" (units B, KiB, "
        "MiB, GiB, TiB), found 8 (add its unit, e.g. \"8 MiB\"; \"8 B\" for bytes)");
  CHECK(error_of(small + "limits: {memory: 8 GB}\n") ==
        "t.yaml:6:18: limits.memory: expected a size with a unit, e.g. \"8 GiB\" (units B, KiB, "
        "MiB, GiB, TiB), found \"8 GB\"; did you mean \"8 GiB\"? (units are binary: 1 GiB = 1024 "
        "MiB)");
  CHECK_THAT(error_of(small + "limits: {memory: [8, GiB]}\n"), Catch::EndsWith("found a list"));
  CHECK_THAT(error_of(small + "limits: {memroy: 8 GiB}\n"),
             Catch::Contains("unknown key \"memroy\"; did you mean \"memory\"?"));
  CHECK_THAT(error_of(small + "limit: {memory: 8 GiB}\n"),
             Catch::Contains("unknown key \"limit\"; did you mean \"limits\"?"));
}

TEST_CASE("a world over the limit is refused at its largest population's count",
          "[checks][memory]") {
  const std::string over = error_of(kWorld + "limits: {memory: 1 GiB}\n");
  CHECK_THAT(over, Catch::StartsWith("t.yaml:13:28: buyers[1].count: this world needs about "));
  CHECK_THAT(over, Catch::Contains(" (buyers "));
  CHECK_THAT(over, Catch::EndsWith(" but the memory limit is 1.0 GiB (limits.memory); lower the "
                                   "counts or raise the limit"));
}

TEST_CASE("the command line's limit replaces the scenario's", "[checks][memory]") {
  const std::uint64_t needed =
      chokepoint::estimate_memory(load_scenario_text(kWorld, "t.yaml", ~0ull)).total();
  // The scenario's limit is too low, the command line's is enough.
  CHECK(error_of(kWorld + "limits: {memory: 1 GiB}\n", needed) == "(no error)");
  // And the other way round, with the limit named in the message.
  CHECK_THAT(error_of(kWorld + "limits: {memory: 1 TiB}\n", needed - 1),
             Catch::Contains("but the memory limit is " +
                             chokepoint::format_memory_size(needed - 1) + " (--max-memory)"));
}

TEST_CASE("when the series outweigh every population, the error is at calendar.steps",
          "[checks][memory]") {
  const std::string text = R"(name: t
calendar: {start: 2022-01, steps: 100000}
target: A
states: [{code: A}, {code: B}, {code: C}]
sectors: [{code: s, target_demand: 1, base_price: 1}]
limits: {memory: 1 MiB}
)";
  CHECK_THAT(error_of(text), Catch::StartsWith("t.yaml:2:35: calendar.steps: this world needs "
                                               "about "));
  CHECK_THAT(error_of(text), Catch::EndsWith("(limits.memory); shorten the run, lower the "
                                             "counts or raise the limit"));
}

TEST_CASE("without a stated limit the system's limits apply", "[checks][memory]") {
  const auto physical = chokepoint::physical_memory_bytes();
  REQUIRE(physical > 0);
  // Ten populations of 10^8 buyers need far more than any machine this runs on has.
  std::string text = kWorld;
  for (int i = 0; i < 9; ++i)
    text += "  - {sector: chips, count: 1e8}\n";
  // Whichever system limit is smallest here (physical memory, ulimit, cgroup) is named.
  CHECK_THAT(error_of(text), Catch::Contains("); lower the counts or run it where more memory is "
                                             "allowed (a limit the system sets is not raised by "
                                             "limits.memory or --max-memory)"));
}
