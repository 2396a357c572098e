// The calibration loop: CMA-ES proposes, every candidate is run on the same seeds, the
// objective of the seed-averaged statistics goes back; at the end the best few points are run
// again on fresh seeds. Runs go to worker threads one (candidate, seed) pair at a time and
// write only their own slot, so the result does not depend on the number of threads.

#include "chokepoint/calibration/calibration.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "chokepoint/calibration/cmaes.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "util/worker_threads.hpp"

namespace chokepoint {

namespace {

struct Problem {
  const std::string& scenario_path;
  const TargetsFile& targets;
  std::vector<ResolvedTarget> resolved;
  const CalibrationOptions& options;
};

// Calls job(i) for i in [0, count) on `threads` threads (the caller's included), handing out
// indices one at a time. The first error stops the others after their current job and is
// rethrown. Each job writes only its own results, so the outcome does not depend on `threads`.
template <typename Job>
void parallel_jobs(std::size_t count, int threads, const Job& job) {
  std::atomic<std::size_t> next{0};
  const auto workers = std::min(static_cast<std::size_t>(std::max(1, threads)), count);
  run_on_workers(static_cast<int>(workers), [&](const std::atomic<bool>& stop) {
    for (std::size_t i = next++; i < count && !stop; i = next++)
      job(i);
  });
}

// stats[point][target][seed] for every point on every seed.
std::vector<std::vector<std::vector<double>>> run_points(
    const Problem& problem, const std::vector<std::vector<double>>& points,
    const std::vector<std::uint64_t>& seeds) {
  const std::size_t targets = problem.resolved.size();
  const int threads = problem.options.threads;
  // Each point's scenario is read once, then run on every seed.
  std::vector<ScenarioDescription> scenarios(points.size());
  parallel_jobs(points.size(), threads, [&](std::size_t point) {
    scenarios[point] = load_scenario_file(problem.scenario_path,
                                          overrides_for(problem.options.free, points[point]));
  });
  std::vector<std::vector<std::vector<double>>> stats(
      points.size(), std::vector<std::vector<double>>(targets, std::vector<double>(seeds.size())));
  parallel_jobs(points.size() * seeds.size(), threads, [&](std::size_t job) {
    const std::size_t point = job / seeds.size(), seed = job % seeds.size();
    ScenarioDescription scenario = scenarios[point];
    override_seed(scenario, seeds[seed]);
    RunOptions run;
    run.threads = 1;
    const RunRecord record = run_scenario(scenario, run);
    for (std::size_t t = 0; t < targets; ++t)
      stats[point][t][seed] = target_statistic(problem.resolved[t], record);
  });
  return stats;
}

Evaluation evaluation_of(const Problem& problem, int generation, int candidate,
                         std::vector<double> parameters, std::vector<std::vector<double>> stats) {
  Evaluation evaluation;
  evaluation.generation = generation;
  evaluation.candidate = candidate;
  evaluation.parameters = std::move(parameters);
  evaluation.statistics = std::move(stats);
  for (std::size_t t = 0; t < problem.targets.targets.size(); ++t)
    evaluation.fits.push_back(
        fit_target(problem.targets.targets[t], evaluation.statistics[t], problem.options.margin));
  evaluation.objective = fit_objective(problem.targets.targets, evaluation.fits);
  return evaluation;
}

std::vector<double> to_parameters(const std::vector<FreeParameter>& free,
                                  const Eigen::VectorXd& x) {
  std::vector<double> values;
  for (std::size_t i = 0; i < free.size(); ++i) {
    const double unit = x[static_cast<Eigen::Index>(i)];
    // The ends are exact, so a search at a bound writes the bound itself.
    values.push_back(unit <= 0.0   ? free[i].low
                     : unit >= 1.0 ? free[i].high
                                   : free[i].low + unit * (free[i].high - free[i].low));
  }
  return values;
}

std::vector<std::uint64_t> seed_list(std::uint64_t first, int count) {
  std::vector<std::uint64_t> seeds;
  for (int i = 0; i < count; ++i)
    seeds.push_back(first + static_cast<std::uint64_t>(i));
  return seeds;
}

// NaN-free ordering key: an objective that is not a number ranks last.
double rank_key(double objective) {
  return std::isnan(objective) ? std::numeric_limits<double>::infinity() : objective;
}

}  // namespace

CalibrationResult calibrate(const std::string& scenario_path, const TargetsFile& targets,
                            const CalibrationOptions& options,
                            const CalibrationProgress& progress) {
  if (options.seeds < 1) throw UsageError("--seeds must be at least 1");
  if (options.generations < 1) throw UsageError("--generations must be at least 1");
  check_free_parameters(scenario_path, options.free);
  const std::vector<FreeParameter>& free = options.free;

  std::vector<double> start, start_unit;
  for (const FreeParameter& p : free) {
    start.push_back(p.start.value_or((p.low + p.high) / 2.0));
    start_unit.push_back((start.back() - p.low) / (p.high - p.low));
  }
  // The layout (series, labels, calendar) does not depend on the parameters' values.
  const ScenarioDescription at_start =
      load_scenario_file(scenario_path, overrides_for(free, start));
  Problem problem{scenario_path, targets, resolve_targets(targets, target_context(at_start)),
                  options};

  CalibrationResult result;
  result.seeds = seed_list(options.first_seed, options.seeds);
  CmaesSettings settings;
  settings.start = start_unit;
  settings.sigma0 = options.sigma0;
  settings.population = options.population;
  settings.seed = options.search_seed;
  Cmaes cmaes(settings);

  for (int g = 0; g < options.generations; ++g) {
    std::vector<std::vector<double>> points;
    for (const Eigen::VectorXd& x : cmaes.ask())
      points.push_back(to_parameters(free, x));
    auto stats = run_points(problem, points, result.seeds);
    std::vector<double> objectives;
    GenerationSummary summary;
    summary.generation = g;
    summary.best_objective = std::numeric_limits<double>::infinity();
    summary.not_a_number.assign(targets.targets.size(), 0);
    double sum = 0.0, finite = 0.0;
    for (std::size_t k = 0; k < points.size(); ++k) {
      Evaluation e = evaluation_of(problem, g, static_cast<int>(k), points[k], std::move(stats[k]));
      objectives.push_back(e.objective);
      for (std::size_t t = 0; t < e.fits.size(); ++t)
        if (std::isnan(e.fits[t].mean)) ++summary.not_a_number[t];
      summary.best_objective = std::min(summary.best_objective, rank_key(e.objective));
      if (std::isfinite(e.objective)) {
        sum += e.objective;
        finite += 1.0;
      }
      result.evaluations.push_back(std::move(e));
    }
    summary.mean_objective = finite > 0.0 ? sum / finite : std::numeric_limits<double>::infinity();
    cmaes.tell(objectives);
    summary.sigma = cmaes.sigma();
    summary.mean = to_parameters(free, cmaes.mean());
    result.generations.push_back(summary);
    if (progress) progress(summary);
  }

  // The candidates for the final choice: the distribution's mean (an average over many noisy
  // evaluations, often better than any one of them) and the best distinct evaluated points.
  std::vector<std::vector<double>> finalists = {to_parameters(free, cmaes.mean())};
  std::vector<std::size_t> order(result.evaluations.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return rank_key(result.evaluations[a].objective) < rank_key(result.evaluations[b].objective);
  });
  for (std::size_t i : order) {
    if (static_cast<int>(finalists.size()) >= std::max(1, options.confirm_candidates)) break;
    const std::vector<double>& p = result.evaluations[i].parameters;
    if (std::find(finalists.begin(), finalists.end(), p) == finalists.end()) finalists.push_back(p);
  }

  if (options.confirm_seeds > 0) {
    // Fresh seeds, after those of the search: a point that won by lucky noise on the search
    // seeds has no such luck here.
    result.confirm_seeds = seed_list(options.first_seed + static_cast<std::uint64_t>(options.seeds),
                                     options.confirm_seeds);
    auto stats = run_points(problem, finalists, result.confirm_seeds);
    for (std::size_t k = 0; k < finalists.size(); ++k)
      result.confirmations.push_back(
          evaluation_of(problem, -1, static_cast<int>(k), finalists[k], std::move(stats[k])));
    std::size_t best = 0;
    for (std::size_t k = 1; k < result.confirmations.size(); ++k)
      if (rank_key(result.confirmations[k].objective) <
          rank_key(result.confirmations[best].objective))
        best = k;
    result.chosen = result.confirmations[best];
  } else {
    // Without confirmation the best search evaluation is the answer (the mean was never run).
    result.chosen = result.evaluations[order.front()];
  }
  result.resolved_scenario =
      load_scenario_file(scenario_path, overrides_for(free, result.chosen.parameters))
          .resolved_yaml;
  return result;
}

}  // namespace chokepoint
