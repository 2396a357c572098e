// A record written and read back is the record that was written: every name, dimension, unit,
// metadata field and value bit (NaN, signed zero and subnormals included).

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <catch2/catch.hpp>

#include "chokepoint/output/run_file.hpp"
#include "output/run_file_fixtures.hpp"

namespace chokepoint {
namespace {

using test::TempDir;

TEST_CASE("a run file reads back exactly as written", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const RunRecord written = test::sample_record();

  write_run_file(path, written);

  CHECK(dir.contents() == std::vector<std::string>{"run.h5"});
  test::require_same_record(written, read_run_file(path));
}

TEST_CASE("writing creates missing parent directories", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("results/batch 1/run.h5");
  write_run_file(path, test::sample_record());
  CHECK(dir.contents() ==
        std::vector<std::string>{"results", "results/batch 1", "results/batch 1/run.h5"});
}

TEST_CASE("axes with only numbers, only labels or nothing round-trip", "[output][run_file]") {
  TempDir dir;
  RunRecord written;
  written.axes = {{"price_level", {}, {0.5, 1.0, 2.0}, "1", "relative price"},
                  {"member", {"a", "", "ü"}, {}, "", ""},
                  {"empty", {}, {}, "", "no entries"}};
  written.series = {
      {"demand", "t", "demand", {"price_level", "member"}, std::vector<double>(9, 1.5)},
      {"nothing", "1", "over an empty axis", {"empty"}, {}},
      {"count", "1", "a scalar count", {}, {42.0}, true}};
  const std::string path = dir.file("small.h5");
  write_run_file(path, written);
  test::require_same_record(written, read_run_file(path));
}

TEST_CASE("a record with no axes or series round-trips", "[output][run_file]") {
  TempDir dir;
  RunRecord written;
  written.meta.seed = 7;
  const std::string path = dir.file("bare.h5");
  write_run_file(path, written);
  test::require_same_record(written, read_run_file(path));
}

TEST_CASE("a large series is chunked and still reads back exactly", "[output][run_file]") {
  TempDir dir;
  RunRecord written;
  written.axes = {{"time", {}, {}, "days since 1970-01-01", "step"},
                  {"firm", {}, {}, "1", "firm id"}};
  for (int t = 0; t < 150; ++t)
    written.axes[0].values.push_back(19723.0 + 30.0 * t);
  for (int f = 0; f < 3000; ++f)
    written.axes[1].values.push_back(f);
  Series output{"output", "USD", "firm output", {"time", "firm"}, {}};
  output.values.reserve(150 * 3000);
  for (int i = 0; i < 150 * 3000; ++i)
    output.values.push_back(std::sin(i) * 1.0e5);
  written.series = {output};
  const std::string path = dir.file("large.h5");
  write_run_file(path, written);
  test::require_same_record(written, read_run_file(path));
  // Compression must earn its keep on smooth data; 3.6 MB of raw doubles.
  CHECK(std::filesystem::file_size(path) < 150u * 3000u * sizeof(double));
}

TEST_CASE("writing over an existing run file replaces it", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  RunRecord first = test::sample_record();
  write_run_file(path, first);
  RunRecord second = test::sample_record();
  second.meta.seed = 99;
  second.series.pop_back();
  write_run_file(path, second);
  test::require_same_record(second, read_run_file(path));
  CHECK(dir.contents() == std::vector<std::string>{"run.h5"});
}

TEST_CASE("list_series names the series in the order written", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_run_file(path, test::sample_record());
  CHECK(list_series(path) ==
        std::vector<std::string>{"exports", "firms", "welfare_total", "tariff"});
}

TEST_CASE("the order of axes and series is kept, not sorted", "[output][run_file]") {
  TempDir dir;
  RunRecord written;
  written.axes = {{"zeta", {"z"}, {}, "", ""}, {"alpha", {"a"}, {}, "", ""}};
  written.series = {{"zz", "1", "", {"zeta"}, {1.0}}, {"aa", "1", "", {"alpha"}, {2.0}}};
  const std::string path = dir.file("order.h5");
  write_run_file(path, written);
  test::require_same_record(written, read_run_file(path));
}

// Not run by default: writes the sample record where CHOKEPOINT_SAMPLE_RUN_FILE says, for
// looking at the layout with h5ls, h5py or xarray (tests/output/check_run_file.py).
TEST_CASE("write the sample run file for inspection", "[.][sample]") {
  const char* target = std::getenv("CHOKEPOINT_SAMPLE_RUN_FILE");
  REQUIRE(target != nullptr);
  write_run_file(target, test::sample_record());
  test::require_same_record(test::sample_record(), read_run_file(target));
}

}  // namespace
}  // namespace chokepoint
