#include "chokepoint/analysis/compare.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

#include "chokepoint/error.hpp"
#include "chokepoint/output/run_file.hpp"
#include "chokepoint/scenario/calendar.hpp"

namespace chokepoint {

namespace fs = std::filesystem;

double student_t_95(std::size_t degrees) {
  // Exact table for few degrees of freedom, where the expansion below is poor.
  static constexpr std::array<double, 30> kTable = {
      6.313752, 2.919986, 2.353363, 2.131847, 2.015048, 1.943180, 1.894579, 1.859548,
      1.833113, 1.812461, 1.795885, 1.782288, 1.770933, 1.761310, 1.753050, 1.745884,
      1.739607, 1.734064, 1.729133, 1.724718, 1.720743, 1.717144, 1.713872, 1.710882,
      1.708141, 1.705618, 1.703288, 1.701131, 1.699127, 1.697261};
  if (degrees == 0) throw OutputError("a t-interval needs at least one degree of freedom");
  if (degrees <= kTable.size()) return kTable[degrees - 1];
  // Cornish-Fisher expansion around the normal quantile (error < 1e-5 beyond 30 degrees).
  const double z = 1.6448536269514722, v = static_cast<double>(degrees);
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
}

ReplicateSummary summarise_replicates(const std::vector<double>& values) {
  ReplicateSummary summary;
  summary.runs = values.size();
  if (values.empty()) {
    summary.mean = summary.low = summary.high = std::nan("");
    return summary;
  }
  double sum = 0.0;
  for (double v : values)
    sum += v;
  const double n = static_cast<double>(values.size());
  summary.mean = sum / n;
  summary.low = summary.high = summary.mean;
  if (values.size() < 2) return summary;
  double squares = 0.0;
  for (double v : values)
    squares += (v - summary.mean) * (v - summary.mean);
  const double half = student_t_95(values.size() - 1) * std::sqrt(squares / (n - 1) / n);
  summary.low = summary.mean - half;
  summary.high = summary.mean + half;
  return summary;
}

std::vector<std::string> run_files_of(const std::string& argument) {
  std::error_code error;
  if (fs::is_regular_file(argument, error)) return {argument};
  if (!fs::is_directory(argument, error))
    throw OutputError(argument + ": no such run file or folder");
  fs::path folder = argument;
  if (fs::is_directory(folder / "runs", error)) folder /= "runs";
  std::vector<std::string> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".h5")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw OutputError(folder.string() + ": folder holds no run files (*.h5)");
  return files;
}

namespace {

std::string labels_of(const RunRecord& record, const std::string& axis) {
  const Axis* found = record.find_axis(axis);
  if (!found) return "(none)";
  std::string text;
  for (const std::string& label : found->labels)
    text += (text.empty() ? "" : ",") + label;
  return text;
}

std::string calendar_text(const RunMetadata& meta) {
  return "start " + meta.calendar_start + ", " + std::to_string(meta.steps) + " steps of " +
         std::to_string(meta.months_per_step) + " month" + (meta.months_per_step == 1 ? "" : "s");
}

Calendar calendar_of(const RunMetadata& meta) {
  const auto start = parse_year_month(meta.calendar_start);
  if (!start) throw OutputError("run has no valid calendar start \"" + meta.calendar_start + "\"");
  Calendar calendar;
  calendar.start_year = start->first;
  calendar.start_month = start->second;
  calendar.months_per_step = std::max(1, meta.months_per_step);
  calendar.steps = meta.steps;
  return calendar;
}

std::string month_text(std::int32_t month_index) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", month_index / 12, month_index % 12 + 1);
  return buffer;
}

std::int32_t month_index_of(const std::string& text) {
  const auto month = parse_year_month(text);
  if (!month) throw OutputError("\"" + text + "\" is not a month (expected YYYY-MM)");
  return month->first * 12 + month->second - 1;
}

std::string label_of(const Calendar& calendar, StepRange steps) {
  const std::int32_t first = calendar.month_index(static_cast<std::int32_t>(steps.from));
  const std::int32_t last =
      calendar.month_index(static_cast<std::int32_t>(steps.to) - 1) + calendar.months_per_step - 1;
  return month_text(first) + ".." + month_text(last);
}

}  // namespace

void check_comparable(const RunRecord& a, const std::string& file_a, const RunRecord& b,
                      const std::string& file_b) {
  const std::string prefix = "cannot compare " + file_a + " and " + file_b + ": ";
  if (a.meta.calendar_start != b.meta.calendar_start || a.meta.steps != b.meta.steps ||
      a.meta.months_per_step != b.meta.months_per_step)
    throw OutputError(prefix + "calendars differ (" + calendar_text(a.meta) + " vs " +
                      calendar_text(b.meta) + ")");
  for (const char* axis : {"sector", "state"}) {
    const std::string left = labels_of(a, axis), right = labels_of(b, axis);
    if (left != right)
      throw OutputError(prefix + axis + " axes differ (" + left + " vs " + right + ")");
  }
}

std::string MonthPeriod::label() const {
  if (from.empty()) return "last year";
  return from == to ? from : from + ".." + to;
}

