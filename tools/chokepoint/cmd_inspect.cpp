#include <algorithm>
#include <cstdio>
#include <string>

#include "arguments.hpp"
#include "chokepoint/analysis/outcomes.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/output/run_file.hpp"
#include "commands.hpp"
#include "price_table.hpp"

namespace chokepoint::cli {

const char* const kInspectHelp =
    R"HELP(chokepoint inspect - what a run file holds

Usage: chokepoint inspect FILE.h5

Prints the run's scenario name and file, seed, engine version and git revision, calendar
(start, steps, months per step), threads and processes, wall time, the sweep annotations of a
run made by `chokepoint sweep` (sweep name, run index, point, replicate...), every axis and
every dataset with its dims, shape and units, and the headline outcomes (the last year's means
and the whole run's totals, as in a sweep summary). Then, by calendar year, the price index of
controlled goods, the same goods' index elsewhere (price_index_elsewhere) and the premium paid
over it, with the focus group's share of controlled imports on both bases: shipping state and
making state, and the share of what the focus group ships that was made elsewhere; and the
last year's delivered price by hop (maker, distributor, logistics, trader's markup, scarcity
rent, risk premium, payment fees, tariff) for each route, as shares of the first year's
price. See docs/ANALYSIS.md and docs/OUTPUT_FORMAT.md.

Examples: chokepoint inspect results/russia_tech.h5
          chokepoint inspect results/sweeps/enforcement_grid/runs/run_000003.h5
)HELP";

namespace {

std::string shape_text(const RunRecord& record, const Series& series) {
  std::string text;
  for (std::size_t n : record.shape_of(series))
    text += (text.empty() ? "" : " x ") + std::to_string(n);
  return text.empty() ? "scalar" : text;
}

std::string dims_text(const std::vector<std::string>& dims) {
  std::string text;
  for (const std::string& d : dims)
    text += (text.empty() ? "" : ", ") + d;
  return "(" + text + ")";
}

}  // namespace

int inspect_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {}, {});
  if (arguments.positional().size() != 1)
    throw UsageError("expects one run file (see chokepoint inspect --help)");
  const std::string& path = arguments.positional()[0];
  const RunRecord record = read_run_file(path);
  const RunMetadata& m = record.meta;
  std::printf("run file   %s\n", path.c_str());
  std::printf("scenario   %s (%s)\n", m.scenario_name.c_str(), m.scenario_file.c_str());
  std::printf("seed       %llu\n", static_cast<unsigned long long>(m.seed));
  std::printf("engine     %s (git %s)\n", m.engine_version.c_str(), m.git_revision.c_str());
  std::printf("calendar   start %s, %d steps of %d month%s\n", m.calendar_start.c_str(), m.steps,
              m.months_per_step, m.months_per_step == 1 ? "" : "s");
  std::printf("ran on     %d thread%s, %d process%s, %.2f s (%s .. %s)\n", m.threads,
              m.threads == 1 ? "" : "s", m.processes, m.processes == 1 ? "" : "es", m.wall_seconds,
              m.started_utc.c_str(), m.finished_utc.c_str());
  if (m.sweep.empty()) {
    std::printf("sweep      (not part of a sweep)\n");
  } else {
    std::printf("sweep\n");
    for (const auto& [key, value] : m.sweep)
      std::printf("  %-22s %s\n", key.c_str(), value.c_str());
  }

  std::printf("\naxes\n");
  for (const Axis& axis : record.axes) {
    std::string first;
    if (!axis.labels.empty())
      first = axis.labels.front() + (axis.size() > 1 ? " .. " + axis.labels.back() : "");
    std::printf("  %-14s %6zu  %s%s%s\n", axis.name.c_str(), axis.size(), first.c_str(),
                axis.units.empty() ? "" : "  units: ", axis.units.c_str());
  }

  std::size_t width = 8;
  for (const Series& s : record.series)
    width = std::max(width, s.name.size());
  const int w = static_cast<int>(width);
  std::printf("\ndatasets (%zu)\n", record.series.size());
  std::printf("  %-*s %-30s %-16s %s\n", w, "name", "dims", "shape", "units");
  for (const Series& s : record.series)
    std::printf("  %-*s %-30s %-16s %s\n", w, s.name.c_str(), dims_text(s.dims).c_str(),
                shape_text(record, s).c_str(), s.units.c_str());

  std::printf("\nheadline outcomes\n");
  for (const Outcome& o : headline_outcomes(record))
    std::printf("  %-28s %14.6g  %-12s %s\n", o.name.c_str(), o.value, o.units.c_str(),
                o.long_name.c_str());
  print_yearly_prices_and_origins(stdout, record, "the focus group");
  const std::size_t steps = static_cast<std::size_t>(m.steps);
  const std::size_t per_year = static_cast<std::size_t>(12 / std::max(1, m.months_per_step));
  const std::vector<std::string>& time = record.find_axis("time")->labels;
  if (steps > 0) {
    const std::size_t from = steps > per_year ? steps - per_year : 0;
    print_price_hops(stdout, record, from, steps, time[from] + ".." + time[steps - 1]);
  }
  return 0;
}

}  // namespace chokepoint::cli
