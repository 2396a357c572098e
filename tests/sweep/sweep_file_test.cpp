// Reading sweep files and expanding them into runs: sizes, order, seeds, the values of each
// design, and the errors a user gets for a sweep that cannot be run.

#include <unistd.h>
#include <algorithm>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/sweep/sweep.hpp"

using namespace chokepoint;

namespace {

const std::string kData = CHOKEPOINT_TEST_DATA_DIR;

// Writes `text` as a sweep file next to the small world (so `base: ../small_world.yaml`
// resolves) and loads it.
// One file per test process: ctest runs the test cases of this file in parallel processes.
std::string temporary_path() {
  return kData + "/sweeps/tmp_sweep_test_" + std::to_string(getpid()) + ".yaml";
}

SweepDescription load_text(const std::string& text) {
  const std::string path = temporary_path();
  {
    std::ofstream out(path);
    out << text;
  }
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } remove{path};
  return load_sweep_file(path);
}

std::string error_of(const std::string& text) {
  try {
    load_text(text);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

const std::string kHead = "name: t\nbase: ../small_world.yaml\n";
const std::string kCoverage = "policies.export_controls[controls].coverage";
const std::string kThreat = "policies.secondary_sanctions[threat].intensity";

}  // namespace

TEST_CASE("A grid runs every combination, last axis fastest, each with every seed", "[sweep]") {
  const SweepDescription sweep = load_sweep_file(kData + "/sweeps/small_grid.yaml");
  REQUIRE(sweep.axes.size() == 2);
  CHECK(sweep.axes[1].values == std::vector<std::string>{"0", "0.1"});
  CHECK(sweep_point_count(sweep) == 6);
  const std::vector<SweepRun> runs = expand_sweep(sweep);
  REQUIRE(runs.size() == 12);
  CHECK(runs[0].overrides == std::vector<std::string>{kCoverage + "=0.5", kThreat + "=0"});
  CHECK(runs[2].overrides == std::vector<std::string>{kCoverage + "=0.5", kThreat + "=0.1"});
  CHECK(runs[4].overrides == std::vector<std::string>{kCoverage + "=0.7", kThreat + "=0"});
  for (const SweepRun& run : runs) {
    CHECK(run.index == run.point * 2 + run.replicate);
    CHECK(run.seed == 5 + run.replicate);  // the same seeds at every point
  }
  std::set<std::vector<std::string>> distinct;
  for (const SweepRun& run : runs)
    distinct.insert(run.overrides);
  CHECK(distinct.size() == 6);
}

TEST_CASE("A zip pairs the axes' values one to one", "[sweep]") {
  const SweepDescription sweep =
      load_text(kHead + "design: zip\naxes:\n  - {key: \"" + kCoverage +
                "\", values: [0.5, 0.9]}\n  - {key: \"" + kThreat + "\", values: [0.01, 0.02]}\n");
  const std::vector<SweepRun> runs = expand_sweep(sweep);
  REQUIRE(runs.size() == 2);
  CHECK(runs[1].values == std::vector<std::string>{"0.9", "0.02"});
}

TEST_CASE("Sampled designs draw each axis from its interval", "[sweep]") {
  const std::string axes = "axes:\n  - {key: \"" + kCoverage + "\", low: 0.5, high: 0.9}\n" +
                           "  - {key: \"" + kThreat + "\", low: 0, high: 0.1}\n";
  SECTION("Latin hypercube: one value per stratum of each interval") {
    const SweepDescription sweep =
        load_text(kHead + "design: latin_hypercube\nsamples: 20\ndesign_seed: 3\n" + axes);
    const std::vector<SweepRun> runs = expand_sweep(sweep);
    REQUIRE(runs.size() == 20);
    std::vector<int> strata(20, 0);
    for (const SweepRun& run : runs) {
      const double coverage = std::stod(run.values[0]);
      CHECK(coverage >= 0.5);
      CHECK(coverage < 0.9);
      ++strata[static_cast<std::size_t>((coverage - 0.5) / 0.4 * 20)];
      CHECK(run.unit_point.size() == 2);
    }
    CHECK(std::count(strata.begin(), strata.end(), 1) == 20);
    // The same design seed gives the same points.
    CHECK(expand_sweep(sweep) == runs);
  }
  SECTION("Morris: trajectories of d + 1 points") {
    const SweepDescription sweep = load_text(kHead + "design: morris\nsamples: 5\n" + axes);
    CHECK(sweep_point_count(sweep) == 15);
  }
  SECTION("Saltelli: n (d + 2) points") {
    const SweepDescription sweep = load_text(kHead + "design: saltelli\nsamples: 16\n" + axes);
    CHECK(sweep_point_count(sweep) == 64);
  }
  SECTION("Sobol: the sequence's first points, scaled") {
    const SweepDescription sweep = load_text(kHead + "design: sobol\nsamples: 4\n" + axes);
    const std::vector<SweepRun> runs = expand_sweep(sweep);
    CHECK(runs[0].values == std::vector<std::string>{"0.5", "0"});
    CHECK(std::stod(runs[1].values[0]) == Approx(0.7));
    CHECK(std::stod(runs[1].values[1]) == Approx(0.05));
    CHECK(std::stod(runs[2].values[0]) == Approx(0.8));
    CHECK(std::stod(runs[2].values[1]) == Approx(0.025));
  }
}

TEST_CASE("A sweep that cannot run is refused with the place and the reason", "[sweep]") {
  const std::string grid_axis = "axes:\n  - {key: a.b, values: [1, 2]}\n";
  CHECK(error_of(kHead + "design: gird\n" + grid_axis) ==
        temporary_path() +
            ":3:9: design: expected a design, found \"gird\"; "
            "did you mean \"grid\"?");
  CHECK_THAT(error_of("name: t\nbase: ../nowhere.yaml\n" + grid_axis),
             Catch::Contains("base: no scenario file at"));
  CHECK_THAT(error_of(kHead + "design: random\nsamples: 8\n" + grid_axis),
             Catch::Contains("the random design samples each axis from an interval"));
  CHECK_THAT(error_of(kHead + "axes:\n  - {key: a.b, low: 0, high: 1}\n"),
             Catch::Contains("the grid design takes listed values"));
  CHECK_THAT(error_of(kHead + "samples: 10\n" + grid_axis),
             Catch::Contains("samples is for sampled designs"));
  CHECK_THAT(
      error_of(kHead + "design: saltelli\nsamples: 10\naxes:\n  - {key: a, low: 0, high: 1}\n"),
      Catch::Contains("a power of two"));
  CHECK_THAT(
      error_of(kHead +
               "design: morris\nsamples: 4\nlevels: 3\naxes:\n  - {key: a, low: 0, high: 1}\n"),
      Catch::Contains("an even number of levels"));
  CHECK_THAT(
      error_of(kHead +
               "design: zip\naxes:\n  - {key: a, values: [1, 2]}\n  - {key: b, values: [1]}\n"),
      Catch::Contains("has 2 values and b has 1"));
  CHECK_THAT(error_of(kHead + "axes:\n  - {key: a, values: [1]}\n  - {key: a, values: [2]}\n"),
             Catch::Contains("already varied by axes[0]"));
  CHECK_THAT(error_of(kHead + "axes:\n  - {key: a, low: 1, high: 0}\n"),
             Catch::Contains("expected a number above low (1)"));
  CHECK_THAT(error_of(kHead + "axes:\n  - {key: a, values: [1], steps: 3}\n"),
             Catch::Contains("give exactly one of"));
  CHECK_THAT(error_of(kHead + "replicate: 2\n" + grid_axis), Catch::Contains("replicates"));
}

TEST_CASE("A design too large to hold is refused before it is expanded", "[sweep]") {
  // Six axes of 100 values: 10^12 runs, once "std::bad_alloc" after minutes.
  std::string axes = "axes:\n";
  for (int a = 0; a < 6; ++a)
    axes += "  - {key: k" + std::to_string(a) + ", from: 0, to: 1, steps: 100}\n";
  CHECK_THAT(error_of(kHead + axes),
             Catch::StartsWith(temporary_path() + ":1:1: ") &&
                 Catch::Contains("this design defines more than 1000000 runs"));
  // At the limit is fine; replicates count too.
  CHECK_NOTHROW(load_text(kHead + "replicates: 1000\naxes:\n  - {key: a, from: 0, to: 1, steps: "
                                  "1000}\n"));
  CHECK_THAT(
      error_of(kHead + "replicates: 1001\naxes:\n  - {key: a, from: 0, to: 1, steps: 1000}\n"),
      Catch::Contains("more than 1000000 runs"));
  CHECK_THAT(error_of(kHead + "design: morris\nsamples: 100000000\naxes:\n  - {key: a, low: 0, "
                              "high: 1}\n"),
             Catch::Contains("more than 1000000 runs"));
  // Values are bounded while the axes are read, so a thousand axes of a million steps each
  // are refused at the third axis, not after building a billion values.
  std::string many = "axes:\n";
  for (int a = 0; a < 1000; ++a)
    many += "  - {key: m" + std::to_string(a) + ", from: 0, to: 1, steps: 1000000}\n";
  CHECK_THAT(error_of(kHead + many), Catch::StartsWith(temporary_path() + ":6:5: axes[2]: ") &&
                                         Catch::Contains("more than 2000000 values in all"));
}

TEST_CASE("A base that is not a scenario is named as such, not blamed on a --set", "[sweep]") {
  const std::string base = kData + "/sweeps/tmp_not_a_scenario_" + std::to_string(getpid());
  std::ofstream(base) << "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/bin/sh\n";
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } remove{base};
  const std::string name = std::filesystem::path(base).filename().string();
  CHECK_THAT(error_of("name: t\nbase: " + name + "\naxes:\n  - {key: a, values: [1]}\n"),
             Catch::StartsWith(temporary_path() + ":2:7: base: expected a scenario file") &&
                 Catch::Contains("holds a single value"));
}
