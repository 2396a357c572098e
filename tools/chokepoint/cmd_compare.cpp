#include <algorithm>
#include <cstdio>
#include <string>

#include "arguments.hpp"
#include "chokepoint/analysis/compare.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/output/table_file.hpp"
#include "commands.hpp"

namespace chokepoint::cli {

const char* const kCompareHelp =
    R"HELP(chokepoint compare - headline outcomes of policies side by side, against a base

Usage: chokepoint compare BASE POLICY [POLICY...] [--period FROM..TO] [--at YYYY-MM]
                          [--format table|csv|markdown]

Each argument is a run file, or a folder of replicate run files of one scenario (different
seeds): any folder of *.h5, or a sweep's output folder (its runs/ are used), e.g. of a sweep
whose only axis is replicates. The first argument is the base. For each argument the table
gives every headline outcome (China+HK or whichever focus group's share of controlled imports,
supplier concentration HHI, price index, domestic share, shortage, hub volume, designations,
subsidy spend) and its difference from the base's.

For a folder of replicates the value is the mean over its runs, with a 90% t-interval of that
mean in brackets: mean +- t(0.95, n-1) * s / sqrt(n), s the standard deviation across the
replicates. It says how well the replicates pin the mean down, not the spread of single runs.
The difference is the difference of the means; when the policy folder holds the same seeds as
the base (two or more), it gets a 90% t-interval too, of the mean of the per-seed differences
(paired runs share their random draws, so this interval is the one that says whether the
policy moved the outcome).

  --period FROM..TO   average over the months FROM to TO, both included (YYYY-MM..YYYY-MM);
                      the steps overlapping them are used. Default: the last year of the run.
  --at YYYY-MM        the value in one month (the step containing it). With --period as well,
                      both are printed, the period first.
  --format F          table (default, aligned text), csv (one row per outcome and argument,
                      full precision, for scripts: period, outcome, units, argument, role,
                      runs, mean, low, high, difference_from_base, difference_low,
                      difference_high) or markdown (a table for reports).
Outcomes named *_period or *_last_year are means over the period; the others (peak,
cumulative, designations, subsidy spend) are over the whole run whatever the period.

Runs are compared only if their calendars (start, steps, months per step) and their sector and
state axes are the same; otherwise compare stops with a message naming the two files (exit 1).

Examples: chokepoint compare results/base.h5 results/controls.h5
          chokepoint compare results/sweeps/base_seeds results/sweeps/tight_seeds --at 2023-06
          chokepoint compare base/ policy_a/ policy_b/ --period 2022-01..2022-12 --format csv
See docs/ANALYSIS.md.
)HELP";

namespace {

std::string letter(std::size_t index) {
  return index < 26 ? std::string(1, static_cast<char>('A' + index))
                    : "R" + std::to_string(index + 1);
}

enum class Style { Short, Signed, Full };

std::string number(double value, Style style = Style::Short) {
  char buffer[64];
  if (style == Style::Short) std::snprintf(buffer, sizeof buffer, "%.4g", value);
  if (style == Style::Signed) std::snprintf(buffer, sizeof buffer, "%+.4g", value);
  // Enough digits to give back the same double: what scripts reading the csv need.
  if (style == Style::Full) return number_text(value);
  return buffer;
}

std::string cell(const ReplicateSummary& s) {
  if (s.runs < 2) return number(s.mean);
  return number(s.mean) + " [" + number(s.low) + ", " + number(s.high) + "]";
}

std::string signed_number(double value) {
  return number(value, Style::Signed);
}

std::string difference_cell(const ComparedRuns& runs, std::size_t o) {
  const ReplicateSummary& paired = runs.paired_difference[o];
  if (paired.runs < 2) return signed_number(runs.difference[o]);
  return signed_number(runs.difference[o]) + " [" + signed_number(paired.low) + ", " +
         signed_number(paired.high) + "]";
}

std::string describe(const ComparedRuns& runs) {
  std::string text = runs.argument + ": " + std::to_string(runs.files.size()) + " run" +
                     (runs.files.size() == 1 ? "" : "s") + ", seed" +
                     (runs.seeds.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < runs.seeds.size(); ++i)
    text += (i == 0 ? " " : ",") + std::to_string(runs.seeds[i]);
  return text;
}

std::string heading(const Comparison& c) {
  return "period " + c.period_label + " (steps " + std::to_string(c.steps.from) + ".." +
         std::to_string(c.steps.to - 1) +
         "); [low, high]: 90% t-interval of the mean over replicates (of a difference: over "
         "the per-seed differences, when both hold the same seeds)";
}

void print_table(const Comparison& c) {
  std::printf("%s\n", heading(c).c_str());
  for (std::size_t a = 0; a < c.runs.size(); ++a)
    std::printf("  %s%s %s\n", letter(a).c_str(), a == 0 ? " (base)" : "       ",
                describe(c.runs[a]).c_str());
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"outcome", "units"};
  for (std::size_t a = 0; a < c.runs.size(); ++a) {
    header.push_back(letter(a));
    if (a > 0) header.push_back(letter(a) + " - A");
  }
  rows.push_back(header);
  for (std::size_t o = 0; o < c.outcomes.size(); ++o) {
    std::vector<std::string> row = {c.outcomes[o].name, c.outcomes[o].units};
    for (std::size_t a = 0; a < c.runs.size(); ++a) {
      row.push_back(cell(c.runs[a].outcomes[o]));
      if (a > 0) row.push_back(difference_cell(c.runs[a], o));
    }
    rows.push_back(row);
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], row[i].size());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string pad(widths[i] - row[i].size(), ' ');
      line += (i == 0 ? "" : "  ") + (i < 2 ? row[i] + pad : pad + row[i]);
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    std::printf("%s\n", line.c_str());
  }
}

