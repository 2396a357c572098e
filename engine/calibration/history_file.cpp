// PREFIX_history.h5: every evaluation of a calibration, laid out like a run file (named
// dimensions, coordinate variables, units and long names on every dataset) so that h5py and
// xarray read it the same way; the layout is in docs/CALIBRATION.md, "Outputs".

#include "chokepoint/calibration/calibration.hpp"

#include <fstream>
#include <sstream>

#include "chokepoint/version.hpp"
#include "output/detail/arrays_file.hpp"
#include "output/detail/hdf5_attributes.hpp"
#include "output/detail/hdf5_datasets.hpp"

namespace chokepoint {

namespace {

using namespace output::detail;

Axis index_axis(const std::string& name, std::size_t size, const std::string& long_name) {
  Axis axis{name, {}, {}, "1", long_name};
  for (std::size_t i = 0; i < size; ++i)
    axis.values.push_back(static_cast<double>(i));
  return axis;
}

Axis seed_axis(const std::string& name, const std::vector<std::uint64_t>& seeds,
               const std::string& long_name) {
  Axis axis{name, {}, {}, "1", long_name};
  for (std::uint64_t seed : seeds)
    axis.values.push_back(static_cast<double>(seed));
  return axis;
}

class Arrays {
 public:
  void add(const std::string& name, const std::string& units, const std::string& long_name,
           std::vector<std::string> dims, std::vector<double> values, bool integer = false) {
    record_.series.push_back({name, units, long_name, std::move(dims), std::move(values), integer});
  }
  RunRecord& record() { return record_; }

