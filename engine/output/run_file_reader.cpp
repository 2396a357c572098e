#include "chokepoint/output/run_file.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <system_error>
#include <utility>

#include "chokepoint/error.hpp"
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
using Object = Handle<H5Oclose>;

constexpr const char* kRoot = "/";

// A version this reader understands: the same major version, and a minor version no newer
// than its own (a newer minor version may hold things this reader would silently drop).
void check_identity(hid_t root) {
  if (!has_attribute(root, kFiletypeAttr)) {
    throw OutputError("an HDF5 file without a 'filetype' attribute, so not a Chokepoint run file");
  }
  const std::string filetype = read_string_attribute(root, kFiletypeAttr, kRoot);
  if (filetype != kFiletype) {
    throw OutputError("filetype is '" + filetype + "', but a Chokepoint run file has '" +
                      std::string(kFiletype) + "'");
  }
  const std::vector<std::int64_t> version =
      read_int_list_attribute(root, kFormatVersionAttr, kRoot);
  if (version.size() != 2) {
    throw OutputError("attribute 'format_version' of '/' must be [major, minor], found " +
                      std::to_string(version.size()) + " numbers");
  }
  const std::string found = std::to_string(version[0]) + "." + std::to_string(version[1]);
  const std::string readable = std::to_string(kFormatMajor) + ".0 to " +
                               std::to_string(kFormatMajor) + "." + std::to_string(kFormatMinor);
  if (version[0] != kFormatMajor || version[1] < 0 || version[1] > kFormatMinor) {
    throw OutputError("format version " + found + " is not one this engine reads (it reads " +
                      readable + "); read it with the engine version that wrote it");
  }
}

struct OpenRunFile {
  File file;
  Group root;
};

OpenRunFile open_run_file(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) throw OutputError("no such file");
  if (fs::is_directory(path, error)) throw OutputError("it is a directory, not a file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 == 0) throw OutputError("not an HDF5 file, so not a Chokepoint run file");
  check_tri(is_hdf5, "H5Fis_hdf5", "'" + path + "'");
  OpenRunFile run;
  run.file = File(
      check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", "'" + path + "'"));
  run.root = Group(check_id(H5Gopen2(run.file.get(), kRoot, H5P_DEFAULT), "H5Gopen2", "'/'"));
  check_identity(run.root.get());
  return run;
}

// Names of the datasets at the root, in creation order when the file tracks it.
std::vector<std::string> dataset_names(hid_t root) {
  H5G_info_t info{};
  check_status(H5Gget_info(root, &info), "H5Gget_info", "'/'");
  PropertyList creation(check_id(H5Gget_create_plist(root), "H5Gget_create_plist", "'/'"));
  unsigned order_flags = 0;
  check_status(H5Pget_link_creation_order(creation.get(), &order_flags),
               "H5Pget_link_creation_order", "'/'");
  const H5_index_t index =
      (order_flags & H5P_CRT_ORDER_INDEXED) != 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;

  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length =
        H5Lget_name_by_idx(root, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0) throw_hdf5_failure("H5Lget_name_by_idx", "'/'");
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    if (H5Lget_name_by_idx(root, ".", index, H5_ITER_INC, i, name.data(), name.size(),
                           H5P_DEFAULT) < 0) {
      throw_hdf5_failure("H5Lget_name_by_idx", "'/'");
    }
    name.resize(static_cast<std::size_t>(length));
    Object object(check_id(H5Oopen(root, name.c_str(), H5P_DEFAULT), "H5Oopen", "'/" + name + "'"));
    if (H5Iget_type(object.get()) != H5I_DATASET) {
      throw OutputError("'/" + name + "' is not a dataset; a run file holds only datasets");
    }
    names.push_back(std::move(name));
  }
  return names;
}

// Root attributes named "sweep_<key>", by key.
std::map<std::string, std::string> read_sweep_attributes(hid_t root) {
  std::vector<std::string> names;
  const auto collect = [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  check_status(H5Aiterate2(root, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names),
               "H5Aiterate2", "'/'");
  std::map<std::string, std::string> sweep;
  const std::string prefix = kSweepAttrPrefix;
  for (const std::string& name : names)
    if (name.starts_with(prefix))
      sweep[name.substr(prefix.size())] = read_string_attribute(root, name.c_str(), kRoot);
  return sweep;
}

int narrow_to_int(std::int64_t value, const char* name) {
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    throw OutputError("attribute '" + std::string(name) +
                      "' of '/' is out of range: " + std::to_string(value));
  }
  return static_cast<int>(value);
}

RunMetadata read_metadata(hid_t root) {
  const auto text = [&](const char* name) { return read_string_attribute(root, name, kRoot); };
  const auto number = [&](const char* name) {
    return narrow_to_int(read_int_attribute(root, name, kRoot), name);
  };
  RunMetadata meta;
  meta.engine_version = text("engine_version");
  meta.git_revision = text("git_revision");
  meta.scenario_name = text("scenario_name");
  meta.scenario_file = text("scenario_file");
  meta.seed = read_uint64_attribute(root, "seed", kRoot);
  meta.threads = number("threads");
  meta.processes = number("processes");
  meta.started_utc = text("started_utc");
  meta.finished_utc = text("finished_utc");
  meta.wall_seconds = read_double_attribute(root, "wall_seconds", kRoot);
  meta.calendar_start = text("calendar_start");
  meta.months_per_step = number("months_per_step");
  meta.steps = number("steps");
  meta.sweep = read_sweep_attributes(root);
  return meta;
}

// What one root dataset is, from what is stored rather than from its name.
enum class Role { kScenario, kAxis, kAxisLabels, kSeries };

