// Behaviour tests: makers favour the traders of their home network when they pick a pool
// (docs/MODEL_CHOICES.md, "Firms": behaviour.home_trader_preference and the pools'
// `home_to`). With Chinese banks rejecting payments, Chinese makers move from direct sales to
// traders; Hong Kong's traders are their home network, Kazakhstan's are not.

#include <catch2/catch.hpp>

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

const std::string kChineseBanks =
    "  secondary_sanctions:\n"
    "    - {name: banks, imposer: US, on: [CN], applies_to: [banks], payments: {rejection: "
    "0.6, extra_cost: 0.02, adaptation_months: 24}, start: 2021-07}\n";

// The small world with Hong Kong's traders in Chinese makers' home network, and makers
// favouring that network by `preference`.
RunRecord run_with_home_network(const std::string& preference) {
  std::string yaml = small_world_yaml(kCoalitionControls + kChineseBanks);
  for (const char* sector : {"chips", "network", "consumer"}) {
    const std::string hk = std::string("{hub: HK, sector: ") + sector + ",";
    yaml.replace(yaml.find(hk), hk.size(), hk + " home_to: [CN],");
  }
  yaml += "behaviour: {home_trader_preference: " + preference + "}\n";
  return run_scenario(load_scenario_text(yaml, "<small_world>"), RunOptions{});
}

// Chinese-made chips shipped from `hub` over the last year (USD).
double chinese_chips_from(const RunRecord& record, const char* hub) {
  return last_year(record, "imports_by_maker_shipper_value", {"chips", "CN", hub});
}

}  // namespace

TEST_CASE("Makers who favour their home network ship through it, not through other hubs",
          "[behaviour]") {
  const RunRecord neutral = run_with_home_network("0");
  const RunRecord home = run_with_home_network("2");
  const double hk_neutral = chinese_chips_from(neutral, "HK");
  const double kz_neutral = chinese_chips_from(neutral, "KZ");
  const double hk_home = chinese_chips_from(home, "HK");
  const double kz_home = chinese_chips_from(home, "KZ");
  INFO("Chinese-made chips, last year (USD): through HK "
       << hk_neutral << " -> " << hk_home << ", through KZ " << kz_neutral << " -> " << kz_home);
  // Without the preference both hubs take Chinese goods (the test would say nothing else).
  REQUIRE(kz_neutral > 0.0);
  REQUIRE(hk_neutral > 0.0);
  CHECK(kz_home < 0.7 * kz_neutral);
  CHECK(hk_home > hk_neutral);
  // The share of Chinese chips that leave through their home network rises.
  CHECK(hk_home / (hk_home + kz_home) > hk_neutral / (hk_neutral + kz_neutral) + 0.1);
}

TEST_CASE("A preference with no home network listed changes nothing", "[behaviour]") {
  // No pool is any maker's home (no hub is a makers' state, no `home_to`): the same run.
  const RunRecord plain = run_small_world(kCoalitionControls + kChineseBanks);
  const std::string yaml = small_world_yaml(kCoalitionControls + kChineseBanks) +
                           "behaviour: {home_trader_preference: 2}\n";
  const RunRecord preferring =
      run_scenario(load_scenario_text(yaml, "<small_world>"), RunOptions{});
  CHECK(chinese_chips_from(preferring, "KZ") == chinese_chips_from(plain, "KZ"));
  CHECK(last_year(preferring, "imports_value", {"chips"}) ==
        last_year(plain, "imports_value", {"chips"}));
}
