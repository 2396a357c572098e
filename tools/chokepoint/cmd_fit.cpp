#include <cstdio>
#include <string>

#include "arguments.hpp"
#include "chokepoint/analysis/compare.hpp"
#include "chokepoint/calibration/targets.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/output/run_file.hpp"
#include "commands.hpp"
#include "fit_table.hpp"

namespace chokepoint::cli {

const char* const kFitHelp =
    R"HELP(chokepoint fit - how well run files match a targets file

Usage: chokepoint fit TARGETS.yaml RUN.h5|FOLDER [RUN.h5|FOLDER...] [--check]
                      [--format table|csv]

Each run file counts as one seed (a folder gives its *.h5 files, or its runs/ for a sweep's
output). For each target: the period statistic of each run, their mean and sample standard
deviation, the goal, whether the mean is within it and the distance d (docs/CALIBRATION.md):
  value + tolerance:   d = (mean - value) / tolerance, within when |d| <= 1
  at_most / at_least / range: within when inside the bounds (d = 0); outside, d is the distance
                       to the nearest bound divided by the tolerance if given, else half the
                       range's width, else the bound's magnitude.
The last line gives the objective a calibration minimises: sum w d^2 / sum w.

  --check        exit 1 when any target is outside (for tests and CI); without it, exit 0
                 whatever the fit.
  --format F     table (default) or csv (one row per target, full precision).

Runs must share their calendar and axes (like `compare`). Blocs (coalition...) come from the
scenario the first file records; controlled/uncontrolled from its sector_controlled dataset.

Examples: chokepoint fit scenarios/targets/russia_tech.yaml results/russia_tech.h5
          chokepoint fit my_targets.yaml results/sweeps/seeds --check
)HELP";

int fit_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"--format"}, {"--check"});
  if (arguments.positional().size() < 2)
    throw UsageError("expects a targets file and at least one run file or folder (see --help)");
  const std::string format = arguments.value("--format").value_or("table");
  if (format != "table" && format != "csv")
    throw UsageError("--format expects table or csv, got \"" + format + "\"");
  const TargetsFile targets = load_targets(arguments.positional()[0]);
  std::vector<std::string> files;
  for (std::size_t i = 1; i < arguments.positional().size(); ++i)
    for (const std::string& file : run_files_of(arguments.positional()[i]))
      files.push_back(file);

  std::vector<std::vector<double>> statistics(targets.targets.size());
  RunRecord first;
  std::vector<ResolvedTarget> resolved;
  for (std::size_t r = 0; r < files.size(); ++r) {
    RunRecord record = read_run_file(files[r]);
    if (r == 0) {
      resolved = resolve_targets(targets, target_context(record, files[0]));
    } else {
      check_comparable(first, files[0], record, files[r]);
    }
    for (std::size_t t = 0; t < resolved.size(); ++t)
      statistics[t].push_back(target_statistic(resolved[t], record));
    if (r == 0) first = std::move(record);
  }
  std::vector<TargetFit> fits;
  bool all_within = true;
  for (std::size_t t = 0; t < targets.targets.size(); ++t) {
    fits.push_back(fit_target(targets.targets[t], statistics[t]));
    all_within = all_within && fits.back().within;
  }
  if (format == "csv") {
    std::fputs(fit_table_csv(targets.targets, fits).c_str(), stdout);
  } else {
    std::printf("%s: %zu run file(s)\n", targets.path.c_str(), files.size());
    std::fputs(fit_table_text(targets.targets, fits).c_str(), stdout);
  }
  return arguments.has("--check") && !all_within ? 1 : 0;
}

}  // namespace chokepoint::cli