 private:
  RunRecord record_;
};

// Per evaluation: [e][t] values, [e][t][s] per-seed statistics.
void add_evaluations(Arrays& arrays, const std::vector<Evaluation>& evaluations,
                     const std::string& prefix, const std::string& row,
                     const std::string& seed_dim) {
  std::vector<double> objective, mean, sd, distance, within, stats, parameters;
  for (const Evaluation& e : evaluations) {
    objective.push_back(e.objective);
    parameters.insert(parameters.end(), e.parameters.begin(), e.parameters.end());
    for (std::size_t t = 0; t < e.fits.size(); ++t) {
      mean.push_back(e.fits[t].mean);
      sd.push_back(e.fits[t].sd);
      distance.push_back(e.fits[t].distance);
      within.push_back(e.fits[t].within ? 1.0 : 0.0);
      stats.insert(stats.end(), e.statistics[t].begin(), e.statistics[t].end());
    }
  }
  arrays.add(prefix + "parameters", "as in the scenario", "values of the free parameters",
             {row, "parameter"}, parameters);
  arrays.add(prefix + "objective", "1", "weighted mean of squared target distances", {row},
             objective);
  arrays.add(prefix + "statistic_mean", "as the target", "target statistic, mean over seeds",
             {row, "target"}, mean);
  arrays.add(prefix + "statistic_sd", "as the target",
             "target statistic, sample standard deviation over seeds", {row, "target"}, sd);
  arrays.add(prefix + "distance", "1", "target distance d (0 inside bounds)", {row, "target"},
             distance);
  arrays.add(prefix + "within", "1", "1 if the target is met", {row, "target"}, within, true);
  arrays.add(prefix + "statistic", "as the target", "target statistic of each seed",
             {row, "target", seed_dim}, stats);
}

}  // namespace

void write_calibration_history(const std::string& path, const CalibrationResult& result,
                               const TargetsFile& targets, const CalibrationOptions& options,
                               const CalibrationProvenance& provenance) {
  Arrays arrays;
  RunRecord& record = arrays.record();
  Axis parameter{"parameter", {}, {}, "", "free parameter (--set key path)"};
  for (const FreeParameter& p : options.free)
    parameter.labels.push_back(p.key);
  Axis target{"target", {}, {}, "", "target name"};
  std::vector<double> weights;
  for (const Target& t : targets.targets) {
    target.labels.push_back(t.name);
    weights.push_back(t.weight);
  }
  record.axes = {index_axis("evaluation", result.evaluations.size(), "search evaluation"),
                 parameter, target, seed_axis("seed", result.seeds, "seed of the search runs"),
                 index_axis("generation", result.generations.size(), "CMA-ES generation")};
  std::vector<double> low, high, start, chosen;
  for (std::size_t i = 0; i < options.free.size(); ++i) {
    const FreeParameter& p = options.free[i];
    low.push_back(p.low);
    high.push_back(p.high);
    start.push_back(p.start.value_or((p.low + p.high) / 2.0));
    chosen.push_back(result.chosen.parameters.at(i));
  }
  arrays.add("parameter_low", "as in the scenario", "lower bound of the box", {"parameter"}, low);
  arrays.add("parameter_high", "as in the scenario", "upper bound of the box", {"parameter"}, high);
  arrays.add("parameter_start", "as in the scenario", "start of the search", {"parameter"}, start);
  arrays.add("chosen_parameters", "as in the scenario", "the calibrated values", {"parameter"},
             chosen);
  arrays.add("target_weight", "1", "weight of the target in the objective", {"target"}, weights);

  std::vector<double> generation, candidate;
  for (const Evaluation& e : result.evaluations) {
    generation.push_back(e.generation);
    candidate.push_back(e.candidate);
  }
  arrays.add("evaluation_generation", "1", "generation of the evaluation", {"evaluation"},
             generation, true);
  arrays.add("evaluation_candidate", "1", "candidate index within its generation", {"evaluation"},
             candidate, true);
  add_evaluations(arrays, result.evaluations, "", "evaluation", "seed");

  std::vector<double> best, mean, sigma, mean_parameters;
  for (const GenerationSummary& g : result.generations) {
    best.push_back(g.best_objective);
    mean.push_back(g.mean_objective);
    sigma.push_back(g.sigma);
    mean_parameters.insert(mean_parameters.end(), g.mean.begin(), g.mean.end());
  }
  arrays.add("generation_best_objective", "1", "best objective of the generation", {"generation"},
             best);
  arrays.add("generation_mean_objective", "1", "mean objective of the generation", {"generation"},
             mean);
  arrays.add("generation_sigma", "1", "CMA-ES step size after the generation (box widths)",
             {"generation"}, sigma);
  arrays.add("generation_mean_parameters", "as in the scenario",
             "CMA-ES distribution mean after the generation", {"generation", "parameter"},
             mean_parameters);

  if (!result.confirmations.empty()) {
    record.axes.push_back(index_axis("finalist", result.confirmations.size(),
                                     "re-evaluated point (0: the final CMA-ES mean)"));
    record.axes.push_back(
        seed_axis("confirm_seed", result.confirm_seeds, "seed of the confirmation runs"));
    add_evaluations(arrays, result.confirmations, "finalist_", "finalist", "confirm_seed");
  }

  const auto write_root = [&](hid_t root) {
    write_string_attribute(root, "filetype", "chokepoint-calibration");
    write_int_list_attribute(root, "format_version", {1, 0});
    write_string_attribute(root, "Conventions", "CF-1.8");
    write_string_attribute(root, "engine_version", engine_version());
    write_string_attribute(root, "git_revision", git_revision());
    write_string_attribute(root, "command_line", provenance.command_line);
    write_string_attribute(root, "scenario_file", provenance.scenario_path);
    write_string_attribute(root, "targets_file", provenance.targets_path);
    write_string_attribute(root, "options", provenance.options);
    write_double_attribute(root, "chosen_objective", result.chosen.objective);
    write_int_attribute(root, "chosen_finalist",
                        result.chosen.generation < 0 ? result.chosen.candidate : -1);
    std::ifstream in(provenance.scenario_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    Dataset scenario = write_scalar_string_dataset(root, "scenario_text", text.str());
    write_string_attribute(scenario.get(), "long_name", "the scenario file as given (YAML)");
    Dataset resolved = write_scalar_string_dataset(root, "scenario_yaml", result.resolved_scenario);
    write_string_attribute(resolved.get(), "long_name",
                           "the scenario resolved at the calibrated values (YAML)");
    Dataset targets_text =
        write_scalar_string_dataset(root, "targets_yaml", provenance.targets_text);
    write_string_attribute(targets_text.get(), "long_name", "the targets file (YAML)");
  };
  write_arrays_file(path, record, write_root, "cannot write calibration history '" + path + "': ");
}

}  // namespace chokepoint
