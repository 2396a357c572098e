// Matching and rationing: quantities are conserved, no offer sells more than it offered, and
// when demand exceeds supply the shortfall is recorded as unmet demand.

#include <catch2/catch.hpp>

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "support/small_world.hpp"

using namespace chokepoint;

namespace {

void check_conservation(const World& world) {
  const Buyers& buyers = world.buyers;
  double received_total = 0.0;
  for (std::size_t b = 0; b < buyers.count; ++b) {
    double received = 0.0;
    for (std::uint32_t s = 0; s < buyers.slots; ++s)
      received += buyers.slot_received[b * buyers.slots + s];
    REQUIRE(received + buyers.unmet[b] == Approx(buyers.demand[b]).epsilon(1e-9));
    received_total += received;
  }
  double sold_total = 0.0;
  for (std::size_t o = 0; o < world.offers.count; ++o) {
    REQUIRE(world.offers.sold[o] <= world.offers.quantity[o] * (1 + 1e-12) + 1e-9);
    if (!world.offers.seized[o]) sold_total += world.offers.sold[o];
  }
  CHECK(sold_total == Approx(received_total).epsilon(1e-9));
}

}  // namespace

TEST_CASE("Matching conserves quantities and respects capacity", "[matching]") {
  const ScenarioDescription scenario = testing::small_world(R"(  export_controls:
    - {name: controls, imposers: [coalition], sectors: [chips], coverage: 0.9, start: 2021-03}
)");
  Simulation simulation(scenario);
  for (int t = 0; t < 12; ++t) {
    simulation.step();
    check_conservation(simulation.world());
  }
}

TEST_CASE("Demand beyond capacity is recorded as unmet", "[matching]") {
  // Ten times the demand the small world's firms can serve.
  std::string yaml = testing::small_world_yaml();
  const std::string from = "target_demand: 100000, base_price: 50";
  yaml.replace(yaml.find(from), from.size(), "target_demand: 1000000, base_price: 50");
  const ScenarioDescription scenario = load_scenario_text(yaml, "<test>");
  Simulation simulation(scenario);
  simulation.step();
  check_conservation(simulation.world());
  const double unmet = simulation.metrics().at(Metric::UnmetDemand, 0, 0);
  const double demand = simulation.metrics().at(Metric::Demand, 0, 0);
  CHECK(unmet > 0.5 * demand);
}
