#include "chokepoint/world/world.hpp"

#include <catch2/catch.hpp>
#include <numeric>

#include "support/small_world.hpp"

using namespace chokepoint;

TEST_CASE("The world holds every population, sorted by sector", "[world]") {
  const ScenarioDescription scenario = testing::small_world();
  const World world = build_world(scenario);
  CHECK(world.firms.count == 3 * (20 + 20 + 40 + 10));
  CHECK(world.buyers.count == 180);
  CHECK(world.intermediaries.count == 6 * (3 + 40));
  CHECK(world.offers.count == world.firms.count + world.intermediaries.count);
  for (std::size_t f = 1; f < world.firms.count; ++f)
    REQUIRE(world.firms.sector[f - 1] <= world.firms.sector[f]);
  // Attributes stay inside their declared ranges.
  for (std::size_t f = 0; f < world.firms.count; ++f) {
    REQUIRE(world.firms.quality[f] >= 0.0);
    REQUIRE(world.firms.quality[f] <= 1.0);
    REQUIRE(world.firms.capacity[f] > 0.0);
  }
  // Domestic producers are exactly the target's firms.
  for (std::size_t f = 0; f < world.firms.count; ++f)
    REQUIRE((world.firms.domestic[f] != 0) == (world.firms.state[f] == scenario.target));
}

TEST_CASE("Buyers' base demand adds up to each sector's demand", "[world]") {
  const ScenarioDescription scenario = testing::small_world();
  const World world = build_world(scenario);
  std::vector<double> total(scenario.sectors.size(), 0.0);
  for (std::size_t b = 0; b < world.buyers.count; ++b)
    total[world.buyers.sector[b]] += world.buyers.base_demand[b];
  for (std::size_t k = 0; k < total.size(); ++k)
    CHECK(total[k] == Approx(scenario.sectors[k].target_demand));
}

TEST_CASE("Incumbent intermediaries are active, reserve slots vacant", "[world]") {
  const World world = build_world(testing::small_world());
  for (const Pool& pool : world.pools) {
    CHECK(pool.active == 3);
    for (std::uint32_t s = 0; s < pool.slot_count; ++s) {
      const auto status = world.intermediaries.status[pool.first_slot + s];
      REQUIRE(
          (s < 3 ? status == IntermediaryStatus::Active : status == IntermediaryStatus::Vacant));
    }
  }
}

TEST_CASE("The same seed builds the same world and another seed another", "[world]") {
  const World a = build_world(testing::small_world("", 7));
  const World b = build_world(testing::small_world("", 7));
  const World c = build_world(testing::small_world("", 8));
  CHECK(a.firms.base_unit_cost == b.firms.base_unit_cost);
  CHECK(a.firms.base_unit_cost != c.firms.base_unit_cost);
}
