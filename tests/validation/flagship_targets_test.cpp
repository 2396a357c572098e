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
constexpr int kSeeds = 16;

// None since the calibration of 2026-12-04, which meets all twelve targets on seeds 101..116
// (docs/CALIBRATION.md, "The flagship"). A target that the calibration stops reaching goes
// here, with what it measured, and is said so in the docs.
const std::set<std::string> kKnownMisses = {};

}  // namespace

TEST_CASE("The calibrated flagship meets the published targets on unseen seeds", "[validation]") {
  const TargetsFile targets = load_targets(kSource + "/scenarios/targets/russia_tech.yaml");
  const ScenarioDescription flagship = load_scenario_file(kSource + "/scenarios/russia_tech.yaml");
  const std::vector<ResolvedTarget> resolved = resolve_targets(targets, target_context(flagship));
  REQUIRE(targets.targets.size() >= 12);

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

// The mechanism facts of issue 12 (scenarios/targets/russia_tech_mechanism.yaml) are not met
// yet (docs/CALIBRATION.md, "Mechanism facts"). This holds the file usable against the
// flagship, and holds the flagship to the direction the facts point: Western-made goods among
// what China and Hong Kong ship, a making-basis share below the shipping one, and goods that
// cost more than the same goods elsewhere while hub routes carry them.
TEST_CASE("The flagship's mechanism facts resolve, and point the way the sources do",
          "[validation]") {
  const TargetsFile targets =
      load_targets(kSource + "/scenarios/targets/russia_tech_mechanism.yaml");
  const ScenarioDescription flagship = load_scenario_file(kSource + "/scenarios/russia_tech.yaml");
  const std::vector<ResolvedTarget> resolved = resolve_targets(targets, target_context(flagship));
  REQUIRE(resolved.size() == 5);
  ScenarioDescription scenario = flagship;
  override_seed(scenario, kFirstSeed);
  const RunRecord record = run_scenario(scenario, RunOptions{});
  std::vector<double> value;
  for (const ResolvedTarget& target : resolved)
    value.push_back(target_statistic(target, record));
  INFO("coalition-made " << value[0] << ", China-made " << value[1]
                         << ", coalition-made share of CN+HK shipments " << value[2]
                         << ", price 2024/2021 " << value[3] << ", premium over elsewhere "
                         << value[4]);
  CHECK(value[0] > 0.1);
  CHECK(value[1] < 0.9);
  CHECK(value[2] > 0.02);
  CHECK(value[3] > 1.15);
  CHECK(value[4] > 1.2);
}
