#include <cstdio>

#include "arguments.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/sweep/sensitivity_report.hpp"
#include "commands.hpp"

namespace chokepoint::cli {

const char* const kSensitivityHelp =
    R"HELP(chokepoint sensitivity - which swept parameters move an outcome, and how much

Usage: chokepoint sensitivity SUMMARY.h5 --output NAME

SUMMARY.h5 is the summary of a finished sweep built for the analysis:
  design: morris    Morris elementary effects: mu* (mean absolute effect, the ranking),
                    mu (mean effect, sign), sigma (spread: interactions or non-linearity),
                    as each parameter moves across its whole range; and mu* per unit.
  design: saltelli  Sobol indices: first-order S (share of the outcome's variance due to the
                    parameter alone) and total ST (including its interactions), with 90%
                    bootstrap intervals.
NAME is an outcome column of the summary (e.g. focus_share_last_year, price_index_last_year,
shortage_cumulative, hub_volume_peak). Replicates of a point are averaged first.
See docs/SWEEPS.md.

Example: chokepoint sweep scenarios/sweeps/morris_screening.yaml
         chokepoint sensitivity results/sweeps/morris_screening/summary.h5 \
             --output focus_share_last_year
)HELP";

int sensitivity_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"--output"}, {});
  if (arguments.positional().size() != 1)
    throw UsageError("expects one sweep summary file (see chokepoint sensitivity --help)");
  const auto output = arguments.value("--output");
  if (!output) throw UsageError("--output NAME is required: the outcome to analyse");
  const SensitivityReport report =
      analyse_sensitivity(read_sweep_summary(arguments.positional()[0], *output));
  std::printf("%s of %s (%s), %zu runs at %zu design points\n",
              report.method == "morris" ? "Morris elementary effects" : "Sobol indices",
              report.output.c_str(), report.output_units.c_str(), report.runs, report.points);
  std::size_t width = 9;
  for (const SensitivityRow& row : report.rows)
    width = std::max(width, row.factor.size());
  const int w = static_cast<int>(width);
  if (report.method == "morris") {
    std::printf("  %-4s %-*s %12s %12s %12s %14s\n", "rank", w, "parameter", "mu*", "mu", "sigma",
                "mu* per unit");
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
      const SensitivityRow& row = report.rows[i];
      std::printf("  %-4zu %-*s %12.4g %12.4g %12.4g %14.4g\n", i + 1, w, row.factor.c_str(),
                  row.first, row.second, row.third, row.per_unit);
    }
    std::printf(
        "(mu*, mu, sigma: change in the outcome, in %s, as a parameter moves across its "
        "whole range; the last column is per unit of the parameter)\n",
        report.output_units.c_str());
  } else {
    std::printf("  %-4s %-*s %8s %19s %8s %19s\n", "rank", w, "parameter", "S", "90% interval",
                "ST", "90% interval");
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
      const SensitivityRow& row = report.rows[i];
      std::printf("  %-4zu %-*s %8.3f [%7.3f, %7.3f] %8.3f [%7.3f, %7.3f]\n", i + 1, w,
                  row.factor.c_str(), row.first, row.first_low, row.first_high, row.second,
                  row.second_low, row.second_high);
    }
  }
  return 0;
}

}  // namespace chokepoint::cli
