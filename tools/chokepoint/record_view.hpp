#pragma once

// Read access to a run record by series and axis name, for the command line's tables.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "chokepoint/output/run_record.hpp"

namespace chokepoint::cli {

class View {
 public:
  explicit View(const RunRecord& record) : record_(record) {}
  const Series& series(const std::string& name) const {
    const Series* s = record_.find_series(name);
    if (!s) throw OutputError("result has no series \"" + name + "\"");
    return *s;
  }
  bool has_series(const std::string& name) const { return record_.find_series(name) != nullptr; }
  std::size_t axis_size(const std::string& name) const {
    const Axis* a = record_.find_axis(name);
    return a ? a->size() : 0;
  }
  const std::vector<std::string>& labels(const std::string& name) const {
    return record_.find_axis(name)->labels;
  }
  // Mean over steps [from, to) of element `index` of a per-step series.
  double mean(const std::string& name, std::size_t from, std::size_t to,
              std::size_t index = 0) const {
    const Series& s = series(name);
    const std::size_t inner = s.values.size() / std::max<std::size_t>(1, steps());
    double sum = 0.0, count = 0.0;
    for (std::size_t t = from; t < to; ++t) {
      const double v = s.values[t * inner + index];
      if (std::isnan(v)) continue;
      sum += v;
      count += 1.0;
    }
    return count > 0.0 ? sum / count : std::nan("");
  }
  std::size_t steps() const { return axis_size("time"); }

 private:
  const RunRecord& record_;
};

}  // namespace chokepoint::cli
