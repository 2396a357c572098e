// Validation of the calibrated flagship: scenarios/russia_tech.yaml, run with a fixed set of
// seeds that the calibration never saw (tools/calibrate_flagship searches on seeds 1..8 and
// confirms on 9..16), against every published target of scenarios/targets/russia_tech.yaml.
//
// Every target must be within its published goal, except the ones listed in kKnownMisses: the
// calibration does not reach those (docs/CALIBRATION.md, "The flagship"), and the test holds
// them to within one tolerance of the goal (|d| <= 1) so that they cannot drift further
// unnoticed. A known miss that comes within fails too, so that the list only names real
// misses and shrinks when the calibration improves. The seed set is fixed, so this is also a
// regression check: a change that moves a figure outside its goal fails here, and the fix is
// to recalibrate (tools/calibrate_flagship), not to loosen a target.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "chokepoint/calibration/targets.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"

using namespace chokepoint;

namespace {

const std::string kSource = CHOKEPOINT_SOURCE_DIR;
constexpr std::uint64_t kFirstSeed = 101;
constexpr int kSeeds = 20;

// The calibration of 2026-12-07 (docs/CALIBRATION.md, "The flagship") meets all 17 targets
// on seeds 101..120. A target that a later calibration stops reaching goes here, with what it
// measured, and is said so in the docs.
const std::set<std::string> kKnownMisses = {};

}  // namespace

TEST_CASE("The calibrated flagship meets the published targets on unseen seeds", "[validation]") {
  const TargetsFile targets = load_targets(kSource + "/scenarios/targets/russia_tech.yaml");
  const ScenarioDescription flagship = load_scenario_file(kSource + "/scenarios/russia_tech.yaml");
  const std::vector<ResolvedTarget> resolved = resolve_targets(targets, target_context(flagship));
  REQUIRE(targets.targets.size() >= 17);

  // statistics[target][seed]
  std::vector<std::vector<double>> statistics(targets.targets.size());
  for (int r = 0; r < kSeeds; ++r) {
    ScenarioDescription scenario = flagship;
    override_seed(scenario, kFirstSeed + static_cast<std::uint64_t>(r));
    const RunRecord record = run_scenario(scenario, RunOptions{});
    for (std::size_t t = 0; t < resolved.size(); ++t)
      statistics[t].push_back(target_statistic(resolved[t], record));
  }

  std::size_t within = 0;
  for (std::size_t t = 0; t < targets.targets.size(); ++t) {
    const Target& target = targets.targets[t];
    const TargetFit fit = fit_target(target, statistics[t]);
    within += fit.within ? 1 : 0;
    INFO(target.name << " over " << target.period.text << ": " << fit.mean << " (sd " << fit.sd
                     << " over " << fit.seeds << " seeds), goal " << describe_goal(target)
                     << ", d = " << fit.distance << "; source: " << target.source);
    CHECK(fit.seeds == static_cast<std::size_t>(kSeeds));
    if (kKnownMisses.count(target.name)) {
      CHECK_FALSE(fit.within);  // met now: take it off kKnownMisses
      CHECK(std::abs(fit.distance) <= 1.0);
    } else {
      CHECK(fit.within);
    }
  }
  CHECK(within == targets.targets.size() - kKnownMisses.size());
}

// Who made the goods against who shipped them (issue 12): in 2023 China and Hong Kong shipped
// far more of Russia's controlled imports than Chinese firms made, since Western and other
// brands' goods reached Russia through Chinese and Hong Kong traders. The sources give a
// shipping share of about 0.8 against a making share of 0.45-0.49 (docs/CALIBRATION.md); the
// targets hold each share to its range, and this holds the gap between them on the same runs,
// as the report and `inspect` show it (focus_share against focus_maker_share).
TEST_CASE("On the flagship, China and Hong Kong ship far more than they make", "[validation]") {
  const TargetsFile gap = load_targets_text(R"(targets:
  - {name: shipping_2023, quantity: focus_share, period: 2023-01..2023-12, at_least: 0, source: "issue 12"}
  - {name: making_2023, quantity: focus_maker_share, period: 2023-01..2023-12, at_least: 0, source: "issue 12"}
)",
                                            "gap");
  const ScenarioDescription flagship = load_scenario_file(kSource + "/scenarios/russia_tech.yaml");
  const std::vector<ResolvedTarget> resolved = resolve_targets(gap, target_context(flagship));
  double shipping = 0.0, making = 0.0;
  constexpr int kGapSeeds = 4;
  for (int r = 0; r < kGapSeeds; ++r) {
    ScenarioDescription scenario = flagship;
    override_seed(scenario, kFirstSeed + static_cast<std::uint64_t>(r));
    const RunRecord record = run_scenario(scenario, RunOptions{});
    shipping += target_statistic(resolved[0], record) / kGapSeeds;
    making += target_statistic(resolved[1], record) / kGapSeeds;
  }
  INFO("2023 China+HK share: shipping basis " << shipping << ", making basis " << making);
  CHECK(shipping - making >= 0.2);
  CHECK(making < 0.55);
}
