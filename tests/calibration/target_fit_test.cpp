// The statistics and fit of docs/CALIBRATION.md on a hand-made run whose numbers are worked
// out by hand in the comments: x[t, sector k, state s] = (t + 1) * (1 + s + 3k), sectors a
// (controlled) and b, states US, EU (bloc coalition) and CN, months 2021-01..2021-04.

#include <catch2/catch.hpp>

#include <cmath>

#include "chokepoint/calibration/targets.hpp"

namespace {

using namespace chokepoint;

RunRecord hand_made_run() {
  RunRecord record;
  record.meta.calendar_start = "2021-01";
  record.meta.months_per_step = 1;
  record.meta.steps = 4;
  record.meta.resolved_scenario =
      "states:\n  - {code: US, blocs: [coalition]}\n  - {code: EU, blocs: [coalition]}\n"
      "  - {code: CN}\n";
  record.axes = {{"time", {"2021-01", "2021-02", "2021-03", "2021-04"}, {0, 31, 59, 90}, "", ""},
                 {"sector", {"a", "b"}, {}, "", ""},
                 {"state", {"US", "EU", "CN"}, {}, "", ""}};
  Series x{"x", "units/month", "", {"time", "sector", "state"}, {}, false};
  for (int t = 0; t < 4; ++t)
    for (int k = 0; k < 2; ++k)
      for (int s = 0; s < 3; ++s)
        x.values.push_back((t + 1.0) * (1.0 + s + 3.0 * k));
  const double nan = std::nan("");
  record.series = {x,
                   {"y", "1", "", {"time"}, {1.0, nan, 3.0, 5.0}, false},
                   {"sector_controlled", "1", "", {"sector"}, {1.0, 0.0}, false}};
  return record;
}

double statistic_of(const std::string& entry) {
  const RunRecord run = hand_made_run();
  const TargetsFile file = load_targets_text("targets:\n" + entry, "hand.yaml");
  const auto resolved = resolve_targets(file, target_context(run, "hand.h5"));
  return target_statistic(resolved.at(0), run);
}

Target value_target(double value, double tolerance) {
  Target t;
  t.kind = TargetKind::Value;
  t.value = value;
  t.tolerance = tolerance;
  return t;
}

Target bound_target(TargetKind kind, double low, double high) {
  Target t;
  t.kind = kind;
  t.low = low;
  t.high = high;
  return t;
}

}  // namespace

TEST_CASE("a term's mean over the period", "[calibration][statistic]") {
  // Sector a, states US and EU: x_t = (t+1)(1 + 2) = 3(t+1); 2021-02..2021-03 are t = 1, 2:
  // 6 and 9, mean 7.5.
  CHECK(statistic_of("  - {name: t, quantity: 'x[sector=controlled, state=coalition]', period: "
                     "2021-02..2021-03, at_least: 0, source: s}") == Approx(7.5).epsilon(1e-15));
  // All sectors and states: x_t = (t+1)(1+2+3+4+5+6) = 21(t+1); mean over t = 0..3: 21 * 2.5.
  CHECK(statistic_of("  - {name: t, quantity: x, period: 2021-01..2021-04, at_least: 0, source: "
                     "s}") == Approx(52.5).epsilon(1e-15));
  // NaN months are skipped: (1 + 3 + 5) / 3.
  CHECK(statistic_of("  - {name: t, quantity: y, period: 2021-01..2021-04, at_least: 0, source: "
                     "s}") == Approx(3.0).epsilon(1e-15));
}

TEST_CASE("a ratio of terms is a ratio of the period's totals", "[calibration][statistic]") {
  // CN over all: sum 9(t+1) / sum 21(t+1) = 9/21 whatever the months.
  CHECK(statistic_of("  - {name: t, quantity: 'x[state=CN] / x', period: 2021-01..2021-04, "
                     "range: [0, 1], source: s}") == Approx(9.0 / 21.0).epsilon(1e-15));
  // Sector b, US|CN: (t+1)(4 + 6) = 10(t+1) over sector b all states 15(t+1): 2/3.
  CHECK(statistic_of("  - {name: t, quantity: 'x[sector=uncontrolled, state=US|CN] / "
                     "x[sector=b]', period: 2021-02..2021-02, range: [0, 1], source: s}") ==
        Approx(2.0 / 3.0).epsilon(1e-15));
}

TEST_CASE("relative_to divides by the statistic of the other period", "[calibration][statistic]") {
  // Sector b: 15(t+1). 2021-04 (t=3): 60. 2021-01..2021-02: (15 + 30)/2 = 22.5. 60/22.5 = 8/3.
  CHECK(statistic_of("  - {name: t, quantity: 'x[sector=b]', period: 2021-04..2021-04, "
                     "relative_to: 2021-01..2021-02, at_most: 1, source: s}") ==
        Approx(8.0 / 3.0).epsilon(1e-15));
}

