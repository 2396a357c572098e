// The memory estimate, worked out from a description alone, against what a built run holds.

#include "chokepoint/world/memory_estimate.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "support/small_world.hpp"

using namespace chokepoint;

namespace {

// Within 10% of what is held, and not below it by more than 5%.
void check_close(std::uint64_t estimate, std::uint64_t measured) {
  const double ratio = static_cast<double>(estimate) / static_cast<double>(measured);
  CAPTURE(estimate, measured, ratio);
  CHECK(ratio <= 1.10);
  CHECK(ratio >= 0.95);
}

void check_estimate(const ScenarioDescription& scenario) {
  const MemoryEstimate estimate = estimate_memory(scenario);
  const World world = build_world(scenario);
  check_close(estimate.world(), measure_memory(world));
  const Simulation simulation(scenario);
  check_close(estimate.total(), simulation.memory_held());
}

// The small world with a hundred times as many entrant slots as incumbents.
std::string with_large_reserves(std::string text) {
  const std::string from = "reserve: 40}", to = "reserve: 4000}";
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("the memory estimate matches what the small world holds at three scales",
          "[checks][memory]") {
  for (int scale : {1, 4, 16}) {
    INFO("scale " << scale);
    check_estimate(testing::small_world("", 7, scale));
  }
}

TEST_CASE("the memory estimate counts entry reserves and policy tables", "[checks][memory]") {
  const std::string policies = testing::kCoalitionControls + R"(  adaptive_quotas:
    - {name: rule, sectors: [chips], threshold: 0.8, cap: 0.7, start: 2021-01}
  enforcement:
    - {name: pressure, hubs: [HK, KZ], intensity: 1, start: 2021-01}
)";
  const ScenarioDescription scenario =
      load_scenario_text(with_large_reserves(testing::small_world_yaml(policies)), "<reserves>");
  const MemoryEstimate estimate = estimate_memory(scenario);
  const MemoryEstimate without = estimate_memory(testing::small_world());
  // 6 pools x 3960 more slots, each with its offer and sampler entry.
  CHECK(estimate.intermediaries > 100 * without.intermediaries / 10);
  check_estimate(scenario);
}

TEST_CASE("a step allocates nothing: the memory held stays what was built", "[checks][memory]") {
  const ScenarioDescription scenario = testing::small_world(testing::kCoalitionControls);
  Simulation simulation(scenario);
  const std::uint64_t built = simulation.memory_held();
  for (int step = 0; step < 6; ++step)
    simulation.step();
  CHECK(simulation.memory_held() == built);
}

TEST_CASE("the estimate grows with the populations and the run's length", "[checks][memory]") {
  const MemoryEstimate one = estimate_memory(testing::small_world("", 7, 1));
  const MemoryEstimate two = estimate_memory(testing::small_world("", 7, 2));
  CHECK(two.firms == 2 * one.firms);
  CHECK(two.buyers == 2 * one.buyers);
  CHECK(two.metrics == one.metrics);  // same states, sectors, hubs and steps
  REQUIRE(one.buyer_populations.size() == 3);
  CHECK(one.buyer_populations[0] + one.buyer_populations[1] + one.buyer_populations[2] ==
        one.buyers);
  CHECK(one.describe().rfind(format_memory_size(one.total()) + " (", 0) == 0);
}

TEST_CASE("memory sizes are read with binary units", "[checks][memory]") {
  std::string hint;
  CHECK(parse_memory_size("8 GiB", hint) == 8ull << 30);
  CHECK(parse_memory_size("512MiB", hint) == 512ull << 20);
  CHECK(parse_memory_size(" 1.5 TiB ", hint) == 3ull << 39);
  CHECK(parse_memory_size("4096 B", hint) == 4096u);
  CHECK(parse_memory_size("1 KiB", hint) == 1024u);
  CHECK_FALSE(parse_memory_size("8", hint));
  CHECK(hint == " (add its unit, e.g. \"8 MiB\"; \"8 B\" for bytes)");
  CHECK_FALSE(parse_memory_size("8 GB", hint));
  CHECK(hint == "; did you mean \"8 GiB\"? (units are binary: 1 GiB = 1024 MiB)");
  CHECK_FALSE(parse_memory_size("2 mib", hint));
  CHECK(hint == "; did you mean \"2 MiB\"? (units are binary: 1 MiB = 1024 KiB)");
  CHECK_FALSE(parse_memory_size("0 GiB", hint));
  CHECK(hint == " (the limit must be at least 1 B)");
  CHECK_FALSE(parse_memory_size("16777216 TiB", hint));
  CHECK(hint == " (more than 2^64 bytes)");
  for (const char* bad : {"", "GiB", "-1 GiB", "1e3 MiB", "1. GiB", "8 GiB extra", "8 parsecs"}) {
    INFO(bad);
    CHECK_FALSE(parse_memory_size(bad, hint));
  }
}

TEST_CASE("memory sizes are shown in the largest unit that is at least 1", "[checks][memory]") {
  CHECK(format_memory_size(0) == "0 B");
  CHECK(format_memory_size(1023) == "1023 B");
  CHECK(format_memory_size(1024) == "1.0 KiB");
  CHECK(format_memory_size(1536ull << 20) == "1.5 GiB");
  CHECK(format_memory_size(41ull << 40) == "41.0 TiB");
}

TEST_CASE("physical memory is known on this system", "[checks][memory]") {
  CHECK(physical_memory_bytes() > (64ull << 20));
}
