#include "chokepoint/sweep/runner.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "chokepoint/error.hpp"
#include "chokepoint/output/run_file.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "chokepoint/world/memory_estimate.hpp"
#include "util/worker_threads.hpp"

namespace chokepoint {

namespace {

// FNV-1a, 64 bits: stable across platforms and builds, enough to tell variants apart.
std::string text_hash(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const std::string& part : parts)
    text += (text.empty() ? "" : separator) + part;
  return text;
}

ScenarioDescription load_variant(const SweepPlan& plan, const SweepRun& run) {
  try {
    ScenarioDescription scenario = load_scenario_file(plan.sweep.base_scenario, run.overrides);
    override_seed(scenario, run.seed);
    return scenario;
  } catch (const ScenarioError& error) {
    throw Error("sweep " + plan.sweep.name + ", run " + std::to_string(run.index) + " (" +
                joined(run.overrides, ", ") + "): " + error.what());
  }
}

void log_run(std::ofstream& log, std::size_t index, double seconds) {
  char line[96];
  std::snprintf(line, sizeof line, "run %zu finished in %.3f s\n", index, seconds);
  log << line;
  log.flush();
}

}  // namespace

SweepPlan plan_sweep(const SweepDescription& sweep) {
  SweepPlan plan;
  plan.sweep = sweep;
  plan.runs = expand_sweep(sweep);
  plan.variant_hashes.resize(plan.runs.size());
  // Replicates share their overrides: the scenario is read once per point, then only the
  // seed changes.
  std::optional<ScenarioDescription> point_scenario;
  for (const SweepRun& run : plan.runs) {
    if (run.replicate == 0) point_scenario = load_variant(plan, run);
    ScenarioDescription scenario = *point_scenario;
    override_seed(scenario, run.seed);
    plan.variant_hashes[run.index] = text_hash(scenario.resolved_yaml);
    const std::size_t agents =
        scenario.firm_count() + scenario.intermediary_count() + scenario.buyer_count();
    plan.agents_per_run = std::max(plan.agents_per_run, agents);
    plan.steps_per_run = std::max(plan.steps_per_run, scenario.calendar.steps);
    if (run.replicate == 0)  // the seed changes no array's size
      plan.memory_per_run = std::max(plan.memory_per_run, estimate_memory(scenario).total());
    if (run.index == 0) plan.memory_limit = memory_limit(scenario, std::nullopt);
  }
  return plan;
}

std::string sweep_run_path(const SweepPlan& plan, std::size_t index) {
  const std::size_t width =
      std::max<std::size_t>(6, std::to_string(plan.runs.empty() ? 0 : plan.runs.size() - 1).size());
  std::string number = std::to_string(index);
  number.insert(0, width > number.size() ? width - number.size() : 0, '0');
  return (std::filesystem::path(plan.sweep.output) / "runs" / ("run_" + number + ".h5")).string();
}

bool sweep_run_finished(const SweepPlan& plan, std::size_t index) {
  const auto annotations = read_sweep_annotations(sweep_run_path(plan, index));
  const auto hash = annotations.find("variant_hash");
  return hash != annotations.end() && hash->second == plan.variant_hashes[index];
}

std::vector<std::size_t> unfinished_runs(const SweepPlan& plan,
                                         const std::vector<std::size_t>& share) {
  std::vector<std::size_t> left;
  for (std::size_t index : share)
    if (!sweep_run_finished(plan, index)) left.push_back(index);
  return left;
}

std::vector<std::size_t> shard_of(std::size_t run_count, std::size_t shard, std::size_t shards) {
  std::vector<std::size_t> share;
  for (std::size_t i = shard; i < run_count; i += shards)
    share.push_back(i);
  return share;
}

void execute_sweep(const SweepPlan& plan, const SweepExecution& execution) {
  std::mutex hdf5;  // the HDF5 library is not thread-safe
  // Which process ran what: one log per rank, appended to, so a resumed or sharded sweep
  // keeps the history of every attempt.
  const std::filesystem::path log_path = std::filesystem::path(plan.sweep.output) / "log" /
                                         ("rank" + std::to_string(execution.rank) + ".txt");
  std::filesystem::create_directories(log_path.parent_path());
  std::ofstream log(log_path, std::ios::app);
  if (!log) throw Error("cannot open the sweep log " + log_path.string());
  std::mutex report;
  run_on_workers(execution.workers, [&](const std::atomic<bool>& stop) {
    while (!stop) {
      const std::optional<std::size_t> next = execution.next();
      if (!next) return;
      const SweepRun& run = plan.runs.at(*next);
      const auto started = std::chrono::steady_clock::now();
      const ScenarioDescription scenario = load_variant(plan, run);
      RunOptions options;
      options.threads = execution.threads_per_run;
      RunRecord record = run_scenario(scenario, options);
      record.meta.processes = execution.processes;
      record.meta.sweep = {
          {"name", plan.sweep.name},
          {"run", std::to_string(run.index)},
          {"point", std::to_string(run.point)},
          {"replicate", std::to_string(run.replicate)},
          {"overrides", joined(run.overrides, "; ")},
          {"variant_hash", plan.variant_hashes[run.index]},
          {"rank", std::to_string(execution.rank)},
      };
      {
        const std::lock_guard<std::mutex> lock(hdf5);
        write_run_file(sweep_run_path(plan, run.index), record);
      }
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const std::lock_guard<std::mutex> lock(report);
      log_run(log, run.index, seconds);
      if (execution.finished) execution.finished(run.index, seconds);
    }
  });
}

}  // namespace chokepoint