StepRange steps_of_period(const RunMetadata& meta, const MonthPeriod& period) {
  const Calendar calendar = calendar_of(meta);
  if (period.from.empty()) {
    const int per_year = std::max(1, 12 / calendar.months_per_step);
    const int steps = std::max(0, meta.steps);
    return {static_cast<std::size_t>(std::max(0, steps - per_year)),
            static_cast<std::size_t>(steps)};
  }
  const std::int32_t first = month_index_of(period.from);
  const std::int32_t last = month_index_of(period.to);
  if (last < first) throw OutputError("period " + period.label() + " ends before it starts");
  const std::int32_t run_first = calendar.month_index(0);
  const std::int32_t run_last = calendar.month_index(calendar.steps) - 1;
  if (first < run_first || last > run_last)
    throw OutputError("period " + period.label() + " is outside the run (" + month_text(run_first) +
                      ".." + month_text(run_last) + ")");
  // Every step whose months overlap [first, last].
  return {static_cast<std::size_t>((first - run_first) / calendar.months_per_step),
          static_cast<std::size_t>((last - run_first) / calendar.months_per_step + 1)};
}

namespace {

// For each run of `runs`, the index of the base's run with the same seed; empty unless both
// hold the same two or more seeds, each once.
std::vector<std::size_t> pair_by_seed(const ComparedRuns& base, const ComparedRuns& runs) {
  std::vector<std::uint64_t> a = base.seeds, b = runs.seeds;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a.size() < 2 || a != b || std::adjacent_find(a.begin(), a.end()) != a.end()) return {};
  std::vector<std::size_t> partner;
  for (std::uint64_t seed : runs.seeds)
    partner.push_back(static_cast<std::size_t>(
        std::find(base.seeds.begin(), base.seeds.end(), seed) - base.seeds.begin()));
  return partner;
}

}  // namespace

void summarise_comparison(Comparison& comparison,
                          const std::vector<std::vector<std::vector<double>>>& values) {
  const std::size_t outcomes = comparison.outcomes.size();
  for (std::size_t a = 0; a < comparison.runs.size(); ++a) {
    ComparedRuns& runs = comparison.runs[a];
    runs.outcomes.assign(outcomes, {});
    runs.difference.assign(outcomes, 0.0);
    for (std::size_t o = 0; o < outcomes; ++o) {
      std::vector<double> column;
      for (const std::vector<double>& run : values[a])
        column.push_back(run[o]);
      runs.outcomes[o] = summarise_replicates(column);
      runs.difference[o] = runs.outcomes[o].mean - comparison.runs[0].outcomes[o].mean;
    }
    runs.paired_difference.assign(outcomes, {});
    const std::vector<std::size_t> partner =
        a == 0 ? std::vector<std::size_t>{} : pair_by_seed(comparison.runs[0], runs);
    if (partner.empty()) continue;
    for (std::size_t o = 0; o < outcomes; ++o) {
      std::vector<double> differences;
      for (std::size_t r = 0; r < partner.size(); ++r)
        differences.push_back(values[a][r][o] - values[0][partner[r]][o]);
      runs.paired_difference[o] = summarise_replicates(differences);
    }
  }
}

std::vector<Comparison> compare_runs(const std::vector<std::string>& arguments,
                                     const std::vector<MonthPeriod>& periods) {
  if (arguments.size() < 2) throw OutputError("compare needs a base and at least one policy");
  std::vector<Comparison> comparisons(periods.size());
  // values[p][a][r][o]
  std::vector<std::vector<std::vector<std::vector<double>>>> values(
      periods.size(), std::vector<std::vector<std::vector<double>>>(arguments.size()));
  RunRecord reference;
  std::string reference_file;
  for (std::size_t a = 0; a < arguments.size(); ++a) {
    const std::vector<std::string> files = run_files_of(arguments[a]);
    ComparedRuns compared;
    compared.argument = arguments[a];
    compared.files = files;
    for (const std::string& file : files) {
      RunRecord record = read_run_file(file);
      compared.seeds.push_back(record.meta.seed);
      if (reference_file.empty()) {
        reference_file = file;
        for (std::size_t p = 0; p < periods.size(); ++p) {
          comparisons[p].steps = steps_of_period(record.meta, periods[p]);
          comparisons[p].period_label = label_of(calendar_of(record.meta), comparisons[p].steps);
        }
      } else {
        check_comparable(reference, reference_file, record, file);
      }
      for (std::size_t p = 0; p < periods.size(); ++p) {
        std::vector<Outcome> outcomes = headline_outcomes(record, comparisons[p].steps);
        std::vector<double> row;
        for (const Outcome& outcome : outcomes)
          row.push_back(outcome.value);
        values[p][a].push_back(std::move(row));
        if (comparisons[p].outcomes.empty()) comparisons[p].outcomes = std::move(outcomes);
      }
      if (reference_file == file) {
        record.series.clear();  // only the calendar and axes are compared
        reference = std::move(record);
      }
    }
    for (Comparison& comparison : comparisons)
      comparison.runs.push_back(compared);
  }
  for (std::size_t p = 0; p < periods.size(); ++p)
    summarise_comparison(comparisons[p], values[p]);
  return comparisons;
}

}  // namespace chokepoint