Role role_of(hid_t dataset, const std::string& name) {
  if (name == kScenarioDataset) return Role::kScenario;
  if (check_tri(H5DSis_scale(dataset), "H5DSis_scale", "'/" + name + "'")) return Role::kAxis;
  switch (dataset_class(dataset, name)) {
    case H5T_STRING:
      return Role::kAxisLabels;
    case H5T_INTEGER:
    case H5T_FLOAT:
      return Role::kSeries;
    default:
      throw OutputError("dataset '/" + name + "' is neither text nor numbers");
  }
}

void require_one_dimension(hid_t dataset, const std::string& name) {
  if (dataset_shape(dataset, name).size() != 1) {
    throw OutputError("dataset '/" + name + "' should be one-dimensional");
  }
}

Axis read_axis(hid_t dataset, const std::string& name) {
  require_one_dimension(dataset, name);
  const std::string owner = "/" + name;
  Axis axis;
  axis.name = name;
  axis.units = read_optional_string_attribute(dataset, kUnitsAttr, owner);
  axis.long_name = read_optional_string_attribute(dataset, kLongNameAttr, owner);
  const H5T_class_t type_class = dataset_class(dataset, name);
  if (type_class == H5T_FLOAT) {
    axis.values = read_doubles(dataset, name);
  } else if (type_class == H5T_STRING) {
    axis.labels = read_string_dataset(dataset, name);
  } else {
    throw OutputError("axis '/" + name + "' holds neither floating-point numbers nor text");
  }
  return axis;
}

Series read_series(hid_t dataset, const std::string& name) {
  const std::string owner = "/" + name;
  Series series;
  series.name = name;
  series.units = read_string_attribute(dataset, kUnitsAttr, owner);
  series.long_name = read_string_attribute(dataset, kLongNameAttr, owner);
  series.dims = read_string_list_attribute(dataset, kDimsAttr, owner);
  series.integer = dataset_class(dataset, name) == H5T_INTEGER;
  if (series.integer) {
    const std::vector<std::int64_t> counts = read_int64s(dataset, name);
    series.values.reserve(counts.size());
    for (std::int64_t count : counts)
      series.values.push_back(static_cast<double>(count));
  } else {
    series.values = read_doubles(dataset, name);
  }
  return series;
}

void attach_labels(RunRecord& record, const std::string& name, std::vector<std::string> labels) {
  for (Axis& axis : record.axes) {
    if (label_dataset_name(axis) != name) continue;
    if (axis.values.empty() || !axis.labels.empty() || labels.size() != axis.values.size()) {
      throw OutputError("dataset '/" + name + "' does not match axis '" + axis.name +
                        "' (labels go with a numeric axis, one per value)");
    }
    axis.labels = std::move(labels);
    return;
  }
  throw OutputError("text dataset '/" + name + "' is neither an axis nor the labels of one");
}

// Every series must lie over axes of the file, with the extents those axes have.
void check_shapes(hid_t root, const RunRecord& record) {
  for (const Series& series : record.series) {
    Dataset dataset = open_dataset(root, series.name);
    if (dataset_shape(dataset.get(), series.name) != record.shape_of(series)) {
      throw OutputError("series '/" + series.name +
                        "' does not have the shape its 'dims' attribute and axes give it");
    }
  }
}

RunRecord read_record(hid_t root) {
  RunRecord record;
  record.meta = read_metadata(root);
  bool has_scenario = false;
  std::vector<std::pair<std::string, std::vector<std::string>>> label_sets;
  for (const std::string& name : dataset_names(root)) {
    Dataset dataset = open_dataset(root, name);
    switch (role_of(dataset.get(), name)) {
      case Role::kScenario: {
        std::vector<std::string> text = read_string_dataset(dataset.get(), name);
        if (text.size() != 1) throw OutputError("dataset '/" + name + "' must hold one string");
        record.meta.resolved_scenario = std::move(text.front());
        has_scenario = true;
        break;
      }
      case Role::kAxis:
        record.axes.push_back(read_axis(dataset.get(), name));
        break;
      case Role::kAxisLabels:
        require_one_dimension(dataset.get(), name);
        label_sets.emplace_back(name, read_string_dataset(dataset.get(), name));
        break;
      case Role::kSeries:
        record.series.push_back(read_series(dataset.get(), name));
        break;
    }
  }
  if (!has_scenario) throw OutputError("missing dataset '/" + std::string(kScenarioDataset) + "'");
  for (auto& [name, labels] : label_sets)
    attach_labels(record, name, std::move(labels));
  check_shapes(root, record);
  return record;
}

}  // namespace

RunRecord read_run_file(const std::string& path) {
  QuietHdf5Errors quiet;
  try {
    OpenRunFile run = open_run_file(path);
    return read_record(run.root.get());
  } catch (const OutputError& e) {
    throw OutputError("cannot read run file '" + path + "': " + e.what());
  }
}

std::map<std::string, std::string> read_sweep_annotations(const std::string& path) {
  QuietHdf5Errors quiet;
  try {
    OpenRunFile run = open_run_file(path);
    return read_sweep_attributes(run.root.get());
  } catch (const OutputError&) {
    return {};
  }
}

std::vector<std::string> list_series(const std::string& path) {
  QuietHdf5Errors quiet;
  try {
    OpenRunFile run = open_run_file(path);
    std::vector<std::string> series;
    for (const std::string& name : dataset_names(run.root.get())) {
      Dataset dataset = open_dataset(run.root.get(), name);
      if (role_of(dataset.get(), name) == Role::kSeries) series.push_back(name);
    }
    return series;
  } catch (const OutputError& e) {
    throw OutputError("cannot read run file '" + path + "': " + e.what());
  }
}

}  // namespace chokepoint
