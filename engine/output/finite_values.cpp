#include "chokepoint/output/finite_values.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "chokepoint/output/table_file.hpp"

namespace chokepoint {

namespace {

// "time=2023-05, sector=chips" for flat index `flat` of a series over `dims`.
std::string coordinates(const RunRecord& record, const Series& series, std::size_t flat) {
  const std::vector<std::size_t> shape = record.shape_of(series);
  std::vector<std::size_t> index(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    index[d] = flat % shape[d];
    flat /= shape[d];
  }
  std::string text;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    const Axis* axis = record.find_axis(series.dims[d]);
    std::string label = std::to_string(index[d]);
    if (axis && index[d] < axis->labels.size()) label = axis->labels[index[d]];
    text += (d ? ", " : "") + series.dims[d] + "=" + label;
  }
  return text;
}

}  // namespace

void check_finite_values(const RunRecord& record, const std::set<std::string>& missing_allowed) {
  for (const Series& series : record.series) {
    const bool nan_allowed = missing_allowed.count(series.name) > 0;
    std::size_t bad = 0, first = 0;
    for (std::size_t i = 0; i < series.values.size(); ++i) {
      const double v = series.values[i];
      if (std::isfinite(v) || (nan_allowed && std::isnan(v))) continue;
      if (bad++ == 0) first = i;
    }
    if (bad == 0) continue;
    throw Error("the run produced a value that is not a number: " + series.name + "[" +
                coordinates(record, series, first) + "] = " + number_text(series.values[first]) +
                (bad > 1 ? " (and " + std::to_string(bad - 1) + " more in this series)" : "") +
                "; no file was written. An input far outside its range (a demand or price near "
                "1e308, a subnormal price) is the usual cause");
  }
}

}  // namespace chokepoint
