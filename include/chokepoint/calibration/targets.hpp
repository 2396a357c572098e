#pragma once

// Published facts a scenario is checked and calibrated against (docs/CALIBRATION.md): each
// target names a quantity of the run files, a period, and either a value with a tolerance or
// bounds. Loading reads the file strictly (errors are ScenarioErrors with file:line:column and
// key path, like scenario errors); resolving ties each quantity to the datasets, labels and
// calendar of one scenario or run; the statistics and fit are plain arithmetic on run records.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "chokepoint/output/run_record.hpp"
#include "chokepoint/scenario/description.hpp"

namespace chokepoint {

// `dim=a|b|c` inside a term's brackets.
struct TargetSelector {
  std::string dim;
  std::vector<std::string> labels;
  // Offsets in the quantity's text, for errors that point at the word.
  std::size_t dim_at = 0;
  std::vector<std::size_t> labels_at;
};

// `series` or `series[dim=SEL, ...]`: reduces to one monthly series, summed over the labels
// selected and over every label of the dims not named.
struct TargetTerm {
  std::string series;
  std::size_t series_at = 0;  // offset in the quantity's text
  std::vector<TargetSelector> selectors;
};

// `TERM` or `TERM / TERM`.
struct TargetQuantity {
  std::string text;
  TargetTerm numerator;
  std::optional<TargetTerm> denominator;
};

// Calendar months, both included, as months since year 0 (year * 12 + month - 1).
struct MonthSpan {
  std::int32_t first = 0;
  std::int32_t last = 0;
  std::string text;  // as written, "2025-01..2025-12"
};

enum class TargetKind { Value, AtMost, AtLeast, Range };

struct Target {
  std::string name;
  TargetQuantity quantity;
  MonthSpan period;
  std::optional<MonthSpan> relative_to;
  TargetKind kind = TargetKind::Value;
  double value = 0.0;               // Value
  double low = 0.0, high = 0.0;     // AtLeast: low; AtMost: high; Range: both
  std::optional<double> tolerance;  // required for Value; optional scale for bounds
  double weight = 1.0;
  std::string source;
  // Where the parts were written, so that resolving can point at them.
  std::string key_path;  // "targets[3]"
  SourceLocation name_at, quantity_at, period_at, relative_to_at;
  // Where an offset in the quantity's text is in the file: quantity_at's line, and the column of
  // the text's first character when the text is written on that line as it reads (no escapes);
  // otherwise 0, and errors point at the quantity as a whole.
  int quantity_text_column = 0;

  // The location of an offset in the quantity's text.
  SourceLocation quantity_location(std::size_t offset) const;
};

struct TargetsFile {
  std::string path;
  std::string text;  // the file as read, recorded in calibration histories
  std::vector<Target> targets;
};

// Reads and checks a targets file (format in docs/CALIBRATION.md). Throws ScenarioError.
TargetsFile load_targets(const std::string& path);
// The same from text; errors name `source_name` as the file.
TargetsFile load_targets_text(const std::string& text, const std::string& source_name);

// What a quantity is resolved against: the layout of a run (series and their dims, axis
// labels, calendar) and the scenario's groups (blocs of states, controlled sectors).
struct TargetContext {
  std::string source;            // "scenario x.yaml" or "run file y.h5", for messages
  std::int32_t first_month = 0;  // months since year 0 of step 0
  std::int32_t months_per_step = 1;
  std::int32_t steps = 0;
  std::vector<Axis> axes;  // labels of sector, state, hub, route, channel...
  std::vector<std::pair<std::string, std::vector<std::string>>> series_dims;
  std::vector<std::pair<std::string, std::vector<std::string>>> blocs;  // bloc -> state codes
  std::vector<std::string> controlled_sectors, uncontrolled_sectors;
};

// From a scenario: the series a run of it writes (without running it).
TargetContext target_context(const ScenarioDescription& scenario);
// From a run read back from a file: its axes and series, the blocs of its recorded scenario
// (`scenario_yaml`) and the sector flags of its `sector_controlled` dataset.
TargetContext target_context(const RunRecord& record, const std::string& file);

// A term tied to one series: the flat offsets (over the non-time dims) summed each step.
struct ResolvedTerm {
  std::string series;
  std::vector<std::size_t> offsets;
  std::size_t inner = 1;  // values per step of the series
};

// Steps [from, to) whose months overlap a span.
struct StepSpan {
  std::size_t from = 0;
  std::size_t to = 0;
};

struct ResolvedTarget {
  ResolvedTerm numerator;
  std::optional<ResolvedTerm> denominator;
  StepSpan period;
  std::optional<StepSpan> relative_to;
};

// Ties every target to the context. Throws ScenarioError at the target's quantity or period
// for an unknown series, dim or label, or months outside the run.
std::vector<ResolvedTarget> resolve_targets(const TargetsFile& targets,
                                            const TargetContext& context);

// The period statistic of one run (docs/CALIBRATION.md): mean of the term over the period's
// steps, or sum of numerator / sum of denominator; divided by the same over relative_to when
// given. NaN values of a series are skipped; a statistic with nothing to average is NaN.
// Throws OutputError when the record lacks the series or its shape differs.
double target_statistic(const ResolvedTarget& target, const RunRecord& record);

// A target's fit given its statistic in each seed.
struct TargetFit {
  std::size_t seeds = 0;
  double mean = 0.0;      // over seeds
  double sd = 0.0;        // sample sd over seeds (0 with one seed)
  double distance = 0.0;  // d: (mean - value)/tolerance, or distance outside the bounds / scale
  bool within = false;
};
// `margin` (in units of the target's scale, see docs/CALIBRATION.md) tightens a bound target's
// bounds for the distance only, so that a search keeps a statistic away from the edge that
// other seeds would cross; `within` is always judged against the published bounds.
TargetFit fit_target(const Target& target, const std::vector<double>& statistics,
                     double margin = 0.0);

// sum_i w_i d_i^2 / sum_i w_i; infinite when a distance is not finite (a NaN statistic).
double fit_objective(const std::vector<Target>& targets, const std::vector<TargetFit>& fits);

// The target as a person reads it: "0.8 +- 0.05", "<= 0.5", ">= 2", "[0.1, 0.3]".
std::string describe_goal(const Target& target);

}  // namespace chokepoint
