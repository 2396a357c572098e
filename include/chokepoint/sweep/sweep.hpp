#pragma once

// A parameter sweep: a base scenario, axes over any of its keys, a design that turns the axes
// into points, and replicates (seeds) per point. The format is docs/SWEEPS.md. Every run of a
// sweep is the base scenario with a few `--set` overrides and a seed, so a run gives the same
// datasets whether it runs alone, in a local sweep, on any MPI rank or in any shard.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chokepoint {

struct SweepAxis {
  std::string key;  // an override path, as for `chokepoint run --set`
  // Either explicit values (YAML scalars, written as given) or an interval [low, high] that a
  // sampled design draws from.
  std::vector<std::string> values;
  bool interval = false;
  double low = 0.0;
  double high = 0.0;

  bool operator==(const SweepAxis&) const = default;
};

enum class SweepDesign { Grid, Zip, Random, LatinHypercube, Sobol, Morris, Saltelli };

// The name a design has in a sweep file ("grid", "latin_hypercube", ...).
const char* design_name(SweepDesign design);

struct SweepDescription {
  std::string name;
  std::string source_path;    // the sweep file
  std::string base_scenario;  // path of the base scenario, as resolved against the sweep file
  std::string output;         // folder of the sweep's run files and summary
  std::vector<SweepAxis> axes;
  SweepDesign design = SweepDesign::Grid;
  std::uint64_t samples = 0;  // random, latin_hypercube, sobol: points; saltelli: base
                              // samples; morris: trajectories
  std::uint32_t levels = 4;   // morris: grid levels
  std::uint64_t design_seed = 1;
  std::uint32_t replicates = 1;
  std::uint64_t first_seed = 1;  // replicate r of every point runs with seed first_seed + r
  std::string resolved_yaml;     // the sweep as resolved, recorded in the summary

  bool operator==(const SweepDescription&) const = default;
};

// One run of a sweep: point `point`, replicate `replicate`, index point * replicates +
// replicate.
struct SweepRun {
  std::size_t index = 0;
  std::size_t point = 0;
  std::uint32_t replicate = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> values;     // per axis, the YAML text set
  std::vector<double> unit_point;      // per axis, the position in [0,1] (sampled designs)
  std::vector<std::string> overrides;  // "key=value" per axis

  bool operator==(const SweepRun&) const = default;
};

// Reads and validates a sweep file. Errors are ScenarioErrors with file, line, column and key
// path. The base scenario itself is checked by expand/plan, not here.
SweepDescription load_sweep_file(const std::string& path);

// True for a file that looks like a sweep (a map with `base` and `axes`), so `validate` can
// tell sweeps from scenarios; false for anything else, including unreadable files.
bool is_sweep_file(const std::string& path);

// Points of the design, then replicates: every run of the sweep in index order.
std::vector<SweepRun> expand_sweep(const SweepDescription& sweep);

// How many points the design has (runs = points x replicates).
std::size_t sweep_point_count(const SweepDescription& sweep);

}  // namespace chokepoint
