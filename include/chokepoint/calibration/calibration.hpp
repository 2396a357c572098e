#pragma once

// Calibration: the values of a few scenario parameters (the free parameters, each in a box)
// that bring a scenario's runs closest to a set of targets, found by CMA-ES on the box scaled
// to [0,1]^n. Every candidate is run on the same seeds (common random numbers), candidates x
// seeds on worker threads, each run single-threaded; at the end the best few are re-run on
// fresh seeds and the best of those is chosen. docs/CALIBRATION.md explains the method.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/calibration/targets.hpp"

namespace chokepoint {

// `--free KEY=LO..HI`, KEY in the --set path syntax.
struct FreeParameter {
  std::string key;
  double low = 0.0;
  double high = 1.0;
  std::optional<double> start;  // default: the box centre
};

// "KEY=LO..HI" -> parameter. Throws UsageError naming the text and what is wrong.
FreeParameter parse_free_parameter(const std::string& text);
// "KEY=VALUE" (--start) applied to the parameter of that key. Throws UsageError for an unknown
// key or a value outside the parameter's box.
void apply_start(std::vector<FreeParameter>& free, const std::string& text);

// The --set overrides that give the parameters these values (numbers written so that they read
// back as exactly the same doubles).
std::vector<std::string> overrides_for(const std::vector<FreeParameter>& free,
                                       const std::vector<double>& values);

// Checks the free parameters against the scenario: distinct keys, each naming a number of the
// scenario (a default counts), and the scenario valid at both ends of each box and at the
// start. Throws ScenarioError located at "--free KEY=LO..HI".
void check_free_parameters(const std::string& scenario_path,
                           const std::vector<FreeParameter>& free);

struct CalibrationOptions {
  std::vector<FreeParameter> free;
  double sigma0 = 0.3;
  int population = 0;  // 0: 4 + floor(3 ln n)
  int generations = 20;
  int seeds = 4;
  std::uint64_t first_seed = 1;
  std::uint64_t search_seed = 1;
  int threads = 1;
  int confirm_seeds = 4;       // fresh seeds for the final re-evaluation; 0: none
  int confirm_candidates = 3;  // the final mean and the best evaluated points
  double margin = 0.0;         // bound targets' bounds pulled in by margin x scale (search only)
};

// One point evaluated on a set of seeds.
struct Evaluation {
  int generation = 0;  // -1 for the confirmation runs
  int candidate = 0;
  std::vector<double> parameters;               // in the parameters' own units
  std::vector<std::vector<double>> statistics;  // [target][seed]
  std::vector<TargetFit> fits;                  // per target
  double objective = 0.0;
};

struct GenerationSummary {
  int generation = 0;
  double best_objective = 0.0;  // of this generation's candidates
  double mean_objective = 0.0;  // mean of the finite ones
  double sigma = 0.0;           // step size after the update, in box widths
  std::vector<double> mean;     // distribution mean after the update, in parameter units
  // Per target: candidates of this generation whose statistic is not a number (a ratio with a
  // zero denominator...), which makes their objective infinite.
  std::vector<std::size_t> not_a_number;
};

struct CalibrationResult {
  std::vector<std::uint64_t> seeds;          // of the search
  std::vector<std::uint64_t> confirm_seeds;  // of the confirmation (may be empty)
  std::vector<Evaluation> evaluations;       // every search evaluation, in order
  std::vector<GenerationSummary> generations;
  std::vector<Evaluation> confirmations;  // candidate 0: the final mean; then the best points
  Evaluation chosen;                      // the result: its parameters and fit
  std::string resolved_scenario;          // the scenario at the chosen values
};

// Called after each generation (from the calling thread).
using CalibrationProgress = std::function<void(const GenerationSummary&)>;

CalibrationResult calibrate(const std::string& scenario_path, const TargetsFile& targets,
                            const CalibrationOptions& options,
                            const CalibrationProgress& progress = {});

// The `extends:` file of a calibration: `extends:` the scenario (relative to `out_path`'s
// folder) plus the calibrated values as nested YAML (a policy entry is repeated whole, by
// name; any other list whole), after `header` (comment lines). Loading it gives the scenario
// with overrides_for(free, values).
std::string calibrated_scenario_text(const std::string& scenario_path, const std::string& out_path,
                                     const std::vector<FreeParameter>& free,
                                     const std::vector<double>& values, const std::string& header);

// What a calibration history records besides the evaluations.
struct CalibrationProvenance {
  std::string command_line;
  std::string scenario_path;
  std::string targets_path;
  std::string targets_text;
  std::string options;  // "key=value; ..."
};

// PREFIX_history.h5 (docs/CALIBRATION.md, "Outputs"), through a temporary name.
void write_calibration_history(const std::string& path, const CalibrationResult& result,
                               const TargetsFile& targets, const CalibrationOptions& options,
                               const CalibrationProvenance& provenance);

}  // namespace chokepoint
