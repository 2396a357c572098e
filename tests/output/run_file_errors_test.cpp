// Failures are OutputErrors that say which file and what went wrong, HDF5 prints nothing of its
// own, and a failed write leaves no file (and no temporary file) behind.

#include <hdf5.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "chokepoint/error.hpp"
#include "chokepoint/output/run_file.hpp"
#include "output/detail/hdf5_attributes.hpp"
#include "output/detail/hdf5_handle.hpp"
#include "output/run_file_fixtures.hpp"

namespace chokepoint {
namespace {

using Catch::Matchers::Contains;
using test::StderrCapture;
using test::TempDir;

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

TEST_CASE("writing under a path that cannot exist throws and leaves nothing",
          "[output][run_file]") {
  TempDir dir;
  write_text(dir.file("blocker"), "a file where a directory would have to be\n");
  const std::string path = dir.file("blocker/sub/run.h5");
  StderrCapture stderr_text;
  REQUIRE_THROWS_AS(write_run_file(path, test::sample_record()), OutputError);
  CHECK_THROWS_WITH(write_run_file(path, test::sample_record()),
                    Contains("cannot write run file '" + path + "'"));
  CHECK(stderr_text.text().empty());
  CHECK(dir.contents() == std::vector<std::string>{"blocker"});
}

TEST_CASE("a failing HDF5 call is named in the error, and HDF5 prints nothing",
          "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  // A directory where the temporary file should go makes H5Fcreate itself fail.
  std::filesystem::create_directory(path + ".tmp");
  StderrCapture stderr_text;
  std::string message;
  try {
    write_run_file(path, test::sample_record());
  } catch (const OutputError& e) {
    message = e.what();
  }
  CHECK(stderr_text.text().empty());
  CHECK_THAT(message, Contains("cannot write run file '" + path + "'"));
  CHECK_THAT(message, Contains("H5Fcreate failed"));
  CHECK_THAT(message, Contains("unable to"));  // HDF5's own description comes along
  // The directory was not ours to remove, and no final file appeared.
  CHECK(dir.contents() == std::vector<std::string>{"run.h5.tmp"});
}

TEST_CASE("a write that fails at the rename leaves no temporary file", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("taken");
  // rename() cannot put a file over a directory: the write completes, the rename fails.
  std::filesystem::create_directory(path);
  REQUIRE_THROWS_AS(write_run_file(path, test::sample_record()), OutputError);
  CHECK(dir.contents() == std::vector<std::string>{"taken"});
  CHECK(std::filesystem::is_directory(path));
}

TEST_CASE("a record that cannot be stored is refused before anything is written",
          "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("new_dir/run.h5");
  RunRecord record = test::sample_record();
  std::string expected;

  SECTION("too few values for the shape") {
    record.series[0].values.pop_back();
    expected =
        "series 'exports' has 59 values but its shape time(3) x sector(4) x state(5) "
        "needs 60";
  }
  SECTION("a series over an unknown axis") {
    record.series[1].dims[1] = "country";
    expected = "series 'firms' is over axis 'country', which the record does not have";
  }
  SECTION("a scalar series with two values") {
    record.series[2].values.push_back(1.0);
    expected = "series 'welfare_total' has 2 values but its shape (scalar) needs 1";
  }
  SECTION("an integer series holding a fraction") {
    record.series[1].values[3] = 2.5;
    expected = "integer series 'firms' holds 2.500000 at flat index 3";
  }
  SECTION("an integer series holding NaN") {
    record.series[1].values[0] = std::numeric_limits<double>::quiet_NaN();
    expected = "integer series 'firms' holds nan at flat index 0";
  }
  SECTION("an integer series holding 2^63") {
    record.series[1].values[0] = 9223372036854775808.0;
    expected = "integer series 'firms' holds 9223372036854775808";
  }
  SECTION("two series with one name") {
    record.series[3].name = "exports";
    expected = "series 'exports': the name is already used";
  }
  SECTION("a series named like an axis") {
    record.series[3].name = "sector";
    expected = "series 'sector': the name is already used";
  }
  SECTION("a series named like the labels of an axis") {
    record.series[3].name = "time_label";
    expected = "series 'time_label': the name is already used";
  }
  SECTION("a series named like the scenario dataset") {
    record.series[3].name = "scenario_yaml";
    expected = "series 'scenario_yaml': the name is already used";
  }
  SECTION("a name with a slash") {
    record.series[3].name = "trade/bilateral";
    expected = "names may not contain '/'";
  }
  SECTION("an empty axis name") {
    record.axes[2].name = "";
    expected = "axis has an empty name";
  }
  SECTION("an axis with more labels than values") {
    record.axes[0].labels.push_back("2024-04");
    expected = "axis 'time' has 3 values but 4 labels";
  }
  REQUIRE_THROWS_AS(write_run_file(path, record), OutputError);
  CHECK_THROWS_WITH(write_run_file(path, record),
                    Contains("cannot write run file '" + path + "'") && Contains(expected));
  CHECK(dir.contents().empty());
}

TEST_CASE("a failed write keeps the previous file intact", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const RunRecord good = test::sample_record();
  write_run_file(path, good);
  RunRecord bad = good;
  bad.series[0].values.clear();
  REQUIRE_THROWS_AS(write_run_file(path, bad), OutputError);
  test::require_same_record(good, read_run_file(path));
  CHECK(dir.contents() == std::vector<std::string>{"run.h5"});
}

TEST_CASE("reading a missing file names it", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("absent.h5");
  REQUIRE_THROWS_AS(read_run_file(path), OutputError);
  CHECK_THROWS_WITH(read_run_file(path),
                    Contains("cannot read run file '" + path + "'") && Contains("no such file"));
  CHECK_THROWS_AS(list_series(path), OutputError);
}

TEST_CASE("reading a text file says it is not HDF5", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("notes.h5");
  write_text(path, "exports,firms\n1,2\n");
  StderrCapture stderr_text;
  REQUIRE_THROWS_AS(read_run_file(path), OutputError);
  CHECK_THROWS_WITH(read_run_file(path), Contains("cannot read run file '" + path + "'") &&
                                             Contains("not an HDF5 file"));
  CHECK(stderr_text.text().empty());
}

TEST_CASE("reading a directory is refused", "[output][run_file]") {
  TempDir dir;
  CHECK_THROWS_WITH(read_run_file(dir.path().string()), Contains("is a directory"));
}

// Opens a valid run file for editing, so a test can break one thing in it.
class EditableRunFile {
 public:
  explicit EditableRunFile(const std::string& path)
      : file_(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT)) {
    REQUIRE(file_.valid());
  }
  void remove_attribute(const char* name) { REQUIRE(H5Adelete(file_.get(), name) >= 0); }
  hid_t root() const { return file_.get(); }

