// Behaviour test: traders price the scarcity of their throughput. With export controls the
// coalition's goods can reach the target only through the hubs, whose traders sell out; with
// markups that follow sell-through (the default) the goods they deliver cost more than with
// markups fixed at the traders' draws, and the rent draws more traders in.

#include <catch2/catch.hpp>

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

RunRecord run_with_trader_adjustment(const char* adjustment) {
  std::string yaml = small_world_yaml(kCoalitionControls);
  const std::string report = "report:";
  yaml.replace(
      yaml.find(report), report.size(),
      std::string("behaviour: {intermediary_markup_adjustment: ") + adjustment + "}\nreport:");
  return run_scenario(load_scenario_text(yaml, "<small_world>"), RunOptions{});
}

// Unit value (USD/unit) of the chips delivered through hubs over the last year.
double hub_unit_value(const RunRecord& record) {
  return last_year(record, "imports_value", {"chips", "intermediary"}) /
         last_year(record, "imports", {"chips", "intermediary"});
}

}  // namespace

TEST_CASE("Traders raise their markups when their goods sell out", "[behaviour]") {
  const RunRecord fixed = run_with_trader_adjustment("0");
  const RunRecord adaptive = run_with_trader_adjustment("0.3");
  const double fixed_price = hub_unit_value(fixed);
  const double adaptive_price = hub_unit_value(adaptive);
  const int steps = steps_of(fixed);
  const double fixed_entrants = sum_over(fixed, "intermediaries_entered", 0, steps);
  const double adaptive_entrants = sum_over(adaptive, "intermediaries_entered", 0, steps);
  INFO("chips through hubs, last year: " << fixed_price << " USD/unit with fixed markups, "
                                         << adaptive_price << " with adaptive ones; entrants "
                                         << fixed_entrants << " -> " << adaptive_entrants);
  CHECK(adaptive_price > 1.02 * fixed_price);
  CHECK(adaptive_entrants > fixed_entrants);
  // Before any control there is no hub trade to sell out: the two runs are the same.
  CHECK(sum_over(fixed, "imports_value", 0, 6) == sum_over(adaptive, "imports_value", 0, 6));
}