TEST_CASE("fit of a value target: mean, sample sd and signed distance", "[calibration][fit]") {
  // {0.7, 0.9, 0.8}: mean 0.8, sd sqrt((0.01 + 0.01 + 0)/2) = 0.1, d = (0.8 - 0.5)/0.2 = 1.5.
  const TargetFit fit = fit_target(value_target(0.5, 0.2), {0.7, 0.9, 0.8});
  CHECK(fit.seeds == 3);
  CHECK(fit.mean == Approx(0.8));
  CHECK(fit.sd == Approx(0.1));
  CHECK(fit.distance == Approx(1.5));
  CHECK_FALSE(fit.within);
  // |d| = 1 exactly is within: (0.3 - 0.5)/0.2 = -1 (0.3 and 0.5 chosen so it is exact in
  // binary: 0.2 = 0.5 - 0.3 holds in doubles).
  const TargetFit edge = fit_target(value_target(0.5, 0.5), {0.0});
  CHECK(edge.distance == -1.0);
  CHECK(edge.within);
  CHECK(edge.sd == 0.0);  // one seed
}

TEST_CASE("fit of bounds: zero inside, scaled distance outside", "[calibration][fit]") {
  // at_most 0.5, no tolerance: scale |0.5|; mean 0.8 -> 0.3 / 0.5 = 0.6.
  CHECK(fit_target(bound_target(TargetKind::AtMost, 0, 0.5), {0.8}).distance == Approx(0.6));
  // Inside: d = 0 and within.
  const TargetFit inside = fit_target(bound_target(TargetKind::AtMost, 0, 0.5), {0.2, 0.4});
  CHECK(inside.within);
  CHECK(inside.distance == 0.0);
  // range [0.1, 0.9]: scale (0.9 - 0.1)/2 = 0.4; mean 0.95 -> 0.05 / 0.4 = 0.125.
  CHECK(fit_target(bound_target(TargetKind::Range, 0.1, 0.9), {0.95}).distance == Approx(0.125));
  // at_least 0 with tolerance 100: mean -50 -> -50 / 100 = -0.5 (negative below the bound).
  Target at_least = bound_target(TargetKind::AtLeast, 0, 0);
  at_least.tolerance = 100;
  CHECK(fit_target(at_least, {-50}).distance == Approx(-0.5));
  // at_most 0 without tolerance: scale 1; mean 2 -> 2.
  CHECK(fit_target(bound_target(TargetKind::AtMost, 0, 0), {2}).distance == Approx(2.0));
}

TEST_CASE("a margin pulls bounds in for the distance, not for within", "[calibration][fit]") {
  // range [0.36, 0.39], tolerance 0.02, margin 0.5: the search aims at [0.37, 0.38].
  Target range = bound_target(TargetKind::Range, 0.36, 0.39);
  range.tolerance = 0.02;
  const TargetFit near_edge = fit_target(range, {0.365}, 0.5);
  CHECK(near_edge.within);                     // inside the published range
  CHECK(near_edge.distance == Approx(-0.25));  // (0.365 - 0.37) / 0.02
  CHECK(fit_target(range, {0.375}, 0.5).distance == 0.0);
  CHECK(fit_target(range, {0.365}).distance == 0.0);  // no margin: 0 anywhere inside
  // Outside: measured from the pulled-in bound, 0.4 - 0.38 = 0.02 -> 1.
  const TargetFit outside = fit_target(range, {0.40}, 0.5);
  CHECK_FALSE(outside.within);
  CHECK(outside.distance == Approx(1.0));
  // A margin wider than half the range aims at its middle.
  CHECK(fit_target(range, {0.375}, 5.0).distance == Approx(0.0));
  CHECK(fit_target(range, {0.38}, 5.0).distance == Approx(0.25));
  // One-sided: at_most 0.8, tolerance 0.2, margin 0.5 -> aim at <= 0.7.
  Target at_most = bound_target(TargetKind::AtMost, 0, 0.8);
  at_most.tolerance = 0.2;
  CHECK(fit_target(at_most, {0.75}, 0.5).distance == Approx(0.25));
  CHECK(fit_target(at_most, {0.75}, 0.5).within);
  // Value targets are untouched: their distance already pulls to the value.
  CHECK(fit_target(value_target(0.8, 0.05), {0.82}, 0.5).distance == Approx(0.4));
}

TEST_CASE("objective is the weighted mean of squared distances", "[calibration][fit]") {
  std::vector<Target> targets = {value_target(0, 1), value_target(0, 1), value_target(0, 1)};
  targets[1].weight = 2;
  targets[2].weight = 0;  // counts for nothing, even when not a number
  std::vector<TargetFit> fits(3);
  fits[0].distance = 1.5;
  fits[1].distance = -0.5;
  fits[2].distance = std::nan("");
  // (1 * 2.25 + 2 * 0.25) / 3 = 2.75 / 3.
  CHECK(fit_objective(targets, fits) == Approx(2.75 / 3.0));
  targets[2].weight = 1;
  CHECK(std::isinf(fit_objective(targets, fits)));
}