 private:
  output::detail::File file_;
};

TEST_CASE("reading an HDF5 file that is not a run file is refused", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("other.h5");
  write_run_file(path, test::sample_record());
  std::string expected;
  {
    EditableRunFile file(path);
    SECTION("another filetype") {
      file.remove_attribute("filetype");
      output::detail::write_string_attribute(file.root(), "filetype", "openmc-statepoint");
      expected = "filetype is 'openmc-statepoint', but a Chokepoint run file has 'chokepoint-run'";
    }
    SECTION("no filetype at all") {
      file.remove_attribute("filetype");
      expected = "without a 'filetype' attribute";
    }
    SECTION("a newer major version") {
      file.remove_attribute("format_version");
      output::detail::write_int_list_attribute(file.root(), "format_version", {2, 0});
      expected = "format version 2.0 is not one this engine reads (it reads 1.0 to 1.0)";
    }
    SECTION("a newer minor version") {
      file.remove_attribute("format_version");
      output::detail::write_int_list_attribute(file.root(), "format_version", {1, 1});
      expected = "format version 1.1 is not one this engine reads";
    }
    SECTION("a version that is not [major, minor]") {
      file.remove_attribute("format_version");
      output::detail::write_int_list_attribute(file.root(), "format_version", {1});
      expected = "must be [major, minor]";
    }
    SECTION("a missing metadata attribute") {
      file.remove_attribute("seed");
      expected = "missing attribute 'seed' of '/'";
    }
  }
  StderrCapture stderr_text;
  REQUIRE_THROWS_AS(read_run_file(path), OutputError);
  CHECK_THROWS_WITH(read_run_file(path), Contains(expected));
  CHECK(stderr_text.text().empty());
}

TEST_CASE("a file whose series disagrees with its axes is refused", "[output][run_file]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_run_file(path, test::sample_record());
  {
    output::detail::File file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
    REQUIRE(file.valid());
    output::detail::Dataset tariff(H5Dopen2(file.get(), "tariff", H5P_DEFAULT));
    REQUIRE(H5Adelete(tariff.get(), "dims") >= 0);
    output::detail::write_string_list_attribute(tariff.get(), "dims", {"state", "sector"});
  }
  CHECK_THROWS_WITH(read_run_file(path),
                    Contains("series '/tariff' does not have the shape its 'dims' attribute"));
}

// Counts calls, to show the caller's HDF5 error handler is back in place afterwards.
herr_t counting_handler(hid_t, void* calls) {
  ++*static_cast<int*>(calls);
  return 0;
}

TEST_CASE("the caller's HDF5 error handler is restored", "[output][run_file]") {
  TempDir dir;
  int calls = 0;
  H5E_auto2_t saved_func = nullptr;
  void* saved_data = nullptr;
  REQUIRE(H5Eget_auto2(H5E_DEFAULT, &saved_func, &saved_data) >= 0);
  REQUIRE(H5Eset_auto2(H5E_DEFAULT, counting_handler, &calls) >= 0);

  const std::string path = dir.file("run.h5");
  std::filesystem::create_directory(path + ".tmp");
  CHECK_THROWS_AS(write_run_file(path, test::sample_record()), OutputError);
  CHECK(calls == 0);  // silenced while the writer ran
  H5E_auto2_t func = nullptr;
  void* data = nullptr;
  REQUIRE(H5Eget_auto2(H5E_DEFAULT, &func, &data) >= 0);
  CHECK(func == &counting_handler);
  CHECK(data == &calls);

  H5Eset_auto2(H5E_DEFAULT, saved_func, saved_data);
}

}  // namespace
}  // namespace chokepoint
