// The file as other tools see it: read with the plain HDF5 C API, not with our reader, so a
// mistake the writer and reader share cannot hide. These are the promises docs/OUTPUT_FORMAT.md
// makes to h5py, pandas and xarray users.

#include <hdf5.h>
#include <hdf5_hl.h>

#include <array>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "chokepoint/output/run_file.hpp"
#include "output/detail/hdf5_attributes.hpp"
#include "output/detail/hdf5_datasets.hpp"
#include "output/detail/hdf5_handle.hpp"
#include "output/run_file_fixtures.hpp"

namespace chokepoint {
namespace {

using output::detail::Dataset;
using output::detail::Datatype;
using output::detail::File;
using output::detail::PropertyList;

class SampleFile {
 public:
  SampleFile() : path_(dir_.file("run.h5")) {
    write_run_file(path_, test::sample_record());
    file_ = File(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    REQUIRE(file_.valid());
  }
  hid_t root() const { return file_.get(); }
  Dataset open(const std::string& name) const {
    Dataset dataset(H5Dopen2(file_.get(), name.c_str(), H5P_DEFAULT));
    REQUIRE(dataset.valid());
    return dataset;
  }

 private:
  test::TempDir dir_;
  std::string path_;
  File file_;
};

std::string text_attribute(hid_t object, const char* name) {
  return output::detail::read_string_attribute(object, name, "test");
}

H5T_class_t attribute_class(hid_t object, const char* name) {
  output::detail::Attribute attribute(H5Aopen(object, name, H5P_DEFAULT));
  REQUIRE(attribute.valid());
  Datatype type(H5Aget_type(attribute.get()));
  return H5Tget_class(type.get());
}

TEST_CASE("root attributes describe the file and the run", "[output][layout]") {
  SampleFile file;
  const RunMetadata meta = test::sample_record().meta;
  CHECK(text_attribute(file.root(), "filetype") == "chokepoint-run");
  CHECK(output::detail::read_int_list_attribute(file.root(), "format_version", "/") ==
        std::vector<std::int64_t>{1, 0});
  CHECK(text_attribute(file.root(), "Conventions") == "CF-1.8");
  CHECK(text_attribute(file.root(), "engine_version") == meta.engine_version);
  CHECK(text_attribute(file.root(), "git_revision") == meta.git_revision);
  CHECK(text_attribute(file.root(), "scenario_name") == meta.scenario_name);
  CHECK(text_attribute(file.root(), "scenario_file") == meta.scenario_file);
  CHECK(text_attribute(file.root(), "started_utc") == meta.started_utc);
  CHECK(text_attribute(file.root(), "finished_utc") == meta.finished_utc);
  CHECK(text_attribute(file.root(), "calendar_start") == meta.calendar_start);
  for (const char* name : {"threads", "processes", "months_per_step", "steps", "seed"}) {
    INFO(name);
    CHECK(attribute_class(file.root(), name) == H5T_INTEGER);
  }
  CHECK(attribute_class(file.root(), "wall_seconds") == H5T_FLOAT);
  // The seed is unsigned 64-bit: every seed a user can give is stored as given.
  output::detail::Attribute seed(H5Aopen(file.root(), "seed", H5P_DEFAULT));
  Datatype seed_type(H5Aget_type(seed.get()));
  CHECK(H5Tget_size(seed_type.get()) == 8);
  CHECK(H5Tget_sign(seed_type.get()) == H5T_SGN_NONE);
}

TEST_CASE("the resolved scenario is a scalar UTF-8 string dataset", "[output][layout]") {
  SampleFile file;
  Dataset scenario = file.open("scenario_yaml");
  Datatype type(H5Dget_type(scenario.get()));
  CHECK(H5Tget_class(type.get()) == H5T_STRING);
  CHECK(H5Tis_variable_str(type.get()) > 0);
  CHECK(H5Tget_cset(type.get()) == H5T_CSET_UTF8);
  CHECK(output::detail::dataset_shape(scenario.get(), "scenario_yaml").empty());
  CHECK(output::detail::read_string_dataset(scenario.get(), "scenario_yaml") ==
        std::vector<std::string>{test::sample_record().meta.resolved_scenario});
}

TEST_CASE("every series has units, long_name, dims and attached dimension scales",
          "[output][layout]") {
  SampleFile file;
  const RunRecord record = test::sample_record();
  for (const Series& series : record.series) {
    INFO("series " << series.name);
    Dataset dataset = file.open(series.name);
    CHECK(text_attribute(dataset.get(), "units") == series.units);
    CHECK(text_attribute(dataset.get(), "long_name") == series.long_name);
    CHECK(output::detail::read_string_list_attribute(dataset.get(), "dims", "test") == series.dims);
    CHECK(output::detail::dataset_shape(dataset.get(), series.name).size() == series.dims.size());
    for (std::size_t i = 0; i < series.dims.size(); ++i) {
      Dataset scale = file.open(series.dims[i]);
      CHECK(H5DSget_num_scales(dataset.get(), static_cast<unsigned>(i)) == 1);
      CHECK(H5DSis_attached(dataset.get(), scale.get(), static_cast<unsigned>(i)) > 0);
    }
    Datatype type(H5Dget_type(dataset.get()));
    CHECK(H5Tget_class(type.get()) == (series.integer ? H5T_INTEGER : H5T_FLOAT));
    CHECK(H5Tget_size(type.get()) == 8);
  }
}

TEST_CASE("axes are dimension scales named after themselves", "[output][layout]") {
  SampleFile file;
  for (const Axis& axis : test::sample_record().axes) {
    INFO("axis " << axis.name);
    Dataset dataset = file.open(axis.name);
    CHECK(H5DSis_scale(dataset.get()) > 0);
    std::array<char, 64> name{};
    CHECK(H5DSget_scale_name(dataset.get(), name.data(), name.size()) > 0);
    CHECK(std::string(name.data()) == axis.name);
    CHECK(text_attribute(dataset.get(), "long_name") == axis.long_name);
  }
  // Time is a CF time coordinate: numbers with units and a calendar.
  Dataset time = file.open("time");
  CHECK(text_attribute(time.get(), "units") == "days since 1970-01-01");
  CHECK(text_attribute(time.get(), "calendar") == "standard");
  Datatype time_type(H5Dget_type(time.get()));
  CHECK(H5Tget_class(time_type.get()) == H5T_FLOAT);
  // Label axes hold UTF-8 text and no units.
  Dataset state = file.open("state");
  Datatype state_type(H5Dget_type(state.get()));
  CHECK(H5Tget_class(state_type.get()) == H5T_STRING);
  CHECK(H5Tget_cset(state_type.get()) == H5T_CSET_UTF8);
  CHECK(H5Aexists(state.get(), "units") == 0);
}

TEST_CASE("labels of a numeric axis sit beside it over the same dimension", "[output][layout]") {
  SampleFile file;
  Dataset labels = file.open("time_label");
  Dataset time = file.open("time");
  CHECK(H5DSis_scale(labels.get()) == 0);
  CHECK(H5DSis_attached(labels.get(), time.get(), 0) > 0);
  CHECK(output::detail::read_string_dataset(labels.get(), "time_label") ==
        std::vector<std::string>{"2024-01", "2024-02", "2024-03"});
  // CF's "coordinates" makes xarray show the labels as a coordinate of series over time.
  Dataset exports = file.open("exports");
  CHECK(text_attribute(exports.get(), "coordinates") == "time_label");
  Dataset tariff = file.open("tariff");
  CHECK(H5Aexists(tariff.get(), "coordinates") == 0);
}

TEST_CASE("series are chunked and compressed, scalars are not", "[output][layout]") {
  SampleFile file;
  Dataset exports = file.open("exports");
  PropertyList creation(H5Dget_create_plist(exports.get()));
  REQUIRE(H5Pget_layout(creation.get()) == H5D_CHUNKED);
  std::array<hsize_t, 3> chunk{};
  REQUIRE(H5Pget_chunk(creation.get(), 3, chunk.data()) == 3);
  CHECK(chunk == std::array<hsize_t, 3>{3, 4, 5});
  REQUIRE(H5Pget_nfilters(creation.get()) == 2);
  unsigned flags = 0;
  std::size_t count = 1;
  std::array<unsigned, 1> level{};
  CHECK(H5Pget_filter2(creation.get(), 0, &flags, &count, level.data(), 0, nullptr, nullptr) ==
        H5Z_FILTER_SHUFFLE);
  count = 1;
  CHECK(H5Pget_filter2(creation.get(), 1, &flags, &count, level.data(), 0, nullptr, nullptr) ==
        H5Z_FILTER_DEFLATE);
  CHECK(level[0] == 4);

  Dataset welfare = file.open("welfare_total");
  PropertyList scalar_creation(H5Dget_create_plist(welfare.get()));
  CHECK(H5Pget_layout(scalar_creation.get()) != H5D_CHUNKED);
}

}  // namespace
}  // namespace chokepoint
