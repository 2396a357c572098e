// Regression test: tests/data/small_world.yaml (every instrument of the core engine) must
// reproduce the totals in tests/regression/small_world.expected. The references are
// regenerated, after a deliberate change to the model, with
//   CHOKEPOINT_UPDATE_REFERENCES=1 build/test/tests/chokepoint_tests "[regression]"
// and the diff of the .expected file then shows what the change did.
//
// Tolerance: a relative 1e-9. The run itself is bit-reproducible on one machine; the margin
// only absorbs libm differences (log, exp, pow) between machines and compilers.

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"

using namespace chokepoint;

namespace {

const std::string kReference =
    std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/regression/small_world.expected";

// Per series: the sum over every step and element, and the last step's sum.
std::map<std::string, double> totals(const RunRecord& record) {
  std::map<std::string, double> out;
  const std::size_t steps = static_cast<std::size_t>(record.meta.steps);
  for (const Series& series : record.series) {
    if (series.dims.empty() || series.dims[0] != "time") continue;
    double all = 0.0, last = 0.0;
    const std::size_t inner = series.values.size() / steps;
    for (std::size_t i = 0; i < series.values.size(); ++i) {
      if (std::isnan(series.values[i])) continue;
      all += series.values[i];
      if (i >= (steps - 1) * inner) last += series.values[i];
    }
    out[series.name + ".sum"] = all;
    out[series.name + ".last"] = last;
  }
  return out;
}

}  // namespace

TEST_CASE("The small world reproduces its reference totals", "[regression]") {
  const ScenarioDescription scenario =
      load_scenario_file(std::string(CHOKEPOINT_TEST_DATA_DIR) + "/small_world.yaml");
  RunOptions options;
  options.threads = 2;
  const std::map<std::string, double> actual = totals(run_scenario(scenario, options));

  if (std::getenv("CHOKEPOINT_UPDATE_REFERENCES")) {
    std::ofstream out(kReference);
    out << "# series.statistic value (tests/regression/small_world_regression_test.cpp)\n";
    for (const auto& [key, value] : actual)
      out << key << ' ' << std::setprecision(17) << value << '\n';
    WARN("references rewritten: " << kReference);
    return;
  }
  std::ifstream in(kReference);
  REQUIRE(in);
  std::map<std::string, double> expected;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string key;
    double value = 0.0;
    fields >> key >> value;
    expected[key] = value;
  }
  for (const auto& [key, value] : expected) {
    REQUIRE(actual.count(key) == 1);
    INFO(key << ": expected " << value << ", got " << actual.at(key));
    CHECK(actual.at(key) == Approx(value).epsilon(1e-9).margin(1e-12));
  }
  // A series the reference does not list yet belongs to an instrument this world does not
  // use: it must be silent, or the instrument changed the baseline. Regenerating the
  // reference then adds it.
  for (const auto& [key, value] : actual) {
    if (expected.count(key)) continue;
    INFO(key << " is not in the reference and is " << value << " in this world");
    CHECK(value == 0.0);
  }
}
