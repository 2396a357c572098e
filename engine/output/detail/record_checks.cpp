#include "output/detail/record_checks.hpp"

#include <cmath>
#include <functional>
#include <numeric>
#include <set>

#include "chokepoint/error.hpp"
#include "output/detail/run_file_format.hpp"

namespace chokepoint::output::detail {

std::string label_dataset_name(const Axis& axis) {
  return axis.name + std::string(kLabelSuffix);
}

bool has_label_dataset(const Axis& axis) {
  return !axis.values.empty() && !axis.labels.empty();
}

namespace {

// Every dataset sits at the root under its own name, so names share one namespace.
class NameRegistry {
 public:
  NameRegistry() { names_.insert(kScenarioDataset); }

  void add(const std::string& name, const std::string& what) {
    if (name.empty()) throw OutputError(what + " has an empty name");
    // '/' would make HDF5 look for a group; "." names the root itself.
    if (name.find('/') != std::string::npos || name == "." ||
        name.find('\0') != std::string::npos) {
      throw OutputError(what + " '" + name + "': names may not contain '/' or be '.'");
    }
    if (!names_.insert(name).second) {
      throw OutputError(what + " '" + name + "': the name is already used by another axis, " +
                        "series or the reserved '" + kScenarioDataset + "'");
    }
  }

 private:
  std::set<std::string> names_;
};

// int64 holds every integer in [-2^63, 2^63); doubles at either end are exact powers of two.
constexpr double kInt64Min = -9223372036854775808.0;
constexpr double kInt64End = 9223372036854775808.0;

void check_integer_values(const Series& series) {
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    const double v = series.values[i];
    if (!(v >= kInt64Min && v < kInt64End) || std::trunc(v) != v) {
      throw OutputError("integer series '" + series.name + "' holds " + std::to_string(v) +
                        " at flat index " + std::to_string(i) +
                        ", which is not a 64-bit integer; record it as a non-integer series");
    }
  }
}

}  // namespace

void check_writable(const RunRecord& record) {
  NameRegistry names;
  for (const Axis& axis : record.axes) {
    names.add(axis.name, "axis");
    if (has_label_dataset(axis)) {
      if (axis.labels.size() != axis.values.size()) {
        throw OutputError("axis '" + axis.name + "' has " + std::to_string(axis.values.size()) +
                          " values but " + std::to_string(axis.labels.size()) +
                          " labels; they must match one to one");
      }
      names.add(label_dataset_name(axis), "labels of axis '" + axis.name + "', stored as");
    }
  }
  for (const Series& series : record.series) {
    names.add(series.name, "series");
    const std::vector<std::size_t> shape = record.shape_of(series);
    const std::size_t expected =
        std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
    if (series.values.size() != expected) {
      std::string dims;
      for (std::size_t i = 0; i < shape.size(); ++i) {
        dims += (i > 0 ? " x " : "") + series.dims[i] + "(" + std::to_string(shape[i]) + ")";
      }
      throw OutputError("series '" + series.name + "' has " + std::to_string(series.values.size()) +
                        " values but its shape " + (dims.empty() ? std::string("(scalar)") : dims) +
                        " needs " + std::to_string(expected));
    }
    if (series.integer) check_integer_values(series);
  }
}

}  // namespace chokepoint::output::detail