void print_markdown(const Comparison& c) {
  std::printf("%s\n\n", heading(c).c_str());
  for (std::size_t a = 0; a < c.runs.size(); ++a)
    std::printf("- **%s**%s: %s\n", letter(a).c_str(), a == 0 ? " (base)" : "",
                describe(c.runs[a]).c_str());
  std::printf("\n| outcome | units |");
  for (std::size_t a = 0; a < c.runs.size(); ++a)
    std::printf(a == 0 ? " %s |" : " %s | %s - A |", letter(a).c_str(), letter(a).c_str());
  std::printf("\n|---|---|");
  for (std::size_t a = 0; a < c.runs.size(); ++a)
    std::printf(a == 0 ? "---:|" : "---:|---:|");
  std::printf("\n");
  for (std::size_t o = 0; o < c.outcomes.size(); ++o) {
    std::printf("| %s | %s |", c.outcomes[o].name.c_str(), c.outcomes[o].units.c_str());
    for (std::size_t a = 0; a < c.runs.size(); ++a) {
      std::printf(" %s |", cell(c.runs[a].outcomes[o]).c_str());
      if (a > 0) std::printf(" %s |", difference_cell(c.runs[a], o).c_str());
    }
    std::printf("\n");
  }
}

void print_csv(const Comparison& c, bool header) {
  if (header)
    std::printf(
        "period,outcome,units,argument,role,runs,mean,low,high,difference_from_base,"
        "difference_low,difference_high\n");
  for (std::size_t o = 0; o < c.outcomes.size(); ++o)
    for (std::size_t a = 0; a < c.runs.size(); ++a) {
      const ReplicateSummary& s = c.runs[a].outcomes[o];
      const ReplicateSummary& paired = c.runs[a].paired_difference[o];
      const bool has_pair = paired.runs >= 2;
      std::printf("%s,%s,%s,%s,%s,%zu,%s,%s,%s,%s,%s,%s\n", c.period_label.c_str(),
                  c.outcomes[o].name.c_str(), csv_field(c.outcomes[o].units).c_str(),
                  csv_field(c.runs[a].argument).c_str(), a == 0 ? "base" : "policy", s.runs,
                  number(s.mean, Style::Full).c_str(), number(s.low, Style::Full).c_str(),
                  number(s.high, Style::Full).c_str(),
                  number(c.runs[a].difference[o], Style::Full).c_str(),
                  has_pair ? number(paired.low, Style::Full).c_str() : "",
                  has_pair ? number(paired.high, Style::Full).c_str() : "");
    }
}

MonthPeriod parse_period(const std::string& text) {
  const auto dots = text.find("..");
  if (dots == std::string::npos)
    throw UsageError("--period expects FROM..TO (e.g. 2022-01..2022-12), got \"" + text + "\"");
  return {text.substr(0, dots), text.substr(dots + 2)};
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"--period", "--at", "--format"}, {});
  if (arguments.positional().size() < 2)
    throw UsageError("expects a base and at least one policy (see chokepoint compare --help)");
  const std::string format = arguments.value("--format").value_or("table");
  if (format != "table" && format != "csv" && format != "markdown")
    throw UsageError("--format must be table, csv or markdown, got \"" + format + "\"");
  std::vector<MonthPeriod> periods;
  if (const auto period = arguments.value("--period")) periods.push_back(parse_period(*period));
  if (const auto at = arguments.value("--at")) periods.push_back({*at, *at});
  if (periods.empty()) periods.push_back({});
  const std::vector<Comparison> comparisons = compare_runs(arguments.positional(), periods);
  for (std::size_t i = 0; i < comparisons.size(); ++i) {
    if (format == "csv") {
      print_csv(comparisons[i], i == 0);
      continue;
    }
    if (i > 0) std::printf("\n");
    if (format == "table") print_table(comparisons[i]);
    if (format == "markdown") print_markdown(comparisons[i]);
  }
  return 0;
}

}  // namespace chokepoint::cli
