#include "chokepoint/sweep/sensitivity_report.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "chokepoint/error.hpp"
#include "chokepoint/sweep/sensitivity.hpp"
#include "output/detail/hdf5_attributes.hpp"
#include "output/detail/hdf5_datasets.hpp"
#include "output/detail/hdf5_error.hpp"
#include "output/detail/hdf5_handle.hpp"

namespace chokepoint {

namespace {

using namespace output::detail;

std::uint64_t attribute_number(hid_t root, const std::string& name) {
  return std::stoull(read_string_attribute(root, name.c_str(), "/"));
}

SweepDesign design_named(const std::string& name) {
  for (SweepDesign d :
       {SweepDesign::Grid, SweepDesign::Zip, SweepDesign::Random, SweepDesign::LatinHypercube,
        SweepDesign::Sobol, SweepDesign::Morris, SweepDesign::Saltelli})
    if (name == design_name(d)) return d;
  throw OutputError("unknown design \"" + name + "\"");
}

// Mean of the replicates of each point, in point order.
std::vector<double> point_means(const SweepSummaryData& data, std::size_t points) {
  std::vector<double> sum(points, 0.0), count(points, 0.0);
  for (std::size_t r = 0; r < data.point.size(); ++r) {
    if (data.point[r] >= points)
      throw Error("run with point " + std::to_string(data.point[r]) + " outside the design's " +
                  std::to_string(points));
    sum[data.point[r]] += data.value[r];
    count[data.point[r]] += 1.0;
  }
  for (std::size_t p = 0; p < points; ++p) {
    if (count[p] == 0.0) throw Error("point " + std::to_string(p) + " has no run in the summary");
    sum[p] /= count[p];
  }
  return sum;
}

}  // namespace

SweepSummaryData read_sweep_summary(const std::string& path, const std::string& output) {
  QuietHdf5Errors quiet;
  const std::string what = "'" + path + "'";
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw OutputError("no sweep summary at " + path);
  if (H5Fis_hdf5(path.c_str()) <= 0)
    throw OutputError(path + " is not an HDF5 file (give the sweep's summary.h5)");
  File file(check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", what));
  Group root(check_id(H5Gopen2(file.get(), "/", H5P_DEFAULT), "H5Gopen2", what));
  if (!has_attribute(root.get(), "filetype") ||
      read_string_attribute(root.get(), "filetype", "/") != "chokepoint-sweep-summary")
    throw OutputError(path + " is not a Chokepoint sweep summary");
  SweepSummaryData data;
  data.design = design_named(read_string_attribute(root.get(), "design", "/"));
  data.samples = attribute_number(root.get(), "samples");
  data.levels = static_cast<std::uint32_t>(attribute_number(root.get(), "levels"));
  data.design_seed = attribute_number(root.get(), "design_seed");
  data.replicates = static_cast<std::uint32_t>(attribute_number(root.get(), "replicates"));
  const std::uint64_t axes = attribute_number(root.get(), "axes");
  for (std::uint64_t a = 0; a < axes; ++a) {
    const std::string prefix = "axis" + std::to_string(a) + "_";
    SweepAxis axis;
    axis.key = read_string_attribute(root.get(), (prefix + "key").c_str(), "/");
    if (has_attribute(root.get(), (prefix + "low").c_str())) {
      axis.interval = true;
      axis.low = std::stod(read_string_attribute(root.get(), (prefix + "low").c_str(), "/"));
      axis.high = std::stod(read_string_attribute(root.get(), (prefix + "high").c_str(), "/"));
    }
    data.axes.push_back(axis);
  }
  data.output = output;
  if (H5Lexists(root.get(), output.c_str(), H5P_DEFAULT) <= 0)
    throw Error("the summary has no outcome \"" + output +
                "\" (outcomes: focus_share_last_year, price_index_last_year, "
                "shortage_cumulative, hub_volume_peak, ... as in summary.csv's header)");
  Dataset values = open_dataset(root.get(), output);
  data.value = read_doubles(values.get(), output);
  data.output_units = read_optional_string_attribute(values.get(), "units", output);
  Dataset points = open_dataset(root.get(), "point");
  for (std::int64_t p : read_int64s(points.get(), "point"))
    data.point.push_back(static_cast<std::size_t>(p));
  return data;
}

SensitivityReport analyse_sensitivity(const SweepSummaryData& data) {
  SensitivityReport report;
  report.output = data.output;
  report.output_units = data.output_units;
  report.runs = data.value.size();
  const std::size_t d = data.axes.size();
  for (double v : data.value)
    if (std::isnan(v))
      throw Error("outcome " + data.output + " is NaN in some runs; choose another outcome");
  if (data.design == SweepDesign::Morris) {
    report.method = "morris";
    const sweep::MorrisDesign design =
        sweep::morris_design(data.samples, d, data.levels, data.design_seed);
    report.points = design.points.size();
    const std::vector<double> means = point_means(data, report.points);
    const std::vector<sweep::MorrisIndex> indices = sweep::morris_indices(design, means);
    for (std::size_t i = 0; i < d; ++i) {
      // Effects are per unit of the [0, 1] range, i.e. over the parameter's whole range;
      // divided by the range, per unit of the parameter itself.
      const double range = data.axes[i].high - data.axes[i].low;
      SensitivityRow row;
      row.factor = data.axes[i].key;
      row.first = indices[i].mu_star;
      row.second = indices[i].mu;
      row.third = indices[i].sigma;
      row.per_unit = indices[i].mu_star / range;
      report.rows.push_back(row);
    }
    std::stable_sort(
        report.rows.begin(), report.rows.end(),
        [](const SensitivityRow& a, const SensitivityRow& b) { return a.first > b.first; });
  } else if (data.design == SweepDesign::Saltelli) {
    report.method = "sobol";
    report.points = data.samples * (d + 2);
    const std::vector<double> means = point_means(data, report.points);
    const sweep::SobolIndices indices = sweep::sobol_indices(data.samples, d, means);
    for (std::size_t i = 0; i < d; ++i) {
      const sweep::SobolIndex& index = indices.factors[i];
      SensitivityRow row;
      row.factor = data.axes[i].key;
      row.first = index.first_order;
      row.second = index.total;
      row.first_low = index.first_order_interval.low;
      row.first_high = index.first_order_interval.high;
      row.second_low = index.total_interval.low;
      row.second_high = index.total_interval.high;
      report.rows.push_back(row);
    }
    std::stable_sort(
        report.rows.begin(), report.rows.end(),
        [](const SensitivityRow& a, const SensitivityRow& b) { return a.second > b.second; });
  } else {
    throw Error(std::string("sensitivity needs a sweep built for it (design: morris for "
                            "elementary effects, saltelli for Sobol indices), not ") +
                design_name(data.design));
  }
  return report;
}

}  // namespace chokepoint
