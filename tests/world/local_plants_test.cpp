// Local plants of a local-content rule: one per covered foreign firm, stored after every
// original firm, and nothing else in the world changes (ids, attributes, draws).

#include <algorithm>
#include <catch2/catch.hpp>

#include "chokepoint/world/world.hpp"
#include "support/small_world.hpp"

using namespace chokepoint;

namespace {

const std::string kChineseNetworkRule = R"(  local_content:
    - {name: localise, origins: [CN], sectors: [network], share: 0.5, cost_premium: 0.2, start: 2021-07}
)";

StateIndex state_index(const ScenarioDescription& scenario, const std::string& code) {
  for (StateIndex s = 0; s < scenario.states.size(); ++s)
    if (scenario.states[s].code == code) return s;
  FAIL("no state " << code);
  return 0;
}

SectorIndex sector_index(const ScenarioDescription& scenario, const std::string& code) {
  for (SectorIndex k = 0; k < scenario.sectors.size(); ++k)
    if (scenario.sectors[k].code == code) return k;
  FAIL("no sector " << code);
  return 0;
}

}  // namespace

TEST_CASE("A world without local-content rules has no local plants", "[world][local-content]") {
  const World world = build_world(testing::small_world());
  CHECK(world.firms.original_count == world.firms.count);
  for (std::size_t f = 0; f < world.firms.count; ++f) {
    REQUIRE(world.firms.local_plant[f] == -1);
    REQUIRE(world.firms.owner[f] == -1);
    REQUIRE(world.firm_id(f) == f);
  }
}

TEST_CASE("Only covered foreign firms get a local plant, appended after the originals",
          "[world][local-content]") {
  const ScenarioDescription plain = testing::small_world();
  const ScenarioDescription ruled = testing::small_world(kChineseNetworkRule);
  const World before = build_world(plain);
  const World world = build_world(ruled);
  const Firms& firms = world.firms;
  const StateIndex cn = state_index(ruled, "CN");
  const SectorIndex network = sector_index(ruled, "network");

  // 40 Chinese network makers in the small world: 40 plants after the 270 original firms.
  REQUIRE(firms.original_count == before.firms.count);
  REQUIRE(firms.count == before.firms.count + 40);
  CHECK(world.offers.count == firms.count + world.intermediaries.count);

  // The original firms are exactly the firms of the world without the rule.
  for (std::size_t f = 0; f < firms.original_count; ++f) {
    INFO("firm " << f);
    REQUIRE(firms.state[f] == before.firms.state[f]);
    REQUIRE(firms.sector[f] == before.firms.sector[f]);
    REQUIRE(firms.domestic[f] == before.firms.domestic[f]);
    REQUIRE(firms.branded[f] == before.firms.branded[f]);
    REQUIRE(firms.quality[f] == before.firms.quality[f]);
    REQUIRE(firms.coalition_revenue[f] == before.firms.coalition_revenue[f]);
    REQUIRE(firms.risk_aversion[f] == before.firms.risk_aversion[f]);
    REQUIRE(firms.line_position[f] == before.firms.line_position[f]);
    REQUIRE(firms.capacity[f] == before.firms.capacity[f]);
    REQUIRE(firms.base_unit_cost[f] == before.firms.base_unit_cost[f]);
    REQUIRE(firms.initial_experience[f] == before.firms.initial_experience[f]);
    REQUIRE(world.firm_id(f) == before.firm_id(f));
    const bool covered = firms.state[f] == cn && firms.sector[f] == network;
    REQUIRE((firms.local_plant[f] >= 0) == covered);
    REQUIRE(firms.owner[f] == -1);
  }
  // Other agents keep their ids, hence their draws.
  CHECK(world.intermediaries.capacity == before.intermediaries.capacity);
  CHECK(world.intermediaries.document_quality == before.intermediaries.document_quality);
  CHECK(world.buyers.base_demand == before.buyers.base_demand);
  CHECK(world.intermediary_id(0) == before.intermediary_id(0));
  CHECK(world.buyer_id(0) == before.buyer_id(0));
  CHECK(world.pool_id(0) == before.pool_id(0));

  // Each plant: a dormant domestic producer of its owner's product at the premium cost.
  for (std::size_t plant = firms.original_count; plant < firms.count; ++plant) {
    INFO("plant " << plant);
    const std::int32_t owner_index = firms.owner[plant];
    REQUIRE(owner_index >= 0);
    const auto owner = static_cast<std::size_t>(owner_index);
    REQUIRE(firms.local_plant[owner] == static_cast<std::int32_t>(plant));
    REQUIRE(firms.state[owner] == cn);
    REQUIRE(firms.state[plant] == ruled.target);
    REQUIRE(firms.domestic[plant] == 1);
    REQUIRE(firms.sector[plant] == network);
    REQUIRE(firms.quality[plant] == firms.quality[owner]);
    REQUIRE(firms.branded[plant] == firms.branded[owner]);
    REQUIRE(firms.base_unit_cost[plant] == Approx(1.2 * firms.base_unit_cost[owner]));
    REQUIRE(firms.capacity[plant] == 0.0);
    REQUIRE(world.offers.route[plant] == Route::Domestic);
    REQUIRE(world.firm_id(plant) >= world.pool_id(world.pools.size()));
  }
  // Plants are found by sector: the network sampler considers them, the others do not.
  CHECK(world.local_plants_by_sector_begin[network] == firms.original_count);
  CHECK(world.local_plants_by_sector_begin[network + 1] == firms.count);
  for (SectorIndex k = 0; k < world.sector_count; ++k) {
    const auto& candidates = world.samplers[k].candidates;
    const std::size_t plants_in_sampler = static_cast<std::size_t>(
        std::count_if(candidates.begin(), candidates.end(), [&](std::int32_t offer) {
          const auto o = static_cast<std::size_t>(offer);  // firms' offers come first
          return o < firms.count && firms.owner[o] >= 0;
        }));
    CHECK(plants_in_sampler == (k == network ? 40u : 0u));
    CHECK(candidates.size() == before.samplers[k].candidates.size() + plants_in_sampler);
  }
}

TEST_CASE("A rule without origins covers every foreign firm of its sectors",
          "[world][local-content]") {
  const ScenarioDescription scenario = testing::small_world(R"(  local_content:
    - {name: localise, sectors: [chips], share: 0.3, start: 2021-07}
)");
  const World world = build_world(scenario);
  // US 20 + EU 20 + CN 40 chip makers; the target's own 10 get none.
  CHECK(world.firms.count == world.firms.original_count + 80);
  for (std::size_t f = 0; f < world.firms.original_count; ++f) {
    const bool foreign_chips =
        world.firms.domestic[f] == 0 && scenario.sectors[world.firms.sector[f]].code == "chips";
    REQUIRE((world.firms.local_plant[f] >= 0) == foreign_chips);
  }
  // The default cost premium is 15%.
  const std::size_t plant = world.firms.original_count;
  const auto owner = static_cast<std::size_t>(world.firms.owner[plant]);
  CHECK(world.firms.base_unit_cost[plant] == Approx(1.15 * world.firms.base_unit_cost[owner]));
}
