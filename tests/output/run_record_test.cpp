// RunRecord's lookups and shapes.

#include "chokepoint/output/run_record.hpp"

#include <catch2/catch.hpp>

#include "chokepoint/error.hpp"
#include "output/run_file_fixtures.hpp"

namespace chokepoint {
namespace {

using Catch::Matchers::Contains;

TEST_CASE("axes and series are found by name", "[output][run_record]") {
  const RunRecord record = test::sample_record();
  REQUIRE(record.find_axis("sector") != nullptr);
  CHECK(record.find_axis("sector")->labels.size() == 4);
  CHECK(record.find_axis("exports") == nullptr);
  REQUIRE(record.find_series("firms") != nullptr);
  CHECK(record.find_series("firms")->integer);
  CHECK(record.find_series("time") == nullptr);
}

TEST_CASE("an axis's size comes from its values, else its labels", "[output][run_record]") {
  CHECK(Axis{"a", {"x", "y"}, {}, "", ""}.size() == 2);
  CHECK(Axis{"a", {"x", "y"}, {1.0, 2.0}, "", ""}.size() == 2);
  CHECK(Axis{"a", {}, {1.0, 2.0, 3.0}, "", ""}.size() == 3);
}

TEST_CASE("a series's shape follows its dims", "[output][run_record]") {
  const RunRecord record = test::sample_record();
  CHECK(record.shape_of(*record.find_series("exports")) == std::vector<std::size_t>{3, 4, 5});
  CHECK(record.shape_of(*record.find_series("tariff")) == std::vector<std::size_t>{5, 5});
  CHECK(record.shape_of(*record.find_series("welfare_total")).empty());
}

TEST_CASE("a series over an unknown axis has no shape", "[output][run_record]") {
  const RunRecord record = test::sample_record();
  const Series stray{"stray", "1", "", {"time", "region"}, {}};
  REQUIRE_THROWS_AS(record.shape_of(stray), OutputError);
  CHECK_THROWS_WITH(record.shape_of(stray),
                    Contains("'region'") && Contains("axes: time, sector, state"));
}

}  // namespace
}  // namespace chokepoint
