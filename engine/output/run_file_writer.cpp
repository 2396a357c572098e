#include "chokepoint/output/run_file.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <system_error>
#include <utility>

#include "chokepoint/error.hpp"
#include "output/detail/arrays_file.hpp"
#include "output/detail/created_folders.hpp"
#include "output/detail/hdf5_attributes.hpp"
#include "output/detail/hdf5_datasets.hpp"
#include "output/detail/hdf5_error.hpp"
#include "output/detail/hdf5_handle.hpp"
#include "output/detail/record_checks.hpp"
#include "output/detail/run_file_format.hpp"

namespace chokepoint {

namespace {

namespace fs = std::filesystem;
using namespace output::detail;

// The half-written file is removed on every way out except a successful rename.
class TemporaryFile {
 public:
  explicit TemporaryFile(fs::path path) : path_(std::move(path)) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (owned_) {
      std::error_code ignored;
      fs::remove(path_, ignored);
    }
  }
  const fs::path& path() const { return path_; }
  void take_ownership() { owned_ = true; }
  void release() { owned_ = false; }

 private:
  fs::path path_;
  bool owned_ = false;
};

void write_metadata(hid_t root, const RunMetadata& meta) {
  write_string_attribute(root, kFiletypeAttr, kFiletype);
  write_int_list_attribute(root, kFormatVersionAttr, {kFormatMajor, kFormatMinor});
  write_string_attribute(root, kConventionsAttr, kConventions);
  write_string_attribute(root, "engine_version", meta.engine_version);
  write_string_attribute(root, "git_revision", meta.git_revision);
  write_string_attribute(root, "scenario_name", meta.scenario_name);
  write_string_attribute(root, "scenario_file", meta.scenario_file);
  write_uint64_attribute(root, "seed", meta.seed);
  write_int_attribute(root, "threads", meta.threads);
  write_int_attribute(root, "processes", meta.processes);
  write_string_attribute(root, "started_utc", meta.started_utc);
  write_string_attribute(root, "finished_utc", meta.finished_utc);
  write_double_attribute(root, "wall_seconds", meta.wall_seconds);
  write_string_attribute(root, "calendar_start", meta.calendar_start);
  write_int_attribute(root, "months_per_step", meta.months_per_step);
  write_int_attribute(root, "steps", meta.steps);
  for (const auto& [key, value] : meta.sweep)
    write_string_attribute(root, (kSweepAttrPrefix + key).c_str(), value);

  Dataset scenario = write_scalar_string_dataset(root, kScenarioDataset, meta.resolved_scenario);
  write_string_attribute(scenario.get(), kLongNameAttr, "scenario as resolved for this run (YAML)");
}

void write_units(hid_t dataset, const std::string& units) {
  write_string_attribute(dataset, kUnitsAttr, units);
  if (units.starts_with(kTimeUnitsPrefix)) {
    write_string_attribute(dataset, kCalendarAttr, kCalendar);
  }
}

void make_scale(hid_t dataset, const std::string& name) {
  check_status(H5DSset_scale(dataset, name.c_str()), "H5DSset_scale", "axis '" + name + "'");
}

// Attaches the axis and also labels the dimension with the axis name, so that readers that
// show dimension labels (h5py's `dset.dims[i].label`, HDFView) name it without following the
// scale reference.
void attach_scale(hid_t dataset, hid_t scale, unsigned dimension, const std::string& axis,
                  const std::string& what) {
  check_status(H5DSattach_scale(dataset, scale, dimension), "H5DSattach_scale", what);
  check_status(H5DSset_label(dataset, dimension, axis.c_str()), "H5DSset_label", what);
}

// An axis becomes a netCDF coordinate variable: a 1-D dataset named like its dimension and
// made a dimension scale. Labels beside numbers go to a second dataset over the same dimension.
Dataset write_axis(hid_t root, const Axis& axis) {
  const bool numeric = !axis.values.empty() || axis.labels.empty();
  Dataset dataset = numeric ? write_numeric_dataset(root, axis.name, H5T_IEEE_F64LE,
                                                    H5T_NATIVE_DOUBLE, sizeof(double),
                                                    {axis.values.size()}, axis.values.data(), false)
                            : write_string_dataset(root, axis.name, axis.labels);
  // A label axis has no units; writing none keeps CF tools from trying to interpret "".
  if (numeric || !axis.units.empty()) write_units(dataset.get(), axis.units);
  write_string_attribute(dataset.get(), kLongNameAttr, axis.long_name);
  make_scale(dataset.get(), axis.name);

  if (has_label_dataset(axis)) {
    const std::string label_name = label_dataset_name(axis);
    Dataset labels = write_string_dataset(root, label_name, axis.labels);
    write_string_attribute(
        labels.get(), kLongNameAttr,
        axis.long_name.empty() ? axis.name + " label" : axis.long_name + " (label)");
    attach_scale(labels.get(), dataset.get(), 0, axis.name, "dataset '/" + label_name + "'");
  }
  return dataset;
}

// The label datasets of a series' dimensions, as a CF "coordinates" attribute, so xarray shows
// them as coordinates of the series rather than as unrelated variables.
std::string label_coordinates(const RunRecord& record, const Series& series) {
  std::string coordinates;
  for (std::size_t i = 0; i < series.dims.size(); ++i) {
    const std::string& dim = series.dims[i];
    bool repeated = false;
    for (std::size_t j = 0; j < i; ++j)
      repeated = repeated || series.dims[j] == dim;
    const Axis* axis = record.find_axis(dim);
    if (repeated || axis == nullptr || !has_label_dataset(*axis)) continue;
    if (!coordinates.empty()) coordinates += ' ';
    coordinates += label_dataset_name(*axis);
  }
  return coordinates;
}

void write_series(hid_t root, const RunRecord& record, const Series& series,
                  const std::map<std::string, Dataset>& scales) {
  const std::vector<std::size_t> shape = record.shape_of(series);
  Dataset dataset;
  if (series.integer) {
    // check_writable() has made sure every value is an integer that int64 holds.
    std::vector<std::int64_t> counts(series.values.size());
    std::transform(series.values.begin(), series.values.end(), counts.begin(),
                   [](double v) { return static_cast<std::int64_t>(v); });
    dataset = write_numeric_dataset(root, series.name, H5T_STD_I64LE, H5T_NATIVE_INT64,
                                    sizeof(std::int64_t), shape, counts.data(), true);
  } else {
    dataset = write_numeric_dataset(root, series.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                    sizeof(double), shape, series.values.data(), true);
  }
  write_units(dataset.get(), series.units);
  write_string_attribute(dataset.get(), kLongNameAttr, series.long_name);
  write_string_list_attribute(dataset.get(), kDimsAttr, series.dims);
  const std::string coordinates = label_coordinates(record, series);
  if (!coordinates.empty()) write_string_attribute(dataset.get(), kCoordinatesAttr, coordinates);
  for (std::size_t i = 0; i < series.dims.size(); ++i) {
    attach_scale(dataset.get(), scales.at(series.dims[i]).get(), static_cast<unsigned>(i),
                 series.dims[i],
                 "dimension " + std::to_string(i) + " of series '/" + series.name + "'");
  }
}

void write_contents(hid_t file, const RunRecord& record,
                    const std::function<void(hid_t root)>& write_root) {
  Group root(check_id(H5Gopen2(file, "/", H5P_DEFAULT), "H5Gopen2", "'/'"));
  write_root(root.get());
  std::map<std::string, Dataset> scales;
  for (const Axis& axis : record.axes)
    scales.emplace(axis.name, write_axis(root.get(), axis));
  for (const Series& series : record.series)
    write_series(root.get(), record, series, scales);
}

}  // namespace

