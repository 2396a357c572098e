// Matching under a limit on unbranded equipment: the sector's unbranded imports stay within
// the allowance, no offer sells more of either kind of goods than it holds, and pools pay
// their branded and unbranded suppliers for what they actually sold of each.

#include <catch2/catch.hpp>

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "support/small_world.hpp"

using namespace chokepoint;

namespace {

constexpr SectorIndex kNetwork = 1;  // the small world's sectors: chips, network, consumer
constexpr double kTolerance = 1e-9;

std::string limit_on_network(double max_share) {
  return testing::kCoalitionControls + "  unbranded_limits:\n" +
         "    - {name: limit, sectors: [network], max_share: " + std::to_string(max_share) +
         ", start: 2021-03}\n";
}

double network_imports(const MetricsBuffer& metrics, std::int32_t step, std::size_t states) {
  double total = 0.0;
  for (std::size_t s = 0; s < states; ++s)
    total += metrics.at(Metric::ImportsByShipper, step, kNetwork * states + s);
  return total;
}

void check_offers(const World& world) {
  const Offers& offers = world.offers;
  for (std::size_t o = 0; o < offers.count; ++o) {
    const double unbranded_held = offers.quantity[o] * offers.unbranded[o];
    const double branded_held = offers.quantity[o] - unbranded_held;
    INFO("offer " << o);
    REQUIRE(offers.sold_unbranded[o] <= offers.sold[o] * (1 + kTolerance) + kTolerance);
    REQUIRE(offers.sold_unbranded[o] <= unbranded_held * (1 + kTolerance) + kTolerance);
    REQUIRE(offers.sold[o] - offers.sold_unbranded[o] <=
            branded_held * (1 + kTolerance) + kTolerance);
  }
}

// Each pool paid its branded suppliers for its branded sales and its unbranded ones for the
// rest.
void check_pool_purchases(const World& world) {
  const Firms& firms = world.firms;
  std::vector<double> branded(world.pools.size(), 0.0), unbranded(world.pools.size(), 0.0);
  for (std::size_t f = 0; f < firms.count; ++f) {
    if (firms.channel[f] != Channel::Intermediary) continue;
    (firms.branded[f] ? branded : unbranded)[static_cast<std::size_t>(firms.pool[f])] +=
        firms.sales[f];
  }
  for (std::size_t p = 0; p < world.pools.size(); ++p) {
    const Pool& pool = world.pools[p];
    if (pool.sector != kNetwork) continue;
    CHECK(unbranded[p] == Approx(pool.sales_unbranded).margin(1e-6));
    CHECK(branded[p] == Approx(pool.sales - pool.sales_unbranded).margin(1e-6));
  }
}

}  // namespace

TEST_CASE("Unbranded imports stay within the allowance and no offer oversells a kind",
          "[matching][unbranded]") {
  const ScenarioDescription scenario = testing::small_world(limit_on_network(0.1));
  Simulation simulation(scenario);
  const std::size_t states = scenario.states.size();
  for (std::int32_t t = 0; t < 12; ++t) {
    simulation.step();
    const World& world = simulation.world();
    check_offers(world);
    check_pool_purchases(world);
    if (t < 2) continue;
    // Everything matched counts against the allowance, seized shipments included.
    double unbranded = 0.0;
    for (std::size_t o = 0; o < world.offers.count; ++o)
      if (world.offers.sector[o] == kNetwork && world.offers.route[o] != Route::Domestic)
        unbranded += world.offers.sold_unbranded[o];
    const double allowance = 0.1 * network_imports(simulation.metrics(), t - 1, states);
    INFO("step " << t << ": unbranded " << unbranded << ", allowance " << allowance);
    CHECK(unbranded <= allowance * (1 + kTolerance));
    CHECK(unbranded > 0.9 * allowance);  // the limit binds: unbranded supply exceeds it
  }
}

TEST_CASE("Offers short of capacity never sell more branded goods than they hold",
          "[matching][unbranded]") {
  // Ten times the network demand the small world's firms can serve: every offer is asked for
  // more than it has in every round, so an offer whose unbranded goods are held back must not
  // make up its sales with branded goods it does not have.
  // Secondary sanctions push Chinese firms, branded and unbranded, towards intermediaries, whose
  // offers then carry both kinds of goods.
  std::string yaml = testing::small_world_yaml(limit_on_network(0.1) + R"(  secondary_sanctions:
    - {name: threat, imposer: US, on: [CN, HK], intensity: 0.05, start: 2021-01}
)");
  const std::string from = "target_demand: 10000, base_price: 500";
  REQUIRE(yaml.find(from) != std::string::npos);
  yaml.replace(yaml.find(from), from.size(), "target_demand: 100000, base_price: 500");
  const ScenarioDescription scenario = load_scenario_text(yaml, "<test>");
  Simulation simulation(scenario);  // keeps a reference to the scenario
  double mixed_offers = 0.0;
  for (std::int32_t t = 0; t < 12; ++t) {  // controls from step 6 send goods through hubs
    simulation.step();
    check_offers(simulation.world());
    check_pool_purchases(simulation.world());
    const Offers& offers = simulation.world().offers;
    for (std::size_t o = 0; o < offers.count; ++o)
      if (offers.sector[o] == kNetwork && offers.quantity[o] > 0.0 && offers.unbranded[o] > 0.0 &&
          offers.unbranded[o] < 1.0)
        mixed_offers += 1.0;
  }
  CHECK(mixed_offers > 0.0);  // intermediaries with a mixed consignment were tested
}

TEST_CASE("A limit of zero bans unbranded imports of the sector", "[matching][unbranded]") {
  const ScenarioDescription scenario = testing::small_world(limit_on_network(0.0));
  Simulation simulation(scenario);
  for (std::int32_t t = 0; t < 6; ++t) {
    simulation.step();
    const World& world = simulation.world();
    check_offers(world);
    double unbranded = 0.0, imported = 0.0;
    for (std::size_t o = 0; o < world.offers.count; ++o)
      if (world.offers.sector[o] == kNetwork && world.offers.route[o] != Route::Domestic) {
        unbranded += world.offers.sold_unbranded[o];
        imported += world.offers.sold[o];
      }
    INFO("step " << t);
    CHECK(imported > 0.0);
    if (t >= 2) CHECK(unbranded == 0.0);
    if (t >= 2) CHECK(simulation.metrics().at(Metric::UnbrandedShare, t, kNetwork) == 0.0);
    if (t < 2) CHECK(simulation.metrics().at(Metric::UnbrandedShare, t, kNetwork) > 0.1);
  }
}
