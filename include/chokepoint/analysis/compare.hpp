#pragma once

// Policy comparison: the headline outcomes of a base run (or a folder of its replicates) next
// to those of one or more policy runs, with the difference from the base and, for replicates,
// an interval of the mean. `chokepoint compare` prints what compare_runs returns.

#include <optional>
#include <string>
#include <vector>

#include "chokepoint/analysis/outcomes.hpp"
#include "chokepoint/output/run_record.hpp"

namespace chokepoint {

// Mean of replicate values with a 90% t-interval of the mean: mean +- t(0.95, n-1) s/sqrt(n),
// s the sample standard deviation. With one value, low = high = mean (no spread to measure).
struct ReplicateSummary {
  std::size_t runs = 0;
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};
ReplicateSummary summarise_replicates(const std::vector<double>& values);

// The 0.95 quantile of Student's t with `degrees` degrees of freedom (>= 1).
double student_t_95(std::size_t degrees);

// The run files an argument names: itself when it is a file; the *.h5 files of a folder,
// sorted by name (of its runs/ subfolder when it has one: a sweep's output folder). Throws
// OutputError for a missing path or a folder without run files.
std::vector<std::string> run_files_of(const std::string& argument);

// Throws OutputError, naming both files and what differs, unless the two runs have the same
// calendar (start, steps, months per step) and the same sector and state axes.
void check_comparable(const RunRecord& a, const std::string& file_a, const RunRecord& b,
                      const std::string& file_b);

// A period of months as the user writes it: "YYYY-MM".."YYYY-MM" (both months included), or one
// month. Empty: the last year of the run.
struct MonthPeriod {
  std::string from;
  std::string to;
  std::string label() const;
};
// The steps whose months overlap the period; throws OutputError for a malformed month, a period
// that ends before it starts, or one outside the run's calendar.
StepRange steps_of_period(const RunMetadata& meta, const MonthPeriod& period);

// One argument of the comparison: its run files, their seeds, and per outcome the summary.
struct ComparedRuns {
  std::string argument;
  std::vector<std::string> files;
  std::vector<std::uint64_t> seeds;
  std::vector<ReplicateSummary> outcomes;  // in the order of Comparison::outcomes
  std::vector<double> difference;          // mean minus the base's mean (zero for the base)
  // When this argument and the base hold the same seeds (two or more, each once): the 90%
  // t-interval of the mean of the per-seed differences (runs = number of pairs). Paired by seed,
  // the two runs share their random draws, so the interval is narrower than the two intervals
  // of the means suggest. Otherwise empty (runs = 0).
  std::vector<ReplicateSummary> paired_difference;
};

struct Comparison {
  std::string period_label;  // "2022-01..2022-12"
  StepRange steps;
  std::vector<Outcome> outcomes;   // names, units, descriptions (values: unused)
  std::vector<ComparedRuns> runs;  // the base first
};

// Per-run outcomes -> the comparison: `values[a][r][o]` is outcome o of run r of argument a,
// whose seed is comparison.runs[a].seeds[r]. The first argument is the base. Pure arithmetic:
// what the tests check by hand.
void summarise_comparison(Comparison& comparison,
                          const std::vector<std::vector<std::vector<double>>>& values);

// Reads every run file of every argument (the first is the base), checks that all are
// comparable with the first, and summarises the headline outcomes over each period.
// One Comparison per period, in the order given.
std::vector<Comparison> compare_runs(const std::vector<std::string>& arguments,
                                     const std::vector<MonthPeriod>& periods);

}  // namespace chokepoint
