#pragma once

// Everything a run produces, in a shape that knows nothing of the model: named axes and
// named series over those axes. The HDF5 writer stores it; readers (tests, `inspect`,
// `compare`) get the same structure back.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace chokepoint {

// A named dimension. Its coordinate is `labels` (strings: sector codes, state codes...) or
// `values` (numbers, e.g. days since 1970-01-01 for time) or both, in which case the numbers
// are the coordinate and the labels are stored beside them as "<name>_label".
struct Axis {
  std::string name;
  std::vector<std::string> labels;
  std::vector<double> values;
  std::string units;  // for values, e.g. "days since 1970-01-01"
  std::string long_name;

  std::size_t size() const { return values.empty() ? labels.size() : values.size(); }
};

// One dataset: row-major over `dims` (names of axes), time first for per-step series.
struct Series {
  std::string name;
  std::string units;
  std::string long_name;
  std::vector<std::string> dims;
  std::vector<double> values;
  bool integer = false;  // stored as 64-bit integers (counts)
};

struct RunMetadata {
  std::string scenario_name;
  std::string scenario_file;
  std::string resolved_scenario;  // YAML text as resolved
  std::uint64_t seed = 0;
  std::string engine_version;
  std::string git_revision;
  int threads = 1;
  int processes = 1;
  std::string started_utc;   // ISO 8601
  std::string finished_utc;  // ISO 8601
  double wall_seconds = 0.0;
  std::string calendar_start;  // "YYYY-MM"
  int months_per_step = 1;
  int steps = 0;
  // For a run of a sweep: which run it is (sweep name, run index, point, replicate, the hash
  // of its resolved scenario...). Stored as root attributes "sweep_<key>".
  std::map<std::string, std::string> sweep;
};

struct RunRecord {
  RunMetadata meta;
  std::vector<Axis> axes;
  std::vector<Series> series;

  const Axis* find_axis(const std::string& name) const;
  const Series* find_series(const std::string& name) const;
  // Shape of a series, from its dims; throws OutputError for an unknown axis.
  std::vector<std::size_t> shape_of(const Series& s) const;
};

}  // namespace chokepoint