namespace output::detail {

void write_arrays_file(const std::string& path, const RunRecord& record,
                       const std::function<void(hid_t root)>& write_root,
                       const std::string& context) {
  try {
    if (path.empty()) throw OutputError("the path is empty");
    // A bad record fails here, before any directory or file exists.
    check_writable(record);
    const fs::path final_path(path);
    CreatedFolders folders(final_path.parent_path());
    TemporaryFile temporary(fs::path(path + ".tmp"));
    QuietHdf5Errors quiet;
    {
      // Never delete a directory someone left under our temporary name; H5Fcreate will fail.
      if (!fs::is_directory(temporary.path())) temporary.take_ownership();
      File file = create_ordered_file(temporary.path().string());
      write_contents(file.get(), record, write_root);
      // Closing flushes everything to disk, so it is where a full disk shows up.
      check_status(file.close(), "H5Fclose", "'" + temporary.path().string() + "'");
    }
    fs::rename(temporary.path(), final_path);
    temporary.release();
    folders.keep();
  } catch (const OutputError& e) {
    throw OutputError(context + e.what());
  } catch (const fs::filesystem_error& e) {
    throw OutputError(context + e.what());
  }
}

}  // namespace output::detail

void write_run_file(const std::string& path, const RunRecord& record) {
  output::detail::write_arrays_file(
      path, record, [&](hid_t root) { write_metadata(root, record.meta); },
      "cannot write run file '" + path + "': ");
}

}  // namespace chokepoint
