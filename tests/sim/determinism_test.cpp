#include <catch2/catch.hpp>
#include <cstring>

#include "support/small_world.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

const char* const kAllInstruments = R"(  export_controls:
    - {name: controls, imposers: [coalition], sectors: [chips, network], coverage: 0.9, start: 2021-04}
  secondary_sanctions:
    - {name: threat, imposer: US, on: [CN, HK], intensity: 0.05, start: 2021-08}
  import_quotas:
    - {name: quota, origins: [CN], sectors: [network], share: 0.4, start: 2021-10}
  import_substitution_subsidies:
    - {name: subsidy, sectors: [chips], production_rate: 0.2, investment_rate: 0.4, annual_budget: 1.0e8, start: 2021-06}
)";

bool bit_identical(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("A run is bit-identical at 1 and 2 threads", "[determinism]") {
  // Eight times the small world: 2,160 firms, 1,440 buyers, 1,968 intermediary slots, so
  // every parallel loop runs in several blocks (kAgentBlock = 512) and threads really share
  // the work.
  constexpr int kScale = 8;
  const RunRecord one = run_small_world(kAllInstruments, 1, 7, kScale);
  const RunRecord two = run_small_world(kAllInstruments, 2, 7, kScale);
  REQUIRE(one.series.size() == two.series.size());
  for (std::size_t i = 0; i < one.series.size(); ++i) {
    INFO(one.series[i].name);
    CHECK(bit_identical(one.series[i].values, two.series[i].values));
  }
  // The world is not trivially quiet: designations, entry and trade all happen.
  CHECK(sum_over(one, "firm_designations", 0, steps_of(one)) > 0.0);
  CHECK(sum_over(one, "intermediaries_entered", 0, steps_of(one)) > 0.0);
}

TEST_CASE("A different seed gives a different trajectory", "[determinism]") {
  const RunRecord a = run_small_world(kAllInstruments, 2, 7);
  const RunRecord b = run_small_world(kAllInstruments, 2, 8);
  const Series* imports_a = a.find_series("imports");
  const Series* imports_b = b.find_series("imports");
  REQUIRE(imports_a);
  REQUIRE(imports_b);
  CHECK_FALSE(bit_identical(imports_a->values, imports_b->values));
}
